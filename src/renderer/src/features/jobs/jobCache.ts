import { replaceEqualDeep } from '@tanstack/react-query';
import type { JobSummary } from '../../../../shared/domain/job';

/** Later state wins; within the same millisecond, the one further along. */
function isNewer(a: JobSummary, b: JobSummary): boolean {
  return a.updatedAt > b.updatedAt || (a.updatedAt === b.updatedAt && a.done + a.failed > b.done + b.failed);
}

/**
 * Merges a new jobs list into the cached one. Pushed `job.updated` events and fetched lists race: a
 * list fetched a moment before a job's final event can arrive after it, and must not turn a finished
 * job back into a running one. So each job keeps whichever version is newer, and a job created after
 * the fetched snapshot is kept even though that snapshot does not list it yet.
 */
export function mergeJobLists(previous: unknown, next: unknown): unknown {
  const old = previous as JobSummary[] | undefined;
  const incoming = next as JobSummary[];
  if (!old || !Array.isArray(incoming)) return next;
  const byId = new Map(old.map((j) => [j.id, j]));
  const merged = incoming.map((j) => {
    const cached = byId.get(j.id);
    return cached && isNewer(cached, j) ? cached : j;
  });
  const listed = new Set(incoming.map((j) => j.id));
  const newestListed = incoming[0]?.createdAt ?? 0;
  const createdSince = old.filter((j) => !listed.has(j.id) && j.createdAt >= newestListed);
  return replaceEqualDeep(old, [...createdSince, ...merged]);
}
