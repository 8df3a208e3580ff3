import { createHash } from 'node:crypto';
import type { DatasetSpec, DatasetStats } from '../../../shared/api/datasets';
import type { SessionsRepo } from '../sessions/sessionsRepo';
import { countMessageTokens, memoizedCounter, TOKENS_PER_MESSAGE } from '../transcripts/tokens';
import { cooperative } from '../util/cooperative';
import { mulberry32, shuffled } from '../util/random';
import type { EvalScenario } from '../../../shared/api/evaluation';
import type { SessionDetail } from '../../../shared/domain/session';
import { toChatExample, type ChatMessage } from './chatExample';
import { compose } from './compose';
import type { FrozenExample } from './datasetsRepo';
import { scenarioLeakage } from '../evaluation/scenarioLeakage';
import { findLeakage } from './leakage';
import type { PoolRow } from './sessionPool';
import { datasetStats } from './stats';

/**
 * The library keeps each session's token count (its system prompt and turns, counted as OpenAI does),
 * so only a default prompt the dataset adds is counted here; tokenizing every example again took most
 * of a freeze's time.
 */
function exampleTokens(session: SessionDetail, messages: ChatMessage[], countPrompt: (text: string) => number): number {
  const opensWithSystemTurn = session.turns[0]?.role === 'system';
  // Rare: a system turn in the conversation replaces the session's prompt, so the stored count does not apply.
  if (opensWithSystemTurn && session.systemPrompt) return countMessageTokens(messages.map((m) => ({ text: m.content })));
  const added = !opensWithSystemTurn && messages[0]?.role === 'system' && session.systemPrompt === null;
  return added ? session.tokenCount + countPrompt(messages[0]!.content) : session.tokenCount;
}

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
export async function materialize(pool: PoolRow[], spec: DatasetSpec, sessions: SessionsRepo, evaluationScenarios: readonly EvalScenario[] = []): Promise<Materialized> {
  const byId = new Map(pool.map((p) => [p.sessionId, p]));
  // A default system prompt is the same for every example: counted once.
  const tokensOf = memoizedCounter();
  const countPrompt = (text: string) => tokensOf(text) + TOKENS_PER_MESSAGE;
  const { chosen, shortfall } = compose(pool, spec);
  const ordered = shuffled(chosen, mulberry32(spec.seed ^ 0x5eed));
  const examples: FrozenExample[] = [];
  const texts: string[] = [];
  const breathe = cooperative();
  for (const c of ordered) {
    await breathe();
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
      tokens: exampleTokens(session, messages, countPrompt),
      turns: session.turns.length,
    });
    texts.push(session.turns.map((t) => t.text).join('\n'));
  }
  const leakage = [
    ...(await findLeakage(examples.map((e, i) => ({ sessionId: e.sessionId, title: e.title, split: e.split, text: texts[i]! })))),
    // A training session that contains an evaluation scenario would let the model see the test.
    ...scenarioLeakage(
      [...evaluationScenarios],
      examples.map((e, i) => ({ sessionId: e.sessionId, title: e.title, datasetVersionId: e.split, text: texts[i]! })),
    ).map((p) => ({ a: { sessionId: p.sessionId, title: p.sessionTitle, split: p.datasetVersionId as 'train' | 'validation' }, b: { sessionId: p.scenarioId, title: p.title, split: 'evaluation' as const }, similarity: p.similarity })),
  ];
  return { examples, stats: datasetStats(examples, shortfall, leakage), contentHash: contentHashOf(examples) };
}
