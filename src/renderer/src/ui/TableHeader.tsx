import { Table } from '@mantine/core';

/** A column by its label; `numeric` right-aligns the header, as the column's numbers are. */
export type TableColumn = string | { label: string; numeric: true };

/** A table's header row, each cell a column header for screen readers. */
export function TableHeader({ columns }: { columns: TableColumn[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c) =>
          typeof c === 'string' ? (
            <Table.Th key={c} scope="col">
              {c}
            </Table.Th>
          ) : (
            <Table.Th key={c.label} scope="col" style={{ textAlign: 'right' }}>
              {c.label}
            </Table.Th>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  );
}
