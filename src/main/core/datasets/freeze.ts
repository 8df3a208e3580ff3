import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { DatasetSpec, DatasetStats, LeakagePair } from '../../../shared/api/datasets';
import type { EvalScenario } from '../../../shared/api/evaluation';
import { sessionSignature, sessionText } from '../sessions/minhash';
import { countUncountedTokens } from '../sessions/tokenCounts';
import { countMessageTokens, memoizedCounter, TOKENS_PER_MESSAGE } from '../imports/tokens';
import { mulberry32, shuffled } from '../util/random';
import { scenarioMatcher, strongest, type ScenarioLeak } from '../evaluation/scenarioLeakage';
import { toChatExample, type ChatMessage } from './chatExample';
import { compose } from './compose';
import type { FrozenExample } from './datasetsRepo';
import { findLeakage } from './leakage';
import { PoolRepo, type SessionCopy } from './poolRepo';
import { datasetStats, type ExampleFacts } from './stats';

/** Sessions read and copied per page: big enough for few statements, small enough to hold nothing large. */
const PAGE = 500;

/**
 * The library keeps each session's token count (its system prompt and turns, counted as OpenAI does),
 * so only a default prompt the dataset adds is counted here; tokenizing every example again took most
 * of a freeze's time.
 */
function exampleTokens(session: SessionCopy, messages: ChatMessage[], countPrompt: (text: string) => number): number {
  const opensWithSystemTurn = session.turns[0]?.role === 'system';
  // Rare: a system turn in the conversation replaces the session's prompt, so the stored count does not apply;
  // or the session is uncounted (it landed after this freeze counted the library).
  if ((opensWithSystemTurn && session.systemPrompt) || session.tokenCount === null)
    return countMessageTokens(messages.map((m) => ({ text: m.content })));
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
  examples: number;
  stats: DatasetStats;
  contentHash: string;
  /** How many real and synthetic sessions the filters let in. */
  pool: { real: number; synthetic: number };
}

interface Kept extends ExampleFacts {
  sessionId: string;
  title: string;
  contentHash: string;
  signature: Uint32Array;
}

/**
 * Chooses the spec's examples from the pool and copies each session as a chat example, with its
 * tokens and content hash; then the statistics and the leakage check over what was chosen. The final
 * order is shuffled with the seed, so a training file does not run label by label.
 *
 * Sessions are read in id order, a page at a time, and each page of examples is handed to `store`
 * and dropped: only a few facts per example (split, tokens, hash, signature) stay until the end.
 * Signatures stored at import are reused; sessions without one are hashed here, and theirs kept.
 */
export function materialize(
  db: Database.Database,
  spec: DatasetSpec,
  evaluationScenarios: readonly EvalScenario[],
  store: (page: FrozenExample[]) => void,
  progress: (done: number, total: number) => void = () => undefined,
): Materialized {
  // Examples' tokens come from the stored counts; sessions an import left uncounted are counted first, here in the worker.
  countUncountedTokens(db);
  const repo = new PoolRepo(db);
  const pool = repo.pool(spec.filters);
  const byId = new Map(pool.map((p) => [p.sessionId, p]));
  const { chosen, shortfall } = compose(pool, spec);
  const ordered = shuffled(chosen, mulberry32(spec.seed ^ 0x5eed));
  const seqOf = new Map(ordered.map((c, i) => [c.sessionId, i]));
  // A default system prompt is the same for every example: counted once.
  const tokensOf = memoizedCounter();
  const countPrompt = (text: string) => tokensOf(text) + TOKENS_PER_MESSAGE;
  const matchScenarios = scenarioMatcher([...evaluationScenarios]);
  const kept: (Kept | undefined)[] = new Array(ordered.length);
  const scenarioHits: { seq: number; leaks: ScenarioLeak[] }[] = [];
  const ids = ordered.map((c) => c.sessionId).sort();

  for (let start = 0; start < ids.length; start += PAGE) {
    const copies = repo.copies(ids.slice(start, start + PAGE));
    const page: FrozenExample[] = [];
    const computed: { sessionId: string; signature: Uint32Array; updatedAt: number }[] = [];
    for (const [sessionId, session] of copies) {
      const seq = seqOf.get(sessionId)!;
      const c = ordered[seq]!;
      const row = byId.get(sessionId)!;
      const { messages } = toChatExample(
        {
          sessionId,
          split: c.split,
          source: c.source,
          title: row.title,
          systemPrompt: session.systemPrompt,
          turns: session.turns,
          labels: c.labels,
          tags: session.tags,
        },
        spec.systemPrompt,
      );
      const example: FrozenExample = {
        seq,
        sessionId,
        title: row.title,
        split: c.split,
        source: c.source,
        labels: c.labels,
        tags: session.tags,
        messages,
        contentHash: sha256(JSON.stringify(messages)),
        tokens: exampleTokens(session, messages, countPrompt),
        turns: session.turns.length,
      };
      page.push(example);
      const { split, source, labels, contentHash, tokens, turns, title } = example;
      let signature = session.signature;
      if (!signature) {
        signature = sessionSignature(session.turns);
        computed.push({ sessionId, signature, updatedAt: session.updatedAt });
      }
      kept[seq] = { sessionId, title, split, source, labels, contentHash, tokens, turns, signature };
      // A training session that contains an evaluation scenario would let the model see the test.
      // Without scenarios there is nothing to match: the session's text is not even joined.
      const leaks =
        evaluationScenarios.length > 0
          ? matchScenarios({ sessionId, title, datasetVersionId: c.split, text: sessionText(session.turns) })
          : [];
      if (leaks.length > 0) scenarioHits.push({ seq, leaks });
    }
    store(page);
    if (computed.length > 0) repo.storeSignatures(computed);
    progress(Math.min(start + PAGE, ids.length), ids.length);
  }

  const examples = kept.filter((k): k is Kept => k !== undefined);
  const leakage: LeakagePair[] = [
    ...findLeakage(examples),
    ...strongest(scenarioHits.sort((a, b) => a.seq - b.seq).flatMap((h) => h.leaks)).map((p) => ({
      a: { sessionId: p.sessionId, title: p.sessionTitle, split: p.datasetVersionId as 'train' | 'validation' },
      b: { sessionId: p.scenarioId, title: p.title, split: 'evaluation' as const },
      similarity: p.similarity,
    })),
  ];
  const real = pool.filter((p) => p.source === 'real').length;
  return {
    examples: examples.length,
    stats: datasetStats(examples, shortfall, leakage),
    contentHash: contentHashOf(examples),
    pool: { real, synthetic: pool.length - real },
  };
}
