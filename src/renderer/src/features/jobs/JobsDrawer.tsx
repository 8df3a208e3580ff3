import { Anchor, Drawer, Stack, Text } from '@mantine/core';
import { href } from '../../lib/router';
import { QueryView } from '../../ui/QueryView';
import { JobCard } from './JobCard';
import { useJobsPanel } from './jobsPanel';
import { useJobs } from './useJobs';

export function JobsDrawer() {
  const panel = useJobsPanel();
  const jobs = useJobs();
  return (
    <Drawer
      opened={panel.opened}
      onClose={panel.close}
      position="right"
      size="lg"
      title={
        <Text fw={700} size="lg">
          Jobs
        </Text>
      }
    >
      <QueryView query={jobs} loading="Loading jobs…">
        {(list) =>
          list.length === 0 ? (
            <Text c="dimmed">
              No jobs yet. Long tasks show their progress here: speed tests now, generation and evaluation later. Try one under{' '}
              <Anchor href={href('settings', 'speed')} onClick={panel.close}>
                Settings → Speed test
              </Anchor>
              .
            </Text>
          ) : (
            <Stack gap="md">
              {list.map((job) => (
                <JobCard key={job.id} job={job} />
              ))}
            </Stack>
          )
        }
      </QueryView>
    </Drawer>
  );
}
