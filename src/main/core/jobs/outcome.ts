import type { JobOutcome, JobStatus } from '../../../shared/domain/job';
import type { AnyJobHandler } from './jobHandler';
import type { ItemRow } from './jobRows';

/**
 * A finished job's honest count, read once from its items when it finishes: usable results,
 * results kept but unusable, failures, and the commonest problem in one sentence. A provider error
 * is reported by its first sentence, so failures with the same cause count together.
 */
export function tallyOutcome(handler: AnyJobHandler, items: readonly ItemRow[]): { outcome: JobOutcome; problems: number } {
  const unit = handler.unit ?? { one: 'item', many: 'items' };
  const causes = new Map<string, number>();
  const add = (phrase: string) => causes.set(phrase, (causes.get(phrase) ?? 0) + 1);
  let stored = 0;
  let unscored = 0;
  let failed = 0;
  let problems = 0;
  for (const item of items) {
    if (item.status === 'failed') {
      failed++;
      problems++;
      add(`failed: ${firstSentence(item.error ?? 'no reason was recorded')}`);
    } else if (item.status === 'done') {
      const assessed = handler.assess ? handler.assess(item.result) : { usable: true, problems: [] };
      if (assessed.usable) stored++;
      else unscored++;
      if (assessed.problems.length > 0 || !assessed.usable) problems++;
      for (const p of new Set(assessed.problems)) add(p);
    }
  }
  let cause: string | null = null;
  let most = 0;
  for (const [phrase, n] of causes) {
    if (n > most) [cause, most] = [phrase, n];
  }
  return { outcome: { stored, unscored, failed, cause: cause && `${most} ${most === 1 ? unit.one : unit.many} ${cause}` }, problems };
}

/** The state a job that ran to its end is in: failed with nothing usable, "finished with problems" when some part went wrong. */
export function finishedStatus(outcome: JobOutcome, problems: number, total: number): JobStatus {
  if (outcome.stored === 0 && total > 0) return 'failed';
  return problems > 0 ? 'problems' : 'succeeded';
}

/** The job's one-line message: the counts, the commonest cause, and what to do. */
export function outcomeMessage(outcome: JobOutcome, status: JobStatus, retryFailed = true): string | null {
  if (status === 'succeeded') return null;
  const counts = `${outcome.stored} stored, ${outcome.unscored} unscored, ${outcome.failed} failed.`;
  const lead = status === 'failed' ? `No usable result: ${counts}` : counts;
  const cause = outcome.cause ? ` Most common cause: ${outcome.cause}.` : '';
  const next = outcome.failed === 0 ? '' : retryFailed ? ' Resume to retry the failed items.' : ' See the reason for each failed item.';
  return `${lead}${cause}${next}`;
}

function firstSentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const end = trimmed.search(/[.!?](\s|$)/);
  const sentence = end > 0 ? trimmed.slice(0, end) : trimmed;
  // Cut at a word where it runs long, and say so.
  return sentence.length <= 200 ? sentence : `${sentence.slice(0, 200).replace(/\s+\S*$/, '')}…`;
}
