import { mkdtemp, readdir } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import type { DatasetRecord, DatasetTurn } from '../../../src/main/core/datasets/chatExample';

export const CBT_PROMPT = 'You are a warm, structured CBT counselor. Ask one question at a time.';

const sessions: DatasetTurn[][] = [
  [
    { role: 'user', text: "I failed my statistics exam. I'm useless, I'll never finish this degree." },
    { role: 'assistant', text: "That sounds really discouraging. When you say you'll never finish, what goes through your mind?" },
    { role: 'user', text: 'That everyone else gets it and I am the only one who keeps failing.' },
    { role: 'assistant', text: 'Let\'s look at the evidence for and against that thought, "I\'m the only one who keeps failing".' },
  ],
  [
    { role: 'user', text: 'My boss sent an email saying "see me tomorrow". I know I am getting fired.' },
    { role: 'assistant', text: 'That is a scary email to get. What other explanations could there be, besides being fired?' },
    { role: 'user', text: 'Maybe the project, I guess.\nOr the schedule, we talked about it, last week.' },
    { role: 'assistant', text: 'So there are at least two other possibilities. How likely does being fired feel now, from 0 to 100?' },
  ],
  [
    { role: 'user', text: 'I cancelled on my friends again. They must think I am a terrible person.' },
    { role: 'assistant', text: 'You are reading their minds a little there. What have they actually said?' },
  ],
];

/** A realistic small session; `i` picks one of a few CBT conversations and names it. */
export function record(i: number, overrides: Partial<DatasetRecord> = {}): DatasetRecord {
  return {
    sessionId: `s-${i}`,
    split: i % 5 === 4 ? 'validation' : 'train',
    source: i % 2 === 0 ? 'real' : 'synthetic',
    title: `Session ${i}`,
    systemPrompt: null,
    turns: sessions[i % sessions.length]!,
    labels: i % 3 === 0 ? ['overgeneralization', 'labeling'] : ['mind reading'],
    tags: ['cbt'],
    ...overrides,
  };
}

export function records(n: number, overrides: Partial<DatasetRecord> = {}): DatasetRecord[] {
  return Array.from({ length: n }, (_, i) => record(i, overrides));
}

export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'hds-'));
}

/** Every file below `dir`, relative to it, sorted: what an export left behind. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Counts lines by streaming, as a check on files too big to read whole in a test. */
export async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const _line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) n++;
  return n;
}
