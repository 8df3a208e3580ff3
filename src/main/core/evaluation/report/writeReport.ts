import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvalReportFiles } from '../../../../shared/api/evaluation';
import { scoresCsv } from './csv';
import { slug } from './format';
import { renderReportHtml } from './html';
import { reportManifest } from './manifest';
import { REPORT_FILE_NAMES, type ReportInput } from './reportInput';

const MAX_FOLDER_ATTEMPTS = 1000;

/**
 * Writes report.html, scores.csv and manifest.json into a new folder
 * `<outDir>/<run name>-report-<yyyy-mm-dd-hhmm>` (local time of `generatedAt`); an existing folder
 * is never reused: the name gets " (2)", " (3)"… Everything is rendered before the folder exists,
 * files are written under temporary names and renamed at the end, and on any failure the folder
 * is removed again, so a report is either complete or absent.
 */
export async function writeReport(input: ReportInput, outDir: string): Promise<EvalReportFiles> {
  const html = renderReportHtml(input);
  const csv = scoresCsv(input.scores);
  const manifest = `${JSON.stringify(reportManifest(input, { html, csv }), null, 2)}\n`;

  await mkdir(outDir, { recursive: true });
  const folder = await claimFolder(outDir, `${slug(input.run.spec.name)}-report-${stamp(input.method.generatedAt)}`);
  const files = [
    { name: REPORT_FILE_NAMES.html, content: html },
    { name: REPORT_FILE_NAMES.csv, content: csv },
    { name: REPORT_FILE_NAMES.manifest, content: manifest },
  ];
  try {
    for (const file of files) await writeFile(join(folder, `.${file.name}.partial`), file.content, { encoding: 'utf8', flag: 'wx' });
    for (const file of files) await rename(join(folder, `.${file.name}.partial`), join(folder, file.name));
  } catch (error) {
    for (const file of files) {
      await rm(join(folder, `.${file.name}.partial`), { force: true });
      await rm(join(folder, file.name), { force: true });
    }
    await rmdir(folder).catch(() => undefined);
    throw error;
  }
  return {
    folder,
    html: join(folder, REPORT_FILE_NAMES.html),
    csv: join(folder, REPORT_FILE_NAMES.csv),
    manifest: join(folder, REPORT_FILE_NAMES.manifest),
  };
}

/** mkdir without `recursive` fails on an existing name, so two reports can never share a folder. */
async function claimFolder(outDir: string, base: string): Promise<string> {
  for (let i = 1; i <= MAX_FOLDER_ATTEMPTS; i++) {
    const folder = join(outDir, i === 1 ? base : `${base} (${i})`);
    try {
      await mkdir(folder);
      return folder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`Could not find a free folder name for the report in ${outDir} (tried ${base} up to (${MAX_FOLDER_ATTEMPTS})).`);
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}`;
}
