import { Badge } from '@mantine/core';
import { jobStatusLabels, type JobStatus } from '../../../shared/domain/job';
import { sessionSources, type SessionSource, type SessionStatus } from '../../../shared/domain/session';

const jobStatusColor: Record<JobStatus, string> = {
  queued: 'gray',
  running: 'blue',
  paused: 'yellow',
  succeeded: 'green',
  problems: 'orange',
  failed: 'red',
  cancelled: 'gray',
  interrupted: 'orange',
};

export function JobStatusBadge({ status }: { status: JobStatus }) {
  return <Badge color={jobStatusColor[status]}>{jobStatusLabels[status]}</Badge>;
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

/** Every session source as a select's options, in the shared domain's order. */
export const sourceOptions = sessionSources.map((s) => ({ value: s, label: sourceLabel(s) }));
