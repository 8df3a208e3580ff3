import { Group, Pagination, Text } from '@mantine/core';
import { formatCount } from '../lib/format';

/** "Showing 26–50 of 120" and page buttons; hidden when everything fits on one page. */
export function Pager({
  offset,
  limit,
  total,
  onChange,
  label,
}: {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  label: string;
}) {
  if (total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  return (
    <Group justify="space-between" px="md" py="sm">
      <Text size="sm" c="dimmed">
        Showing {formatCount(offset + 1)}–{formatCount(Math.min(offset + limit, total))} of {formatCount(total)}
      </Text>
      <Pagination
        aria-label={label}
        total={Math.ceil(total / limit)}
        value={page}
        onChange={(p) => onChange((p - 1) * limit)}
        getControlProps={(control) => ({ 'aria-label': `${control} page` })}
        getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
      />
    </Group>
  );
}
