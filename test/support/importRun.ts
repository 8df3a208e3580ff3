import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileImportReport } from '../../src/shared/domain/importing';
import type { JobSummary } from '../../src/shared/domain/job';
import { settledJob, startTestBackend, type TestBackend } from './testBackend';

/** A fresh backend with a named project, and an empty temp folder for the files a test imports. */
export async function startImportBackend(project: string, dirPrefix: string): Promise<{ t: TestBackend; dir: string }> {
  const t = await startTestBackend();
  await t.api.projects.create({ name: project });
  return { t, dir: mkdtempSync(join(tmpdir(), dirPrefix)) };
}

/** Writes a file into `dir` and returns its path. */
export function writeInto(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Starts an import and waits until its job ends; returns the job and its per-file reports. */
export async function runImport(
  t: Pick<TestBackend, 'api'>,
  input: Parameters<TestBackend['api']['imports']['start']>[0],
): Promise<{ job: JobSummary; reports: FileImportReport[] }> {
  const started = await t.api.imports.start(input);
  const job = await settledJob(t, started.id);
  return { job, reports: (job.result as { reports?: FileImportReport[] }).reports ?? [] };
}
