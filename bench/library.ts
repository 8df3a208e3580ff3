import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { distribution, printSection, timeEach } from './measure';
import { benchBackend } from './harness';

const root = join(import.meta.dirname, '..');
const ANNOMI = join(root, '..', 'shared', 'data', 'annomi', 'AnnoMI-simple.csv');

/** The CLI import of AnnoMI end to end, against a bare CSV parse plus a bare SQLite insert of the same rows. */
async function annomiImport(): Promise<Record<string, unknown>> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-import-'));
    const project = join(dataDir, 'bench.hds');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'out/main/cli.js'), ...args, '--data-dir', dataDir], { encoding: 'utf8' });
    const created = cli('projects', 'create', 'Bench', '--file', project);
    if (created.status !== 0) throw new Error(created.stderr);
    const started = performance.now();
    const run = cli('import', ANNOMI, '--project', project);
    runs.push(performance.now() - started);
    if (run.status !== 0 || !/133 sessions imported/.test(run.stdout)) throw new Error(`import failed: ${run.stdout}${run.stderr}`);
  }

  const bare: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const rows = Papa.parse<Record<string, string>>(readFileSync(ANNOMI, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const db = new Database(join(mkdtempSync(join(tmpdir(), 'hds-bench-bare-')), 'bare.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE u (transcript TEXT, seq INTEGER, speaker TEXT, text TEXT) STRICT');
    const insert = db.prepare('INSERT INTO u VALUES (?, ?, ?, ?)');
    db.transaction(() => rows.forEach((r) => insert.run(r.transcript_id, Number(r.utterance_id), r.interlocutor, r.utterance_text)))();
    db.close();
    bare.push(performance.now() - started);
  }
  const cliMs = distribution(runs).p50Ms;
  const bareMs = distribution(bare).p50Ms;
  return {
    'CLI import, process start to exit (ms, median of 3)': Math.round(cliMs),
    'bare CSV parse + SQLite insert (ms, median of 3)': Math.round(bareMs),
    'ratio CLI / bare': Math.round((cliMs / bareMs) * 10) / 10,
    budget: 'under 2000 ms',
  };
}

const words =
  'worry sleep work mother exam panic anger friend breakup grief money future failure lonely tired hope plan walk breathe notice'.split(
    ' ',
  );

/** Writes 100,000 sessions (~1.4M turns, a tag each, four statuses) and their search documents into a project file. */
export function buildBigLibrary(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, title, source, status, metadata_json, token_count, turn_count, created_at, updated_at) VALUES (?, ?, ?, ?, '{}', ?, ?, ?, ?)`,
  );
  const insertTurn = db.prepare('INSERT INTO turns (session_id, seq, role, text) VALUES (?, ?, ?, ?)');
  const insertTag = db.prepare('INSERT INTO session_tags (session_id, tag) VALUES (?, ?)');
  const statuses = ['draft', 'approved', 'rejected', 'needs_review'];
  db.transaction(() => {
    for (let i = 0; i < 100_000; i++) {
      const id = `01BENCH${String(i).padStart(19, '0')}`;
      const turns = 8 + (i % 13);
      insertSession.run(
        id,
        `Session ${i} about ${words[i % words.length]}`,
        i % 3 === 0 ? 'synthetic' : 'real',
        statuses[i % 4],
        turns * 30,
        turns,
        1_700_000_000_000 + i * 1000,
        1_700_000_000_000 + i * 1000,
      );
      for (let k = 0; k < turns; k++)
        insertTurn.run(
          id,
          k,
          k % 2 ? 'assistant' : 'user',
          `I ${words[(i + k) % words.length]} about ${words[(i * 7 + k) % words.length]} and ${words[(i * 3 + k * 5) % words.length]} number ${i}-${k}.`,
        );
      insertTag.run(id, `batch-${i % 50}`);
    }
  })();
  // The app keeps one search document per session as it writes; this bulk load builds them in one go.
  db.exec(
    `INSERT INTO sessions_fts (rowid, title, body) SELECT s.rowid, s.title, (SELECT group_concat(text, char(10)) FROM turns t WHERE t.session_id = s.id) FROM sessions s`,
  );
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** A library of 100,000 sessions: page queries, sorting and full-text search. */
async function bigLibrary(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hds-bench-lib-'));
  const { backend, api } = await benchBackend(dataDir);
  const { file } = await api.projects.create({ name: 'Big library' });
  await api.projects.close();

  const started = performance.now();
  buildBigLibrary(file);
  const buildMs = performance.now() - started;

  await api.projects.open({ file });
  const pages = (input: Parameters<typeof api.sessions.list>[0]) =>
    timeEach(30, (i) => api.sessions.list({ ...input, offset: (i * 997) % 90_000, limit: 100 }));
  const result = {
    'library built (sessions, ~1.4M turns) in s': Math.round(buildMs / 100) / 10,
    'page of 100, newest first': distribution(await pages({})),
    'page of 100, sorted by turns': distribution(await pages({ sort: 'turns', direction: 'desc' })),
    'page of 100, status approved + tag filter': distribution(await pages({ status: 'approved', tag: 'batch-7' })),
    'first page of 100 with its total, status approved + tag filter': distribution(
      await timeEach(30, (i) => api.sessions.list({ status: 'approved', tag: `batch-${i % 50}`, limit: 100 })),
    ),
    'full-text search, one word': distribution(
      await timeEach(20, (i) => api.sessions.list({ search: words[i % words.length]!, limit: 100 })),
    ),
    'full-text search, phrase': distribution(
      await timeEach(20, (i) => api.sessions.list({ search: `"${words[i % words.length]} about"`, limit: 100 })),
    ),
    'full-text search, rare term': distribution(await timeEach(20, (i) => api.sessions.list({ search: `${1000 + i}-3`, limit: 100 }))),
    // The header and the project screen ask for it; its counts are whole-table count(*)s, which SQLite answers from the b-tree's pages.
    'projects.current, with its counts': distribution(await timeEach(30, () => api.projects.current())),
    budget: 'page under 50 ms, search under 100 ms; at 100k: status + tag page p95 under 25 ms, phrase search p95 under 50 ms',
  };
  await backend.close();
  return result;
}

export async function libraryBench(): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  out['AnnoMI import'] = await annomiImport();
  printSection('Importing AnnoMI (133 transcripts, 9,699 utterances) through the CLI', out['AnnoMI import']);
  out['100,000-session library'] = await bigLibrary();
  printSection('A library of 100,000 sessions', out['100,000-session library']);
  return out;
}
