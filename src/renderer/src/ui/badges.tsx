import { Badge } from '@mantine/core';
import type { JobStatus } from '../../../shared/domain/job';
import type { SessionSource, SessionStatus } from '../../../shared/domain/session';

const jobStatus: Record<JobStatus, { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  running: { label: 'Running', color: 'blue' },
  paused: { label: 'Paused', color: 'yellow' },
  succeeded: { label: 'Succeeded', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
  interrupted: { label: 'Interrupted', color: 'orange' },
};

export function JobStatusBadge({ status }: { status: JobStatus }) {
  const s = jobStatus[status];
  return <Badge color={s.color}>{s.label}</Badge>;
}

const sessionStatus: Record<SessionStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  approved: { label: 'Approved', color: 'green' },
  rejected: { label: 'Rejected', color: 'red' },
  needs_review: { label: 'Needs review', color: 'yellow' },
};

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const s = sessionStatus[status];
  return <Badge color={s.color}>{s.label}</Badge>;
}

export function sessionStatusLabel(status: SessionStatus): string {
  return sessionStatus[status].label;
}

const sources: Record<SessionSource, string> = { real: 'Real', synthetic: 'Synthetic', sample: 'Sample' };

export function sourceLabel(source: SessionSource): string {
  return sources[source];
}
