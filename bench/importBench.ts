// `npm run bench -- import`: the import's budgets (issue #12). The CLI's start-up (issue #17) is `npm run bench -- cli`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleaningOptionsSchema } from '../src/main/core/imports/cleaningOptions';
import { parseFile } from '../src/main/core/imports/parseFile';
import { prepareTranscript } from '../src/main/core/imports/prepareTranscript';
import { compare, runNode } from './cliStartup';
import { distribution, printSection } from './measure';

const root = join(import.meta.dirname, '..');
const ANNOMI = join(root, '..', 'shared', 'data', 'annomi', 'AnnoMI-simple.csv');
const CLI = join(root, 'out/main/cli.js');
const TIME = '/usr/bin/time';
const median = (xs: number[]) => distribution(xs).p50Ms;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

interface Run {
  wallMs: number;
  /** user + system CPU of the whole process (its worker threads included), when /usr/bin/time is there. */
  cpuMs: number | null;
  peakRssMb: number | null;
}

/** Runs a command as its own process; CPU time and peak RSS come from /usr/bin/time, when installed. */
function run(args: string[], expect?: RegExp): Run {
  const measured = existsSync(TIME);
  const started = performance.now();
  const child = measured
    ? spawnSync(TIME, ['-f', '@@%U %S %M', process.execPath, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (child.status !== 0 || (expect && !expect.test(child.stdout)))
    throw new Error(`${args.join(' ')} failed: ${child.stdout}${child.stderr}`);
  const line = /@@([\d.]+) ([\d.]+) (\d+)/.exec(child.stderr);
  if (!line) return { wallMs, cpuMs: null, peakRssMb: null };
  return { wallMs, cpuMs: (Number(line[1]) + Number(line[2])) * 1000, peakRssMb: Number(line[3]) / 1024 };
}

function project(): { dataDir: string; file: string; cli: (...args: string[]) => string[] } {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-import-'));
  const file = join(dataDir, 'bench.hds');
  const cli = (...args: string[]) => [CLI, ...args, '--project', file, '--data-dir', dataDir];
  const created = spawnSync(process.execPath, [CLI, 'projects', 'create', 'Bench', '--file', file, '--data-dir', dataDir], {
    encoding: 'utf8',
  });
  if (created.status !== 0) throw new Error(created.stderr);
  return { dataDir, file, cli };
}

/**
 * Parse, clean, merge and count a file that is one long run of a single speaker's lines (closed by one line of
 * the other speaker, since a file labelled by one speaker alone reads as a document): the part that must be linear.
 */
async function linearity(): Promise<Record<string, unknown>> {
  const options = cleaningOptionsSchema.parse({});
  const file = (lines: number) =>
    new TextEncoder().encode(
      [
        ...Array.from({ length: lines }, (_, i) => `Therapist: line ${i}, and I keep talking about the week, work and sleep.`),
        'Client: Thank you.',
      ].join('\n'),
    );
  const time = async (bytes: Uint8Array) => {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const parsed = await parseFile('monologue.txt', bytes);
      // As a preview prepares (counting every session's tokens): the import's own path counts fewer.
      for (const t of parsed.transcripts) prepareTranscript(t, { remembered: new Map() }, options, '', 'preview');
      samples.push(performance.now() - started);
    }
    return median(samples);
  };
  await time(file(200));
  const small = await time(file(1_000));
  const large = await time(file(10_000));
  return {
    '1,000 lines (ms, median of 3)': round(small),
    '10,000 lines (ms, median of 3)': round(large),
    'ratio 10k / 1k': round(large / small),
    budget: 'ratio at most 10 (linear)',
  };
}

/** AnnoMI through the whole CLI process against a bare papaparse + better-sqlite3 script of the same rows. */
function annomi(): Record<string, unknown> {
  const bare = join(mkdtempSync(join(tmpdir(), 'hds-bench-bare-')), 'bare.mjs');
  writeFileSync(
    bare,
    `import { readFileSync } from 'node:fs';
import Database from ${JSON.stringify(join(root, 'node_modules/better-sqlite3/lib/index.js'))};
import Papa from ${JSON.stringify(join(root, 'node_modules/papaparse/papaparse.js'))};
const rows = Papa.parse(readFileSync(process.argv[2], 'utf8'), { header: true, skipEmptyLines: true }).data;
const db = new Database(process.argv[3]);
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE u (transcript TEXT, seq INTEGER, speaker TEXT, text TEXT) STRICT');
const insert = db.prepare('INSERT INTO u VALUES (?, ?, ?, ?)');
db.transaction(() => rows.forEach((r) => insert.run(r.transcript_id, Number(r.utterance_id), r.interlocutor, r.utterance_text)))();
db.close();
`,
  );
  const cli = () => runNode(project().cli('import', ANNOMI), /133 sessions imported/);
  const script = () => runNode([bare, ANNOMI, join(mkdtempSync(join(tmpdir(), 'hds-bench-bare-')), 'bare.db')]);
  // The import leaves token counts to the first read that shows them: that read's cost, measured apart so it is not hidden.
  const firstRead = () => {
    const p = project();
    runNode(p.cli('import', ANNOMI), /133 sessions imported/);
    return runNode(p.cli('sessions', 'list', '--limit', '1'), /of 133 sessions/);
  };
  const counted = compare('first `sessions list` after it (counts 133 sessions)', firstRead, 'bare parse + insert script', script, 3);
  return {
    ...compare('CLI import', cli, 'bare parse + insert script', script, 5),
    budget: 'CPU ratio at most 4',
    [Object.keys(counted)[0]!]: Object.values(counted)[0],
  };
}

/** A 20 MB two-speaker text file through the CLI: peak memory of the whole process (worker included). */
function bigText(): Record<string, unknown> {
  const { dataDir, cli } = project();
  const path = join(dataDir, 'big.txt');
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 20 * 1024 * 1024; i++) {
    const line =
      i % 2 === 0
        ? `Client: session line ${i}, about the week at work, sleep, worry and what helped a little.`
        : `Therapist: line ${i}, so what did you notice when that happened, and what went through your mind?`;
    lines.push(line);
    size += line.length + 1;
  }
  writeFileSync(path, lines.join('\n'));
  const result = run(cli('import', path), /sessions imported/);
  return {
    'file size (MB)': round(size / 2 ** 20),
    'import, process start to exit (s)': round(result.wallMs / 1000),
    'peak RSS (MB)': result.peakRssMb === null ? 'not measured (no /usr/bin/time)' : Math.round(result.peakRssMb),
    budget: 'under 400 MB',
  };
}

export async function importBench(): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  out['linear merging'] = await linearity();
  printSection('One speaker, 1,000 against 10,000 lines (parse, clean, merge, count tokens)', out['linear merging']);
  out['AnnoMI CLI import'] = annomi();
  printSection('AnnoMI through the whole CLI process against a bare parse + insert', out['AnnoMI CLI import']);
  out['20 MB text file'] = bigText();
  printSection('A 20 MB text file through the CLI', out['20 MB text file']);
  return out;
}
