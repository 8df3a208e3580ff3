import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** A table row that may be the one open beside the table: marked for screen readers and tinted. */
export function SelectedRow({ selected, children }: { selected: boolean; children: ReactNode }) {
  return (
    <Table.Tr aria-current={selected ? 'true' : undefined} bg={selected ? 'var(--mantine-primary-color-light)' : undefined}>
      {children}
    </Table.Tr>
  );
}
