import type { ApiClient } from '../../shared/api';
import type { JobSummary } from '../../shared/domain/job';
import { presetIds, type PresetId } from '../../shared/domain/provider';
import { keyValues, money, table } from './format';
import { waitForJob } from './jobWait';
import { arg } from './options';
import { UsageError } from './usage';
import type { Command, CommandContext } from './command';

export type { Command, CommandContext, CommandOutput } from './command';

const str = (ctx: CommandContext, name: string): string | undefined => {
  const v = ctx.options[name];
  return typeof v === 'string' ? v : undefined;
};

const num = (ctx: CommandContext, name: string, fallback?: number): number | undefined => {
  const raw = str(ctx, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a number, not "${raw}".`);
  return value;
};

async function providerId(api: ApiClient, nameOrId: string): Promise<string> {
  const providers = await api.providers.list();
  const found = providers.find((p) => p.id === nameOrId || p.name.toLowerCase() === nameOrId.toLowerCase());
  if (!found) throw new Error(`No provider named "${nameOrId}" in this project. See: providers list`);
  return found.id;
}

const jobText = (s: JobSummary) =>
  keyValues({
    id: s.id,
    title: s.title,
    status: s.status,
    items: `${s.done} done, ${s.failed} failed, ${s.total} total`,
    cost: money(s.costUsd),
    message: s.message,
    result: s.result,
  });

/** Projects, providers, jobs and the call ledger; the other groups are in their own modules (see commandIndex.ts). */
export const coreCommands: Record<string, Command> = {
  'projects create': async (ctx) => {
    const info = await ctx.client.api.projects.create({ name: arg(ctx, 0, 'the project name'), file: str(ctx, 'file') });
    return { data: info, text: `Created ${info.name} at ${info.file}` };
  },
  'projects info': async (ctx) => {
    const info = await ctx.client.api.projects.current();
    if (!info) throw new Error('No project is open. Pass --project FILE.');
    return {
      data: info,
      text: keyValues({ name: info.name, file: info.file, format: info.schemaVersion, bytes: info.sizeBytes, ...info.counts }),
    };
  },

  'providers add': async (ctx) => {
    const preset = str(ctx, 'preset') ?? 'custom';
    if (!presetIds.includes(preset as PresetId)) throw new UsageError(`--preset must be one of: ${presetIds.join(', ')}.`);
    const name = str(ctx, 'name');
    if (!name) throw new UsageError('Missing --name.');
    const p = await ctx.client.api.providers.add({
      name,
      preset: preset as PresetId,
      baseUrl: str(ctx, 'base-url'),
      apiKeyEnv: str(ctx, 'key-env'),
      concurrency: num(ctx, 'concurrency'),
    });
    return { data: p, text: `Added ${p.name} (${p.baseUrl}).` };
  },
  'providers list': async (ctx) => {
    const list = await ctx.client.api.providers.list();
    const rows = list.map((p) => ({
      name: p.name,
      preset: p.preset,
      baseUrl: p.baseUrl,
      concurrency: p.concurrency,
      key: p.key.hasKey ? `set (${p.key.storage})${p.key.last4 ? ` …${p.key.last4}` : ''}` : 'none',
      id: p.id,
    }));
    return { data: list, text: table(rows, ['name', 'preset', 'baseUrl', 'concurrency', 'key', 'id']) };
  },
  'providers set-key': async (ctx) => {
    const id = await providerId(ctx.client.api, arg(ctx, 0, 'the provider name'));
    const key = (await ctx.readStdin()).trim();
    if (!key) throw new UsageError('Pipe the key on standard input, e.g.: printenv MY_KEY | npm run cli -- providers set-key NAME');
    const p = await ctx.client.api.providers.setKey({ id, key, persist: true });
    return { data: p, text: `Key stored for ${p.name} (${p.key.storage}).` };
  },
  'providers test': async (ctx) => {
    const id = await providerId(ctx.client.api, arg(ctx, 0, 'the provider name'));
    const r = await ctx.client.api.providers.test({ id });
    return { data: r, text: `${r.message} (${r.latencyMs} ms)\n${r.models.join('\n')}` };
  },
  'providers speed-test': async (ctx) => {
    const id = await providerId(ctx.client.api, arg(ctx, 0, 'the provider name'));
    const model = str(ctx, 'model');
    if (!model) throw new UsageError('Missing --model.');
    const job = await ctx.client.api.providers.startSpeedTest({
      providerId: id,
      model,
      calls: num(ctx, 'calls', 20)!,
      concurrency: num(ctx, 'concurrency', 2)!,
      maxTokens: num(ctx, 'max-tokens', 64)!,
      budgetUsd: num(ctx, 'budget') ?? null,
    });
    const done = await waitForJob(ctx, job);
    return { data: done, text: jobText(done) };
  },

  'jobs list': async (ctx) => {
    const jobs = await ctx.client.api.jobs.list({ status: str(ctx, 'status') as JobSummary['status'] | undefined });
    const rows = jobs.map((j) => ({
      id: j.id,
      status: j.runningElsewhere ? 'running elsewhere' : j.status,
      done: j.done,
      failed: j.failed,
      total: j.total,
      cost: money(j.costUsd),
      title: j.title,
    }));
    return { data: jobs, text: table(rows, ['id', 'status', 'done', 'failed', 'total', 'cost', 'title']) };
  },
  'jobs show': async (ctx) => {
    const job = await ctx.client.api.jobs.get({ id: arg(ctx, 0, 'the job id') });
    return { data: job, text: jobText(job) };
  },
  'jobs resume': async (ctx) => {
    const prompts = str(ctx, 'prompts');
    const id = arg(ctx, 0, 'the job id');
    const current = await ctx.client.api.jobs.get({ id });
    // A training run's job resumes on its own as the project opens: then only the waiting is left.
    const job =
      current.status === 'running' && !current.runningElsewhere
        ? current
        : // The server checks the value; a wrong one comes back as an error that lists the choices.
          await ctx.client.api.jobs.resume({
            id,
            budgetUsd: num(ctx, 'budget'),
            ...(prompts ? { prompts: prompts as 'started' | 'current' } : {}),
          });
    const done = await waitForJob(ctx, job);
    return { data: done, text: jobText(done) };
  },
  'jobs cancel': async (ctx) => {
    const job = await ctx.client.api.jobs.cancel({ id: arg(ctx, 0, 'the job id') });
    return { data: job, text: jobText(job) };
  },

  'calls list': async (ctx) => {
    const page = await ctx.client.api.calls.list({ limit: num(ctx, 'limit', 50), jobId: str(ctx, 'job') });
    const rows = page.rows.map((c) => ({
      time: new Date(c.at).toISOString().replace('T', ' ').slice(0, 19),
      provider: c.providerName,
      model: c.model,
      purpose: c.purpose,
      in: c.tokensIn,
      out: c.tokensOut,
      ms: c.latencyMs,
      cost: money(c.costUsd),
      status: c.errorClass ? `${c.status} (${c.errorClass})` : c.status,
    }));
    return {
      data: page,
      text: `${table(rows, ['time', 'provider', 'model', 'purpose', 'in', 'out', 'ms', 'cost', 'status'])}\n${page.rows.length} of ${page.total} calls`,
    };
  },
  'calls totals': async (ctx) => {
    const t = await ctx.client.api.calls.totals({ jobId: str(ctx, 'job') });
    return {
      data: t,
      text: keyValues({ calls: t.count, errors: t.errors, tokensIn: t.tokensIn, tokensOut: t.tokensOut, cost: money(t.costUsd) }),
    };
  },
};
