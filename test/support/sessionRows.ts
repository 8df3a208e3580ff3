import Database from 'better-sqlite3';
import { memoizedCounter, TOKENS_PER_MESSAGE } from '../../src/main/core/imports/tokens';

/** A seeded generator (mulberry32), so every run builds the same library. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SessionRowsOptions {
  count: number;
  /** Texts to draw user and assistant turns from. */
  utterances: { user: string[]; assistant: string[] };
  seed?: number;
  /** Every nth session carries its own system prompt (0: none). */
  systemPromptEvery?: number;
  /** Every nth session opens with a system turn (0: none). */
  systemTurnEvery?: number;
  /** Every nth session is tagged (0: none). */
  tagEvery?: number;
}

const DISTORTIONS = ['mind-reading', 'catastrophizing', 'labeling', 'should-statements', 'all-or-nothing'];

/**
 * Writes `count` approved sessions straight into a project file, half real and half synthetic (with
 * distortion labels), each 8–20 alternating turns, with token and turn counts as the app stores them.
 * The app's own import path is far slower; benches and tests that need a large library use this.
 * The full-text index is not built.
 */
export function writeSessions(file: string, options: SessionRowsOptions): void {
  const { count, utterances: pool } = options;
  const tokens = memoizedCounter();
  const random = prng(options.seed ?? count);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, title, source, status, system_prompt, metadata_json, token_count, turn_count, created_at, updated_at) VALUES (?, ?, ?, 'approved', ?, ?, ?, ?, ?, ?)`,
  );
  const insertTurn = db.prepare('INSERT INTO turns (session_id, seq, role, text) VALUES (?, ?, ?, ?)');
  const insertTag = db.prepare('INSERT INTO session_tags (session_id, tag) VALUES (?, ?)');
  const every = (n: number | undefined, i: number) => Boolean(n) && i % n! === 0;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = `01BENCHDS${String(i).padStart(17, '0')}`;
      const synthetic = i % 2 === 1;
      const length = 8 + Math.floor(random() * 13);
      const turns = Array.from({ length }, (_, k) => {
        const from = k % 2 ? pool.assistant : pool.user;
        return { role: k % 2 ? 'assistant' : 'user', text: from[Math.floor(random() * from.length)]! };
      });
      if (every(options.systemTurnEvery, i)) turns.unshift({ role: 'system', text: `Session ${i} opens with its own instruction.` });
      const systemPrompt = every(options.systemPromptEvery, i) ? `You are counsellor number ${i % 7}.` : null;
      const tokenCount = [...(systemPrompt ? [systemPrompt] : []), ...turns.map((t) => t.text)].reduce(
        (sum, text) => sum + tokens(text) + TOKENS_PER_MESSAGE,
        0,
      );
      const metadata = synthetic ? JSON.stringify({ distortions: [DISTORTIONS[i % DISTORTIONS.length]] }) : '{}';
      const at = 1_700_000_000_000 + i * 1000;
      insertSession.run(
        id,
        `${synthetic ? 'Synthetic' : 'Real'} session ${i}`,
        synthetic ? 'synthetic' : 'real',
        systemPrompt,
        metadata,
        tokenCount,
        turns.length,
        at,
        at,
      );
      turns.forEach((t, k) => insertTurn.run(id, k, t.role, t.text));
      if (every(options.tagEvery, i)) for (const tag of ['pilot', i % 2 ? 'batch-b' : 'batch-a']) insertTag.run(id, tag);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
