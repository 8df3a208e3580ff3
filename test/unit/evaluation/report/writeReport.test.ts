import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportManifest } from '../../../../src/main/core/evaluation/report/manifest';
import { writeReport } from '../../../../src/main/core/evaluation/report/writeReport';
import { buildFixture } from './fixture';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('writeReport', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'report-out-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('writes report.html, scores.csv and manifest.json into a new folder named after the run and time', async () => {
    const input = buildFixture();
    const files = await writeReport(input, join(out, 'reports'));
    const d = new Date(input.method.generatedAt);
    const two = (n: number) => String(n).padStart(2, '0');
    expect(basename(files.folder)).toBe(
      `write-up-replication-nov-2026-report-${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}`,
    );
    expect(dirname(files.folder)).toBe(join(out, 'reports'));
    expect(readdirSync(files.folder).sort()).toEqual(['manifest.json', 'report.html', 'scores.csv']);
    expect(files).toEqual({
      folder: files.folder,
      html: join(files.folder, 'report.html'),
      csv: join(files.folder, 'scores.csv'),
      manifest: join(files.folder, 'manifest.json'),
    });

    const manifest = JSON.parse(readFileSync(files.manifest, 'utf8')) as ReportManifest;
    expect(manifest.files).toEqual([
      { name: 'report.html', bytes: readFileSync(files.html).length, sha256: sha256(files.html) },
      { name: 'scores.csv', bytes: readFileSync(files.csv).length, sha256: sha256(files.csv) },
    ]);
    expect(manifest.run).toEqual({ id: input.run.id, name: input.run.spec.name, status: 'done' });
    expect(manifest.scenarioSet).toEqual({ name: input.method.setName, version: 3, hash: input.method.setHash, scenarios: 6 });
    expect(manifest.arms.map((a) => [a.label, a.providerId, a.model, a.lineage.datasetName, a.lineage.datasetHash])).toEqual([
      ['Base + prompt', 'prov-openai', 'gpt-4o-mini-2024-07-18', null, null],
      ['Real-only', 'prov-openai', 'ft:gpt-4o-mini-2024-07-18:lab::real01', 'Real sessions', input.method.datasets[1]!.datasetHash],
      ['Hybrid', 'prov-openai', 'ft:gpt-4o-mini-2024-07-18:lab::hyb01', 'Real + synthetic', input.method.datasets[2]!.datasetHash],
    ]);
    expect(manifest.judge).toEqual({ providerName: 'Local vLLM', model: 'qwen2.5-72b-instruct', repeats: 2 });
    expect(manifest.simulator).toEqual({ providerId: 'prov-openai', providerName: 'OpenAI', model: 'gpt-4o-2024-08-06', temperature: 0.9 });
    expect(manifest.rubrics).toEqual(input.method.rubrics);
    expect(manifest.prompts).toEqual(input.method.prompts);
    expect(manifest.seeds).toEqual([1, 2]);
    expect(manifest.counts).toEqual({
      conversations: { total: 36, done: 36, failed: 0 },
      judgments: { total: 360, scored: 357, missing: 3 },
      scoreRows: 360,
      missingScores: 3,
    });
    expect(manifest.generatedAt).toBe('2026-11-24T14:05:00.000Z');
    expect(manifest.appVersion).toBe('0.1.0');
  });

  it('never overwrites: a second report of the same run and minute gets its own folder', async () => {
    const input = buildFixture();
    const first = await writeReport(input, out);
    const firstHtml = readFileSync(first.html, 'utf8');
    input.results.winners['empathy-relevance.empathy'] = null;
    const second = await writeReport(input, out);
    const third = await writeReport(input, out);
    expect(second.folder).toBe(`${first.folder} (2)`);
    expect(third.folder).toBe(`${first.folder} (3)`);
    expect(readFileSync(first.html, 'utf8')).toBe(firstHtml);
    expect(readFileSync(second.html, 'utf8')).not.toBe(firstHtml);
    for (const files of [first, second, third]) {
      const manifest = JSON.parse(readFileSync(files.manifest, 'utf8')) as ReportManifest;
      expect(manifest.files.map((f) => f.sha256)).toEqual([sha256(files.html), sha256(files.csv)]);
    }
  });

  it('leaves nothing behind when the report cannot be made', async () => {
    const input = buildFixture();
    (input.results as { models: unknown }).models = undefined;
    await expect(writeReport(input, out)).rejects.toThrow();
    expect(readdirSync(out)).toEqual([]);
  });
});
