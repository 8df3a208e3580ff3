import { Badge, Button } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { useJobsPanel } from '../jobs/jobsPanel';
import { isActive, useJobs } from '../jobs/useJobs';

/** Always in the header: how many jobs are running, and the way to the jobs panel. */
export function JobsButton() {
  const panel = useJobsPanel();
  const jobs = useJobs();
  const running = (jobs.data ?? []).filter(isActive).length;
  return (
    <Button
      variant={running > 0 ? 'light' : 'default'}
      onClick={panel.open}
      leftSection={<IconListCheck size={18} aria-hidden />}
      rightSection={
        running > 0 ? (
          <Badge size="sm" variant="filled" circle aria-hidden>
            {running}
          </Badge>
        ) : undefined
      }
      aria-label={running > 0 ? `Jobs: ${running} running` : 'Jobs: none running'}
      aria-haspopup="dialog"
    >
      Jobs
    </Button>
  );
}
