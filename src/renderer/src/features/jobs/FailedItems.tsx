import { Button, Collapse, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { JobSummary } from '../../../../shared/domain/job';
import { plural } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/QueryView';
import { useFailedItems } from './useJobs';

/** The items that failed, each with the error it failed on; fetched only when opened. */
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
            {items.data.rows.map((item) => (
              <Text key={item.id} component="li" size="sm">
                <Text span fw={600}>
                  Item {item.seq + 1}
                </Text>
                {item.attempts > 1 ? ` (${item.attempts} attempts)` : ''}: {item.error ?? 'no reason recorded'}
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
