import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkNewFilePath } from '../core/util/filePaths';
import type { GenerationEstimate } from '../../shared/api/generation';
import { jobStatusLabels, type JobSummary } from '../../shared/domain/job';
import type { JudgeScope } from '../../shared/api/judging';
import type { CommandContext, CommandOutput } from './commands';
import { keyValues, money, table } from './format';
import { waitForJob } from './jobWait';
import { UsageError } from './usage';

const strings = (value: unknown): string[] | undefined => {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const flat = list
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return flat.length ? flat : undefined;
};

function number(ctx: CommandContext, name: string): number | undefined {
  const raw = ctx.options[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number.`);
  return value;
}

async function providerFor(ctx: CommandContext): Promise<{ providerId: string; model: string }> {
  const name = typeof ctx.options.provider === 'string' ? ctx.options.provider : undefined;
  const model = typeof ctx.options.model === 'string' ? ctx.options.model : undefined;
  const defaults = await ctx.client.api.models.roleDefaults();
  const generator = defaults.find((d) => d.role === 'generator');
  const providers = await ctx.client.api.providers.list();
  const provider = name
    ? providers.find((p) => p.name.toLowerCase() === name.toLowerCase() || p.id === name)
    : providers.find((p) => p.id === generator?.providerId);
  if (!provider)
    throw new UsageError(
      name ? `No provider named "${name}".` : 'Pass --provider NAME --model MODEL, or set a default generator model in Settings.',
    );
  const chosen = model ?? (provider.id === generator?.providerId ? generator.modelId : null);
  if (!chosen) throw new UsageError('Pass --model MODEL.');
  return { providerId: provider.id, model: chosen };
}

const estimateText = (e: GenerationEstimate) =>
  keyValues({
    calls: e.calls,
    'tokens in': e.tokensIn,
    'tokens out': e.tokensOut,
    cost: e.costUsd === null ? 'unknown (no price for this model)' : money(e.costUsd),
    time: e.seconds === null ? 'unknown' : `about ${Math.max(1, Math.round(e.seconds / 60))} min`,
    basis: e.basis,
  });

/** Estimates with --estimate, otherwise runs the job and waits, printing progress on stderr. */
async function estimateOrRun<I>(
  ctx: CommandContext,
  input: I,
  estimate: (i: I) => Promise<GenerationEstimate>,
  start: (i: I) => Promise<Parameters<typeof waitForJob>[1]>,
): Promise<CommandOutput> {
  if (ctx.options.estimate) {
    const e = await estimate(input);
    return { data: e, text: estimateText(e) };
  }
  const done = await waitForJob(ctx, await start(input));
  return jobOutput(done);
}

/** A finished job as the CLI reports it: its state in words, what it stored, left unscored and failed, and why; non-zero exit unless it fully succeeded. */
export function jobOutput(done: JobSummary): CommandOutput {
  const counts = done.outcome
    ? { stored: done.outcome.stored, unscored: done.outcome.unscored, failed: done.outcome.failed }
    : { done: done.done, failed: done.failed };
  const text = keyValues({
    job: done.id,
    status: jobStatusLabels[done.status],
    ...counts,
    cost: money(done.costUsd),
    message: done.message,
  });
  return { data: done, text, exitCode: done.status === 'failed' || done.status === 'problems' ? 1 : 0 };
}

/** `judge --source synthetic|real --status S --tag T --dataset-version ID --again`: which sessions to judge. */
function judgeScope(ctx: CommandContext): JudgeScope {
  const source = ctx.options.source;
  if (source !== undefined && source !== 'real' && source !== 'synthetic') throw new UsageError('--source must be real or synthetic.');
  const statuses = ['draft', 'approved', 'rejected', 'needs_review'] as const;
  const status = ctx.options.status === undefined ? undefined : statuses.find((s) => s === String(ctx.options.status).replace('-', '_'));
  if (ctx.options.status !== undefined && !status) throw new UsageError(`--status must be one of ${statuses.join(', ')}.`);
  const tags = strings(ctx.options.tag);
  if (tags && tags.length > 1) throw new UsageError('Give one --tag at a time.');
  return {
    source,
    status,
    tag: tags?.[0],
    datasetVersionId: typeof ctx.options['dataset-version'] === 'string' ? ctx.options['dataset-version'] : undefined,
    again: ctx.options.again === true,
  };
}

export const generationCommands: Record<string, (ctx: CommandContext) => Promise<CommandOutput>> = {
  'domain export': async (ctx) => {
    const out = typeof ctx.options.out === 'string' ? resolve(ctx.options.out) : null;
    if (!out) throw new UsageError('Missing --out FILE.');
    checkNewFilePath(out, { folderMustExist: true });
    const pack = await ctx.client.api.domain.pack();
    await writeFile(out, `${JSON.stringify(pack, null, 2)}\n`);
    return { data: { file: out }, text: `Wrote the domain pack "${pack.name}" to ${out}. Edit it, then: domain import ${out}` };
  },
  'domain import': async (ctx) => {
    const file = ctx.args[0];
    if (!file) throw new UsageError('Name the pack file to import.');
    let pack: unknown;
    try {
      pack = JSON.parse(await readFile(resolve(file), 'utf8'));
    } catch (err) {
      throw new Error(`${file} is not a JSON file: ${(err as Error).message}`, { cause: err });
    }
    const saved = await ctx.client.api.domain.updatePack({ pack: pack as never });
    return {
      data: saved,
      text: `The project now uses the domain pack "${saved.name}" (${saved.distortions.length} distortions, ${saved.styles.length} styles).`,
    };
  },
  judge: async (ctx) => {
    const provider =
      typeof ctx.options.provider === 'string'
        ? (await ctx.client.api.providers.list()).find((p) => p.name.toLowerCase() === String(ctx.options.provider).toLowerCase())
        : undefined;
    if (ctx.options.provider && !provider) throw new UsageError(`No provider named "${String(ctx.options.provider)}".`);
    const input = {
      rubricId: typeof ctx.options.rubric === 'string' ? ctx.options.rubric : undefined,
      repeats: number(ctx, 'repeats'),
      providerId: provider?.id,
      model: typeof ctx.options.model === 'string' ? ctx.options.model : undefined,
      sessionIds: ctx.args.length ? ctx.args : undefined,
      ...judgeScope(ctx),
      budgetUsd: number(ctx, 'budget') ?? null,
      useBatch: ctx.options.batch === true,
    };
    return estimateOrRun(ctx, input, ctx.client.api.judge.estimate, ctx.client.api.judge.start);
  },
  'review list': async (ctx) => {
    const page = await ctx.client.api.review.queue({ limit: number(ctx, 'limit') ?? 50 });
    const rows = page.rows.map((r) => ({
      id: r.id,
      status: r.status,
      score: r.judgeScore,
      safety: r.review?.safetyFlag ? 'FLAGGED' : r.review?.safetyUnchecked ? 'unchecked' : '',
      flags: Array.isArray(r.review?.flags) ? (r.review.flags as { criterion: string }[]).map((f) => f.criterion).join(',') : '',
      title: r.title,
    }));
    return {
      data: page,
      text: `${table(rows, ['id', 'status', 'score', 'safety', 'flags', 'title'])}\n${page.rows.length} of ${page.total} sessions waiting for review, most urgent first`,
    };
  },
  'personas generate': async (ctx) => {
    const distortions = strings(ctx.options.distortions);
    const styles = strings(ctx.options.styles);
    if (!distortions || !styles) throw new UsageError('Pass --distortions a,b,c and --styles x,y (ids from the domain pack).');
    const input = {
      ...(await providerFor(ctx)),
      count: number(ctx, 'count') ?? 20,
      distortions,
      styles,
      ageBands: strings(ctx.options['age-bands']),
      seed: number(ctx, 'seed'),
      budgetUsd: number(ctx, 'budget') ?? null,
      useBatch: ctx.options.batch === true,
    };
    return estimateOrRun(ctx, input, ctx.client.api.personas.estimate, ctx.client.api.personas.generate);
  },
  'scenarios generate': async (ctx) => {
    const input = {
      ...(await providerFor(ctx)),
      themes: strings(ctx.options.themes),
      seed: number(ctx, 'seed'),
      budgetUsd: number(ctx, 'budget') ?? null,
      useBatch: ctx.options.batch === true,
    };
    return estimateOrRun(ctx, input, ctx.client.api.scenarios.estimate, ctx.client.api.scenarios.generate);
  },
  'sessions generate': async (ctx) => {
    const mode = ctx.options.mode ?? 'single';
    if (mode !== 'single' && mode !== 'twoAgent') throw new UsageError('--mode must be single or twoAgent.');
    const input = {
      ...(await providerFor(ctx)),
      mode: mode as 'single' | 'twoAgent',
      perScenario: number(ctx, 'per-scenario'),
      lengths: { short: number(ctx, 'short'), medium: number(ctx, 'medium'), long: number(ctx, 'long') },
      seed: number(ctx, 'seed'),
      budgetUsd: number(ctx, 'budget') ?? null,
    };
    return estimateOrRun(ctx, input, ctx.client.api.sessions.estimateGeneration, ctx.client.api.sessions.generate);
  },
};
