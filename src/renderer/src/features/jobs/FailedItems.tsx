import { Button, Collapse, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { groupFailures, type JobSummary } from '../../../../shared/domain/job';
import { plural } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/QueryView';
import { useFailedItems } from './useJobs';

/** "3, 5, 9 and 12" for up to eight items, then "3, 5, 9 … and 40 more". */
function listItems(items: number[]): string {
  if (items.length <= 8) return items.length === 1 ? String(items[0]) : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  return `${items.slice(0, 6).join(', ')} … and ${items.length - 6} more`;
}

/** The items that failed, grouped by the error they failed on (commonest first); fetched only when opened. */
export function FailedItems({ job }: { job: JobSummary }) {
  const [opened, { toggle }] = useDisclosure(false);
  const items = useFailedItems(job, opened);
  if (job.failed === 0) return null;
  return (
    <Stack gap="xs">
      <Button variant="subtle" color="red" size="compact-sm" onClick={toggle} aria-expanded={opened} style={{ alignSelf: 'flex-start' }}>
        {opened ? 'Hide' : 'Show'} {plural(job.failed, 'failed item')}
      </Button>
      <Collapse expanded={opened}>
        {items.isPending && opened && <Loading label="Loading failed items…" />}
        {items.isError && <ErrorAlert error={items.error} onRetry={() => void items.refetch()} />}
        {items.data && (
          <Stack gap={6} component="ul" aria-label={`Failed items of ${job.title}`} p={0} m={0} style={{ listStyle: 'none' }}>
            {groupFailures(items.data.rows).map((g) => (
              <Text key={g.error} component="li" size="sm">
                <Text span fw={600}>
                  {g.items.length === 1 ? `Item ${g.items[0]}` : `${g.items.length} items (${listItems(g.items)})`}
                </Text>
                {g.attempts > 1 ? ` (up to ${g.attempts} attempts)` : ''}: {g.error}
              </Text>
            ))}
            {items.data.total > items.data.rows.length && (
              <Text component="li" size="sm" c="dimmed">
                …and {items.data.total - items.data.rows.length} more.
              </Text>
            )}
          </Stack>
        )}
      </Collapse>
    </Stack>
  );
}
