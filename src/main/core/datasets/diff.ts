import type { DatasetDiff } from '../../../shared/api/datasets';

type Fingerprints = Map<string, { title: string; split: string; contentHash: string }>;

/** What changed between two frozen versions, by session: added, removed, edited or moved between splits. */
export function diffVersions(from: Fingerprints, to: Fingerprints): Pick<DatasetDiff, 'added' | 'removed' | 'changed' | 'unchanged'> {
  const added: DatasetDiff['added'] = [];
  const removed: DatasetDiff['removed'] = [];
  const changed: DatasetDiff['changed'] = [];
  let unchanged = 0;
  for (const [sessionId, b] of to) {
    const a = from.get(sessionId);
    if (!a) {
      added.push({ sessionId, title: b.title, split: b.split });
      continue;
    }
    const what = [
      a.contentHash !== b.contentHash ? 'content edited' : null,
      a.split !== b.split ? `moved from ${a.split} to ${b.split}` : null,
    ]
      .filter(Boolean)
      .join(', ');
    if (what) changed.push({ sessionId, title: b.title, what });
    else unchanged++;
  }
  for (const [sessionId, a] of from) if (!to.has(sessionId)) removed.push({ sessionId, title: a.title, split: a.split });
  const byTitle = (x: { title: string }, y: { title: string }) => x.title.localeCompare(y.title);
  return { added: added.sort(byTitle), removed: removed.sort(byTitle), changed: changed.sort(byTitle), unchanged };
}
