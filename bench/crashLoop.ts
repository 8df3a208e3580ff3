import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAI } from '../test/support/fakeOpenAI';
import { runKillLoop } from '../test/support/crashHarness';
import { importState, runImportKillLoop } from '../test/support/importCrash';
import { runCli } from '../test/support/runCli';
import { writeTranscriptFolder } from '../test/support/transcriptFolder';

const KEY = 'sk-bench-crash-0123456789';

/** kill -9 at 10 random points of a 500-persona job against the fake with latency: nothing lost, nothing twice. */
async function generationLoop(): Promise<Record<string, unknown>> {
  const fake = await startFakeOpenAI({ apiKey: KEY, latencyMs: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'hds-bench-crash-'));
  try {
    const figures = await runKillLoop({ dir, fake, key: KEY, total: 500, kills: 10, seed: 2026 });
    console.log(`\nkill -9 loop (500 items, 10 random kills, fake latency 20 ms)\n  ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * kill -9 at 40 random moments of CLI imports of a folder (text, CSV, WebVTT; imports run again and jobs resumed
 * in turn), then every job resumed: sessions stored twice, missing, or without their file's done mark.
 */
async function importLoop(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'hds-bench-import-crash-'));
  try {
    const folder = join(dir, 'transcripts');
    const codes = writeTranscriptFolder(folder, {
      seed: 40,
      textFiles: 6,
      csvFiles: 4,
      sessionsPerCsv: 6,
      vttFiles: 4,
      turnsPerSession: 2500,
    });
    const project = join(dir, 'study.hds');
    const cli = (args: string[]) => runCli([...args, '--project', project, '--data-dir', join(dir, 'data')]);
    await cli(['projects', 'create', 'Bench crash', '--file', project]);
    const started = Date.now();
    const rounds = await runImportKillLoop({ dir, project, folder, codes, kills: 40, seed: 40, delayMs: { min: 100, max: 2500 } });
    for (const job of importState(project, codes).jobs.filter((j) => j.status !== 'succeeded')) await cli(['jobs', 'resume', job.id]);
    const end = importState(project, codes);
    const figures = {
      sessions: codes.length,
      kills: rounds.filter((r) => r.killed).length,
      brokenAfterAKill: rounds.filter((r) => r.broken.length > 0).length,
      /** Kills that landed after the run had stored at least one more file (the rest fell in start-up, reading or checking). */
      killsAfterAFileLanded: rounds.filter((r, i) => r.killed && r.filesDone > (rounds[i - 1]?.filesDone ?? 0)).length,
      jobs: end.jobs.length,
      jobsSucceeded: end.jobs.filter((j) => j.status === 'succeeded').length,
      stored: end.sessions,
      duplicates: end.duplicates,
      missing: end.missing,
      orphans: end.orphans,
      lost: end.lost,
      integrity: end.integrity,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    console.log(`\nkill -9 loop of CLI imports (${codes.length} sessions in 14 files, 40 random kills)\n  ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function crashLoopBench(): Promise<Record<string, unknown>> {
  return { generation: await generationLoop(), import: await importLoop() };
}
