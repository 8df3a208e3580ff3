import { ApiError } from '../../../shared/api/result';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import type { DatasetsRepo } from './datasetsRepo';

/**
 * The privacy gate at the points where data leaves the project (exports, training uploads): a frozen
 * version whose sessions now have detected personal details awaiting review (details were detected
 * again after the freeze, or the version was frozen before the gate existed) is refused, never
 * written out with the details in it.
 */
export function pendingInVersion(deps: { datasets: DatasetsRepo; sessions: SessionsRepo }, versionId: string): string[] {
  return pendingAmong(deps.sessions, [...deps.datasets.fingerprints(versionId).keys()]);
}

/** The sessions among `ids` whose detected personal details await review. */
function pendingAmong(sessions: SessionsRepo, ids: string[]): string[] {
  return ids.length ? sessions.ids({ ids, pendingDetails: true }) : [];
}

const sessionsWord = (n: number) => `${n} session${n === 1 ? '' : 's'}`;

/** Throws CONFLICT, naming the sessions, when any session of the version awaits personal-detail review. */
export function refusePendingDetails(deps: { datasets: DatasetsRepo; sessions: SessionsRepo }, versionId: string, action: string): void {
  const pending = pendingInVersion(deps, versionId);
  if (pending.length === 0) return;
  throw new ApiError(
    'CONFLICT',
    `Cannot ${action}: ${sessionsWord(pending.length)} in this version ${pending.length === 1 ? 'has' : 'have'} personal details awaiting review. Review them under Personal details, then freeze a new version.`,
    { sessionIds: pending },
  );
}

/** Why a running export left sessions out, in the job's result and its last progress line. */
export const PENDING_REASON = 'personal details await review';

/**
 * The gate inside a job, checked when the job runs rather than when it was queued: details may have
 * been detected in the meantime. The version's records without the sessions awaiting review, and
 * what was left out, so the job can say it.
 */
export function releasableRecords<R extends { sessionId: string }>(
  deps: { datasets: DatasetsRepo; sessions: SessionsRepo },
  versionId: string,
  records: Iterable<R>,
): { records: Generator<R>; sessions: number; withheld: { count: number; sessionIds: string[]; reason: string } | undefined } {
  const ids = [...deps.datasets.fingerprints(versionId).keys()];
  const pending = new Set(pendingAmong(deps.sessions, ids));
  function* kept(): Generator<R> {
    for (const r of records) if (!pending.has(r.sessionId)) yield r;
  }
  const note = withheldNote([...pending]);
  return { records: kept(), sessions: ids.length, withheld: note ? { ...note, reason: PENDING_REASON } : undefined };
}

/** Why a freeze left sessions out, for the version's statistics and the screen's link to them. */
export function withheldNote(sessionIds: string[]): { count: number; sessionIds: string[] } | undefined {
  // The ids are kept for the link to the library; a huge project keeps the first thousand.
  return sessionIds.length ? { count: sessionIds.length, sessionIds: sessionIds.slice(0, 1000) } : undefined;
}
