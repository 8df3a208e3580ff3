import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDatasetSpec } from '../../src/shared/api/datasets';
import { prng } from './sessionRows';
import { settledJob, type TestBackend } from './testBackend';

const OPENERS = ['So', 'Well', 'Honestly', 'Last week', 'At work', 'At home', 'Yesterday', 'Most mornings', 'When I try', 'Lately'];
const MIDDLES = [
  'I keep thinking everyone is judging me',
  'I notice my chest gets tight',
  'the thought that I will fail comes back',
  'I tell myself I am not good enough',
  'I avoid calling my sister',
  'I lie awake going over the meeting',
  'I assume the worst before anything happens',
  'I cancel plans at the last minute',
  'I read every silence as anger',
  'I try to write the thought down',
];
const ENDINGS = [
  'and it wears me out.',
  'but I am not sure why.',
  'even when nothing goes wrong.',
  'and then I feel stuck.',
  'which surprised me.',
];
const COUNSELOR = [
  'What goes through your mind right then?',
  'How strongly do you believe that thought, from zero to a hundred?',
  'What would you say to a friend who thought that?',
  'What evidence do you have for and against it?',
  'It sounds exhausting. What helps, even a little?',
  'Shall we try a thought record for that moment?',
];

/** One counseling session as (speaker, text) turns; its first turn names its visit code, which no other session shares. */
function sessionTurns(code: string, turns: number, random: () => number): { speaker: 'Counselor' | 'Client'; text: string }[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const out: { speaker: 'Counselor' | 'Client'; text: string }[] = [
    { speaker: 'Counselor', text: `Welcome back, this is visit ${code}. How has the week been?` },
  ];
  for (let i = 1; i < turns; i++) {
    out.push(
      i % 2 === 1
        ? { speaker: 'Client', text: `${pick(OPENERS)} ${pick(MIDDLES)} ${pick(ENDINGS)} (${Math.floor(random() * 1e6)})` }
        : { speaker: 'Counselor', text: pick(COUNSELOR) },
    );
  }
  return out;
}

const clock = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds / 60) % 60;
  const s = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.000`;
};

export interface TranscriptFolderOptions {
  seed: number;
  /** Plain-text files with speaker labels, one session each. */
  textFiles: number;
  /** CSV files with one row per utterance. */
  csvFiles: number;
  sessionsPerCsv: number;
  /** WebVTT captions with voice tags, one session each. */
  vttFiles: number;
  /**
   * Up to about 3,000: a longer session passes the import's default token limit (65,536) and is split into
   * windows that start with the client, so it no longer lands as one session opening with its visit code.
   */
  turnsPerSession: number;
}

/**
 * Writes a folder of real-looking transcripts in three formats and returns the visit code of every session
 * in it: after any number of crashed and repeated imports, each code must be in the library exactly once.
 */
export function writeTranscriptFolder(dir: string, o: TranscriptFolderOptions): string[] {
  if (o.turnsPerSession > 3000) throw new Error('turnsPerSession: at most 3,000, or sessions are split into token-limit windows.');
  mkdirSync(dir, { recursive: true });
  const random = prng(o.seed);
  const codes: string[] = [];
  const nextCode = () => {
    const code = `VQ${String(o.seed % 100).padStart(2, '0')}${String(codes.length).padStart(4, '0')}`;
    codes.push(code);
    return code;
  };
  for (let f = 0; f < o.textFiles; f++) {
    const turns = sessionTurns(nextCode(), o.turnsPerSession, random);
    const body = turns.map((t) => `${t.speaker}: ${t.text}`).join('\n');
    writeFileSync(join(dir, `session-${f + 1}.txt`), `Session notes, recorded with consent\n\n${body}\n`);
  }
  for (let f = 0; f < o.csvFiles; f++) {
    const rows = ['conversation_id,turn,speaker,text'];
    for (let s = 0; s < o.sessionsPerCsv; s++) {
      const id = `c${f + 1}-${s + 1}`;
      sessionTurns(nextCode(), o.turnsPerSession, random).forEach((t, i) => rows.push(`${id},${i + 1},${t.speaker},"${t.text}"`));
    }
    writeFileSync(join(dir, `group-${f + 1}.csv`), `${rows.join('\n')}\n`);
  }
  for (let f = 0; f < o.vttFiles; f++) {
    const cues = sessionTurns(nextCode(), o.turnsPerSession, random).map(
      (t, i) => `${clock(i * 4)} --> ${clock(i * 4 + 3)}\n<v ${t.speaker}>${t.text}</v>`,
    );
    writeFileSync(join(dir, `call-${f + 1}.vtt`), `WEBVTT\n\n${cues.join('\n\n')}\n`);
  }
  return codes;
}

/**
 * A frozen real-only dataset to train on: a generated folder (four text files, two CSVs of five sessions, two
 * WebVTT files) imported into the open project, every session approved. Returns the dataset version's id.
 */
export async function frozenTrainingSet(t: Pick<TestBackend, 'api'>, dir: string, seed: number): Promise<string> {
  const folder = join(dir, 'transcripts');
  writeTranscriptFolder(folder, { seed, textFiles: 4, csvFiles: 2, sessionsPerCsv: 5, vttFiles: 2, turnsPerSession: 8 });
  const files = readdirSync(folder).map((name) => join(folder, name));
  const imported = await settledJob(t, (await t.api.imports.start({ paths: files })).id);
  if (imported.status !== 'succeeded') throw new Error(`The training set's import ended ${imported.status}: ${imported.message}`);
  await t.api.sessions.bulkUpdate({ ids: await t.api.sessions.ids({}), status: 'approved' });
  const dataset = await t.api.datasets.create({
    name: 'Real',
    spec: { ...defaultDatasetSpec, mix: 'real-only', total: null, validationShare: 0.2 },
  });
  return (await t.api.datasets.freeze({ id: dataset.id })).id;
}
