import { trainerIds, type TrainerId, type TrainingRunView } from '../../shared/api/training';
import type { JobSummary } from '../../shared/domain/job';
import type { CommandContext, CommandOutput } from './commands';
import { keyValues, money, table } from './format';
import { arg, num, oneOf, providerNamed, sentenceList, str } from './options';
import { UsageError } from './usage';
import { datasetVersion } from './datasetCommands';
import { waitForJob } from './jobWait';

type Command = (ctx: CommandContext) => Promise<CommandOutput>;

const TERMINAL = new Set<TrainingRunView['status']>(['succeeded', 'failed', 'cancelled']);

const lastLoss = (run: TrainingRunView) => {
  const last = run.metrics.at(-1);
  if (!last) return null;
  return `step ${last.step}: train ${last.trainLoss?.toFixed(4) ?? '—'}${last.validLoss !== null ? `, validation ${last.validLoss.toFixed(4)}` : ''}`;
};

const runProgress = (run: TrainingRunView) => `Training ${run.baseModel}: ${run.status}${run.metrics.length ? ` · ${lastLoss(run)}` : ''}`;

const runFields = (run: TrainingRunView) => ({
  run: run.id,
  status: run.status,
  dataset: `${run.datasetName} v${run.datasetVersion} (${run.datasetHash.slice(0, 12)})`,
  trainer: `${run.trainer} via ${run.providerName ?? 'a removed provider'}`,
  'base model': run.baseModel,
  'provider job': run.providerJobId ?? '',
  model: run.fineTunedModel ?? '',
  'last loss': lastLoss(run) ?? '',
  'trained tokens': run.trainedTokens ?? '',
  cost: money(run.costUsd),
  ...(run.error ? { error: run.error } : {}),
});

/** Resolves on the next training or job change, or after `ms` at the latest. */
function nextChange(ctx: CommandContext, ms: number): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      clearTimeout(timer);
      offData();
      offJob();
      done();
    };
    const timer = setTimeout(finish, ms);
    const offData = ctx.client.on('data.changed', (p) => p.entity === 'training' && finish());
    const offJob = ctx.client.on('job.updated', finish);
  });
}

/**
 * Follows a run until `enough` says so or it ends, printing its status and loss on stderr. Also stops
 * when the app's job following it stops without the run ending (paused, interrupted, failed locally).
 */
async function followRun(
  ctx: CommandContext,
  id: string,
  enough: (run: TrainingRunView) => boolean,
): Promise<{ run: TrainingRunView; job: JobSummary | null }> {
  for (;;) {
    const run = await ctx.client.api.training.get({ id });
    ctx.progress(runProgress(run));
    if (TERMINAL.has(run.status)) {
      // The run is saved as ended a moment before its job records that; closing the project in between
      // would leave the job interrupted, to start the run again at the next open.
      if (run.jobId) await waitForJob(ctx, await ctx.client.api.jobs.get({ id: run.jobId }));
      return { run: await ctx.client.api.training.get({ id }), job: null };
    }
    if (enough(run)) return { run, job: null };
    if (run.jobId) {
      const job = await ctx.client.api.jobs.get({ id: run.jobId });
      if (job.status !== 'running' && job.status !== 'queued') {
        const again = await ctx.client.api.training.get({ id });
        return TERMINAL.has(again.status) || enough(again) ? { run: again, job: null } : { run: again, job };
      }
    }
    await nextChange(ctx, 1000);
  }
}

async function providerFor(ctx: CommandContext) {
  const name = str(ctx, 'provider');
  if (!name) {
    const providers = await ctx.client.api.providers.list();
    throw new UsageError(
      `Missing --provider NAME.${providers.length ? ` Providers in this project: ${sentenceList(providers.map((p) => p.name))}.` : ''}`,
    );
  }
  return providerNamed(ctx.client.api, name);
}

export const trainingCommands: Record<string, Command> = {
  'train start': async (ctx) => {
    const { version } = await datasetVersion(ctx);
    const provider = await providerFor(ctx);
    const baseModel = str(ctx, 'base-model');
    if (!baseModel) throw new UsageError('Missing --base-model M (for OpenAI a dated snapshot such as gpt-4o-mini-2024-07-18).');
    const inferred: TrainerId | undefined =
      provider.preset === 'together' ? 'together' : provider.preset === 'openai' ? 'openai' : undefined;
    const trainer = oneOf<TrainerId>(ctx, 'trainer', trainerIds) ?? inferred;
    if (!trainer)
      throw new UsageError(
        `Missing --trainer (one of: ${trainerIds.join(', ')}); it cannot be told from the ${provider.preset} preset of ${provider.name}.`,
      );
    const started = await ctx.client.api.training.start({
      versionId: version.id,
      trainer,
      providerId: provider.id,
      baseModel,
      suffix: str(ctx, 'suffix'),
      epochs: num(ctx, 'epochs', { integer: true, min: 1, max: 50 }),
      batchSize: num(ctx, 'batch-size', { integer: true, min: 1, max: 256 }),
      learningRateMultiplier: num(ctx, 'lr-multiplier'),
      seed: num(ctx, 'seed', { integer: true, min: 0 }),
    });
    // Without --wait, stay until the provider has accepted (or refused) the job, so its answer is seen here.
    const { run, job } = await followRun(ctx, started.id, (r) => !ctx.options.wait && r.providerJobId !== null);
    if (run.status === 'failed') throw new Error(run.error ?? 'The training failed.');
    if (run.status === 'cancelled') throw new Error(`Training run ${run.id} was cancelled.`);
    if (job)
      throw new Error(
        `${job.message ?? `The job following training run ${run.id} ${job.status}.`} Follow it again with: train status ${run.id}`,
      );
    const next =
      run.status === 'succeeded'
        ? `Trained model: ${run.fineTunedModel ?? '(none reported)'}`
        : `Started. Follow it with: train status ${run.id}`;
    return { data: run, text: `${keyValues(runFields(run))}\n${next}` };
  },

  'train status': async (ctx) => {
    const id = ctx.args[0];
    if (id) {
      const run = await ctx.client.api.training.get({ id });
      const events = run.events
        .slice(-5)
        .map((e) => `  ${new Date(e.at).toISOString().replace('T', ' ').slice(0, 19)}  ${e.level}  ${e.message}`);
      return { data: run, text: [keyValues(runFields(run)), ...(events.length ? ['Latest events:', ...events] : [])].join('\n') };
    }
    const runs = await ctx.client.api.training.list();
    const rows = runs.map((r) => ({
      id: r.id,
      status: r.status,
      dataset: `${r.datasetName} v${r.datasetVersion}`,
      base: r.baseModel,
      model: r.fineTunedModel ?? '',
      'last loss': r.metrics.at(-1)?.trainLoss ?? '',
      created: new Date(r.createdAt).toISOString().replace('T', ' ').slice(0, 16),
    }));
    return {
      data: runs,
      text: `${table(rows, ['id', 'status', 'dataset', 'base', 'model', 'last loss', 'created'])}\n${runs.length} training run${runs.length === 1 ? '' : 's'}`,
    };
  },

  'train cancel': async (ctx) => {
    const run = await ctx.client.api.training.cancel({ id: arg(ctx, 0, 'the training run id (see: train status)') });
    return {
      data: run,
      text: `Training run ${run.id} is ${run.status}${run.providerJobId ? ` (${run.providerJobId} cancelled at ${run.providerName ?? 'the provider'})` : ''}.`,
    };
  },
};
