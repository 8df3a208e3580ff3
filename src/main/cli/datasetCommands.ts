import { resolve } from 'node:path';
import {
  datasetMixes,
  defaultDatasetSpec,
  exportFormatIds,
  type DatasetSpec,
  type DatasetStats,
  type DatasetVersionSummary,
  type DatasetView,
  type ExampleIssueView,
  type ExportFormatId,
  type DatasetMix,
} from '../../shared/api/datasets';
import type { CommandContext, CommandOutput } from './commands';
import { keyValues, money, table } from './format';
import { waitForJob } from './jobWait';
import { arg, list, num, oneOf, sentenceList, str } from './options';
import { UsageError } from './usage';

type Command = (ctx: CommandContext) => Promise<CommandOutput>;

const STATUSES = ['approved', 'needs_review', 'draft'] as const;
/** How many rows of a diff list are printed for people; --json has them all. */
const DIFF_ROWS = 50;

/** A dataset by exact id, else by name (case-insensitive). */
async function findDataset(ctx: CommandContext, nameOrId: string): Promise<DatasetView> {
  const all = await ctx.client.api.datasets.list();
  const found = all.find((d) => d.id === nameOrId) ?? all.find((d) => d.name.toLowerCase() === nameOrId.toLowerCase());
  if (found) return found;
  if (all.length === 0)
    throw new UsageError(`No dataset named "${nameOrId}": this project has no datasets yet. Create one with: datasets create NAME`);
  throw new UsageError(`No dataset named "${nameOrId}". Datasets in this project: ${sentenceList(all.map((d) => d.name))}.`);
}

/** Version N of a dataset, or its newest frozen version. */
function pickVersion(dataset: DatasetView, version: number | undefined): DatasetVersionSummary {
  const versions = [...dataset.versions].sort((a, b) => a.version - b.version);
  // The command was right; the dataset is not ready yet: a failure of the run (exit 1), not of its usage (2).
  if (versions.length === 0)
    throw new Error(`"${dataset.name}" has no frozen version yet. Freeze one with: datasets freeze "${dataset.name}"`);
  if (version === undefined) return versions.at(-1)!;
  const found = versions.find((v) => v.version === version);
  if (!found)
    throw new UsageError(`"${dataset.name}" has no version ${version}. Its versions: ${versions.map((v) => v.version).join(', ')}.`);
  return found;
}

export async function datasetVersion(
  ctx: CommandContext,
  versionFlag = 'version',
): Promise<{ dataset: DatasetView; version: DatasetVersionSummary }> {
  const dataset = await findDataset(ctx, arg(ctx, 0, 'the dataset name or id (see: datasets list)'));
  return { dataset, version: pickVersion(dataset, num(ctx, versionFlag, { integer: true, min: 1 })) };
}

function specFrom(ctx: CommandContext): DatasetSpec {
  const statuses = list(ctx.options.status);
  const wrong = statuses.filter((s) => !(STATUSES as readonly string[]).includes(s));
  if (wrong.length) throw new UsageError(`--status takes a comma-separated list of: ${STATUSES.join(', ')} (got "${wrong.join(', ')}").`);
  const d = defaultDatasetSpec;
  return {
    filters: {
      statuses: statuses.length ? ([...new Set(statuses)] as DatasetSpec['filters']['statuses']) : d.filters.statuses,
      tags: list(ctx.options.tag),
      minScore: num(ctx, 'min-score') ?? d.filters.minScore,
      minTurns: num(ctx, 'min-turns', { integer: true, min: 0 }) ?? d.filters.minTurns,
      maxTurns: num(ctx, 'max-turns', { integer: true, min: 1 }) ?? d.filters.maxTurns,
    },
    mix: oneOf<DatasetMix>(ctx, 'mix', datasetMixes) ?? d.mix,
    syntheticShare: num(ctx, 'synthetic-share', { min: 0, max: 1 }) ?? d.syntheticShare,
    total: num(ctx, 'total', { integer: true, min: 1 }) ?? d.total,
    validationShare: num(ctx, 'validation', { min: 0, max: 0.5 }) ?? d.validationShare,
    seed: num(ctx, 'seed', { integer: true, min: 0 }) ?? d.seed,
    systemPrompt: str(ctx, 'system-prompt') ?? d.systemPrompt,
  };
}

const statsFields = (s: DatasetStats) => ({
  examples: s.examples,
  'train / validation': `${s.train} / ${s.validation}`,
  'real / synthetic': `${s.bySource.real} / ${s.bySource.synthetic}`,
  tokens: `${s.tokens.total} (mean ${Math.round(s.tokens.mean)}, max ${s.tokens.max})`,
  labels:
    s.labels
      .slice(0, 8)
      .map((l) => `${l.label} ${l.count}`)
      .join(', ') || '(none)',
  'leakage pairs': s.leakage.length,
  shortfall: s.shortfall ?? 'none',
  // The privacy gate's count: sessions the filters let in that stay out until their details are reviewed.
  'held back': s.withheldForDetails
    ? `${s.withheldForDetails.count} session${s.withheldForDetails.count === 1 ? '' : 's'} whose personal details await review (see: redaction list)`
    : 'none',
});

const leakageLines = (s: DatasetStats) =>
  s.leakage
    .slice(0, 10)
    .map((p) => `  ${p.a.title} (${p.a.split}) ~ ${p.b.title} (${p.b.split}): ${(p.similarity * 100).toFixed(0)}% similar`);

const issueLine = (i: ExampleIssueView) =>
  `${i.severity === 'error' ? 'error  ' : 'warning'}  ${i.example > 0 ? `example ${i.example}${i.sessionId ? ` (session ${i.sessionId})` : ''}` : 'dataset'}: ${i.message}`;

export const datasetCommands: Record<string, Command> = {
  'datasets list': async (ctx) => {
    const datasets = await ctx.client.api.datasets.list();
    const rows = datasets.map((d) => {
      const newest = [...d.versions].sort((a, b) => b.version - a.version)[0];
      return {
        name: d.name,
        mix: d.spec.mix,
        versions: d.versions.length,
        newest: newest ? `v${newest.version}` : '',
        examples: newest?.examples ?? '',
        tokens: newest?.tokens ?? '',
        hash: newest?.contentHash.slice(0, 12) ?? '',
        id: d.id,
      };
    });
    return {
      data: datasets,
      text: `${table(rows, ['name', 'mix', 'versions', 'newest', 'examples', 'tokens', 'hash', 'id'])}\n${datasets.length} dataset${datasets.length === 1 ? '' : 's'}`,
    };
  },

  'datasets create': async (ctx) => {
    const name = arg(ctx, 0, 'the dataset name');
    const match = str(ctx, 'same-size-as');
    if (match && ctx.options.total !== undefined)
      throw new UsageError('Pass --total or --same-size-as, not both: "same size as" sets the total from the other dataset.');
    const spec = { ...specFrom(ctx), ...(match ? { sameSizeAs: (await findDataset(ctx, match)).id } : {}) };
    // The preview also says how the size compares with the datasets it would be compared with.
    const preview = await ctx.client.api.datasets.preview({ spec });
    const warning = preview.sizeWarning ? `\nWarning: ${preview.sizeWarning}` : '';
    const matched = preview.matched
      ? `\nSame size as "${preview.matched.name}" v${preview.matched.version}: ${preview.matched.examples} examples.`
      : '';
    if (ctx.options.preview) {
      const text = [
        keyValues({ 'pool real / synthetic': `${preview.pool.real} / ${preview.pool.synthetic}`, ...statsFields(preview.stats) }),
        ...leakageLines(preview.stats),
      ].join('\n');
      return { data: preview, text: `${text}${matched}${warning}\nNothing was created (preview).` };
    }
    const created = await ctx.client.api.datasets.create({ name, spec });
    return {
      data: created,
      text: `Created dataset "${created.name}" (${created.id}, ${spec.mix}).${matched}${warning}\nFreeze a version with: datasets freeze "${created.name}"`,
    };
  },

  'datasets freeze': async (ctx) => {
    const dataset = await findDataset(ctx, arg(ctx, 0, 'the dataset name or id (see: datasets list)'));
    const v = await ctx.client.api.datasets.freeze({ id: dataset.id, note: str(ctx, 'note') });
    const text = keyValues({
      dataset: dataset.name,
      version: v.version,
      ...statsFields(v.stats),
      'content hash': v.contentHash,
      note: v.note ?? '',
    });
    return { data: v, text: [text, ...leakageLines(v.stats)].join('\n') };
  },

  'datasets validate': async (ctx) => {
    const { dataset, version } = await datasetVersion(ctx);
    const report = await ctx.client.api.datasets.validate({
      versionId: version.id,
      model: str(ctx, 'model'),
      epochs: num(ctx, 'epochs', { integer: true, min: 1, max: 50 }),
    });
    const shown =
      report.issues.length < report.errors + report.warnings
        ? [`(the first ${report.issues.length} of ${report.errors + report.warnings} issues)`]
        : [];
    const cost = report.trainingCost;
    const totals = keyValues({
      dataset: `${dataset.name} v${version.version}`,
      examples: report.examples,
      result: report.ok ? 'passes the format checks' : 'FAILS the format checks',
      errors: report.errors,
      warnings: report.warnings,
      'by code':
        Object.entries(report.byCode)
          .map(([code, n]) => `${code} ${n}`)
          .join(', ') || 'none',
      'token limit': report.tokenLimit ?? 'unknown',
      'training cost': cost
        ? `${cost.costUsd === null ? 'unknown' : money(cost.costUsd)} for ${cost.tokens} training tokens on ${cost.model} (${cost.basis})`
        : 'pass --model M for an estimate',
    });
    return {
      data: report,
      text: [...report.issues.map(issueLine), ...shown, ...(report.issues.length ? [''] : []), totals].join('\n'),
      exitCode: report.ok ? 0 : 1,
    };
  },

  'datasets export': async (ctx) => {
    const format = oneOf<ExportFormatId>(ctx, 'format', exportFormatIds);
    if (!format) throw new UsageError(`Missing --format (one of: ${exportFormatIds.join(', ')}).`);
    const out = str(ctx, 'out');
    if (!out) throw new UsageError('Missing --out DIR (the folder to export into).');
    const { dataset, version } = await datasetVersion(ctx);
    const outDir = resolve(out);
    const job = await ctx.client.api.datasets.export({ versionId: version.id, format, outDir, baseModel: str(ctx, 'base-model') });
    const done = await waitForJob(ctx, job);
    // The export is one job item: its result names the files, its error says why nothing was written.
    const item = (await ctx.client.api.jobs.items({ id: done.id, limit: 1 })).rows[0];
    if (done.status !== 'succeeded' || done.failed > 0 || item?.status !== 'done')
      throw new Error(item?.error ?? done.message ?? `The export ${done.status}.`);
    const result = (item.result ?? {}) as {
      files?: { path: string; bytes: number; count: number }[];
      records?: number;
      withheldForDetails?: { count: number; reason: string };
    };
    const files = result.files ?? [];
    const lines = files.map((f) => `  ${f.path}  (${f.count ? `${f.count} records, ` : ''}${f.bytes} bytes)`);
    const left = result.withheldForDetails;
    const leftLine = left
      ? `\n${left.count} session${left.count === 1 ? '' : 's'} left out: ${left.reason} (see: sessions list --pending-details).`
      : '';
    return {
      data: { job: done, files, records: result.records ?? 0, withheldForDetails: left ?? null },
      text: `Exported ${dataset.name} v${version.version} as ${format}: ${result.records ?? 0} sessions in ${files.length} file${files.length === 1 ? '' : 's'}\n${lines.join('\n')}${leftLine}`,
    };
  },

  'datasets diff': async (ctx) => {
    const dataset = await findDataset(ctx, arg(ctx, 0, 'the dataset name or id (see: datasets list)'));
    const fromN = num(ctx, 'from', { integer: true, min: 1 });
    const toN = num(ctx, 'to', { integer: true, min: 1 });
    if (fromN === undefined || toN === undefined) throw new UsageError('Pass --from N --to M (version numbers; see: datasets list).');
    const diff = await ctx.client.api.datasets.diff({
      fromVersionId: pickVersion(dataset, fromN).id,
      toVersionId: pickVersion(dataset, toN).id,
    });
    const section = (title: string, rows: string[]) =>
      rows.length
        ? [
            `${title} (${rows.length}):`,
            ...rows.slice(0, DIFF_ROWS).map((r) => `  ${r}`),
            ...(rows.length > DIFF_ROWS ? [`  … and ${rows.length - DIFF_ROWS} more (--json lists all)`] : []),
          ]
        : [];
    const text = [
      `${dataset.name} v${diff.from.version} → v${diff.to.version}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged`,
      ...section(
        'Added',
        diff.added.map((r) => `${r.title} (${r.sessionId}, ${r.split})`),
      ),
      ...section(
        'Removed',
        diff.removed.map((r) => `${r.title} (${r.sessionId}, ${r.split})`),
      ),
      ...section(
        'Changed',
        diff.changed.map((r) => `${r.title} (${r.sessionId}): ${r.what}`),
      ),
    ].join('\n');
    return { data: diff, text };
  },
};
