import { createHash } from 'node:crypto';
import type { DatasetSpec, DatasetStats } from '../../../shared/api/datasets';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import { countMessageTokens } from '../transcripts/tokens';
import { mulberry32, shuffled } from '../util/random';
import { toChatExample } from './chatExample';
import { compose } from './compose';
import type { FrozenExample } from './datasetsRepo';
import { findLeakage } from './leakage';
import type { PoolRow } from './sessionPool';
import { datasetStats } from './stats';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The dataset's content hash: what is trained on (each example's content and split, in order), not where it came from. */
export function contentHashOf(examples: readonly Pick<FrozenExample, 'split' | 'contentHash'>[]): string {
  const h = createHash('sha256');
  for (const e of examples) h.update(`${e.split}\t${e.contentHash}\n`);
  return h.digest('hex');
}

export interface Materialized {
  examples: FrozenExample[];
  stats: DatasetStats;
  contentHash: string;
}

/**
 * Chooses the spec's examples from the pool and copies each session as a chat example, with its
 * tokens and content hash; then the statistics and the leakage check over what was chosen.
 * The final order is shuffled with the seed, so a training file does not run label by label.
 */
export function materialize(pool: PoolRow[], spec: DatasetSpec, sessions: SessionsRepo): Materialized {
  const byId = new Map(pool.map((p) => [p.sessionId, p]));
  const { chosen, shortfall } = compose(pool, spec);
  const ordered = shuffled(chosen, mulberry32(spec.seed ^ 0x5eed));
  const examples: FrozenExample[] = [];
  const texts: string[] = [];
  for (const c of ordered) {
    const session = sessions.get(c.sessionId);
    if (!session) continue;
    const row = byId.get(c.sessionId)!;
    const { messages } = toChatExample({ sessionId: session.id, split: c.split, source: c.source, title: session.title, systemPrompt: session.systemPrompt, turns: session.turns, labels: c.labels, tags: session.tags }, spec.systemPrompt);
    examples.push({
      seq: examples.length,
      sessionId: session.id,
      title: row.title,
      split: c.split,
      source: c.source,
      labels: c.labels,
      tags: session.tags,
      messages,
      contentHash: sha256(JSON.stringify(messages)),
      tokens: countMessageTokens(messages.map((m) => ({ text: m.content }))),
      turns: session.turns.length,
    });
    texts.push(session.turns.map((t) => t.text).join('\n'));
  }
  const leakage = findLeakage(examples.map((e, i) => ({ sessionId: e.sessionId, title: e.title, split: e.split, text: texts[i]! })));
  return { examples, stats: datasetStats(examples, shortfall, leakage), contentHash: contentHashOf(examples) };
}
