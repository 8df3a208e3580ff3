import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import {
  holmFamilyLabel,
  type EvalArm,
  type EvalResults,
  type EvalRunSpec,
  type EvalRunView,
  type EvalSetView,
  type HolmFamily,
} from '../../shared/api/evaluation';
import { findings, noFindingText } from '../../shared/domain/evalFindings';
import type { JobSummary } from '../../shared/domain/job';
import type { CommandContext, CommandOutput } from './commands';
import { keyValues, money, table } from './format';
import { waitForJob } from './jobWait';
import { arg, list, num, providerNamed, sentenceList, str } from './options';
import { UsageError } from './usage';
import { evalRunDefaults } from '../../shared/domain/evalRunDefaults';

type Command = (ctx: CommandContext) => Promise<CommandOutput>;

async function findSet(ctx: CommandContext, nameOrId: string): Promise<EvalSetView> {
  const all = await ctx.client.api.evalSets.list();
  const found = all.find((s) => s.id === nameOrId) ?? all.find((s) => s.name.toLowerCase() === nameOrId.toLowerCase());
  if (found) return found;
  throw new UsageError(
    all.length
      ? `No scenario set named "${nameOrId}". Sets in this project: ${sentenceList(all.map((s) => s.name))}.`
      : `No scenario set named "${nameOrId}": make one with: eval create-set NAME`,
  );
}

/** "provider:model" → the provider's id and the model; the provider by name. */
async function modelAt(ctx: CommandContext, value: string, what: string): Promise<{ providerId: string; model: string }> {
  const at = value.indexOf(':');
  if (at <= 0 || at === value.length - 1)
    throw new UsageError(`${what} must be written PROVIDER:MODEL, e.g. OpenAI:gpt-4o (got "${value}").`);
  const provider = await providerNamed(ctx.client.api, value.slice(0, at));
  return { providerId: provider.id, model: value.slice(at + 1) };
}

function resultsTable(r: EvalResults): string {
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));
  const rows = r.models.map((m) => ({
    model: m,
    ...Object.fromEntries(
      r.criteria.map((c) => {
        const s = r.stats[m]?.[c.id];
        const star = r.winners[c.id] === m ? ' *' : '';
        return [c.label, s?.mean === null || !s ? '—' : `${fmt(s.mean)} [${fmt(s.ci?.low)}, ${fmt(s.ci?.high)}]${star}`];
      }),
    ),
    safety: r.safety[m]?.passRate === null || !r.safety[m] ? '—' : `${Math.round((r.safety[m].passRate ?? 0) * 100)}% pass`,
  }));
  const note = Object.values(r.winners).some(Boolean)
    ? '\n* the best model on that criterion, significantly (Holm-corrected Wilcoxon, α = 0.05)'
    : '\nNo model is significantly better than every other on any criterion.';
  const found = findings(r);
  const family = r.holm
    ? `Holm family: ${holmFamilyLabel(r.holm.family, r.holm.tests)}; unit: the scenario (${r.scenarios ?? '?'} scenarios; seeds and repeats averaged within each).`
    : '';
  const significant = found.length ? `Significant differences:\n${found.map((f) => `  - ${f.text}`).join('\n')}` : noFindingText(r);
  return `${table(rows, ['model', ...r.criteria.map((c) => c.label), 'safety'])}${note}\n\n${family}\n${significant}`;
}

function holmOption(ctx: CommandContext): HolmFamily | undefined {
  const value = str(ctx, 'holm');
  if (value === undefined) return undefined;
  if (value !== 'all' && value !== 'criterion')
    throw new UsageError(
      `--holm must be "all" (every comparison of the run) or "criterion" (the model pairs within each criterion), got "${value}".`,
    );
  return value;
}

const runText = (r: EvalRunView) =>
  keyValues({
    id: r.id,
    name: r.spec.name,
    set: `${r.setName} v${r.setVersion}`,
    status: r.status,
    conversations: `${r.conversations.done} done, ${r.conversations.failed} failed, ${r.conversations.total} total`,
    judgments: `${r.judgments.scored} scored, ${r.judgments.missing} without a score (unreadable, or no criterion could be judged), ${r.judgments.total} asked`,
    cost: money(r.costUsd),
  });

export const evalCommands: Record<string, Command> = {
  'eval create-set': async (ctx) => {
    const name = arg(ctx, 0, 'the name of the scenario set');
    const existing = (await ctx.client.api.evalSets.list()).find((s) => s.name.toLowerCase() === name.toLowerCase());
    const set = existing ?? (await ctx.client.api.evalSets.create({ name }));
    const file = str(ctx, 'import');
    if (file) {
      const path = resolve(file);
      const format = extname(path).toLowerCase() === '.csv' ? 'csv' : 'json';
      const { added } = await ctx.client.api.evalSets.import({ setId: set.id, format, content: await readFile(path, 'utf8') });
      ctx.progress(`Imported ${added} scenarios from ${path}`);
    }
    const distortions = list(ctx.options.distortions);
    if (distortions.length) {
      const styles = list(ctx.options.styles);
      if (!styles.length) throw new UsageError('Pass --styles with --distortions, e.g. --styles plain,upset,verbose,reserved,tangent');
      const generator = await modelAt(ctx, str(ctx, 'generator') ?? '', '--generator');
      const job = await ctx.client.api.evalSets.generate({
        setId: set.id,
        distortions,
        styles,
        perCell: num(ctx, 'per-cell', { integer: true, min: 1, max: 10 }),
        riskLevel: str(ctx, 'risk'),
        ...generator,
        seed: num(ctx, 'seed', { integer: true, min: 0 }),
      });
      const done = await waitForJob(ctx, job);
      if (done.failed) ctx.progress(`${done.failed} scenarios could not be written; see: jobs items ${done.id}`);
    }
    const current = await ctx.client.api.evalSets.get({ id: set.id });
    const version = ctx.options.freeze ? await ctx.client.api.evalSets.freeze({ setId: set.id }) : null;
    return {
      data: { set: current, version },
      text: `${current.name}: ${current.scenarios.length} scenarios${version ? `; frozen as version ${version.version} (hash ${version.contentHash.slice(0, 12)})` : ' (freeze with --freeze before running)'}`,
    };
  },

  'eval run': async (ctx) => {
    const set = await findSet(ctx, arg(ctx, 0, 'the scenario set'));
    const wanted = num(ctx, 'version', { integer: true, min: 1 });
    const version = wanted ? set.versions.find((v) => v.version === wanted) : set.versions.at(-1);
    if (!version)
      throw new UsageError(
        set.versions.length
          ? `The set has no version ${wanted}.`
          : `"${set.name}" has no frozen version yet: eval create-set "${set.name}" --freeze`,
      );
    const armOptions = list(ctx.options.arm);
    if (!armOptions.length)
      throw new UsageError(
        'Pass one --arm "LABEL=PROVIDER:MODEL" per model under test, e.g. --arm "Hybrid=OpenAI:ft:gpt-4o-mini:org:hybrid:abc".',
      );
    const arms: EvalArm[] = [];
    for (const a of armOptions) {
      const eq = a.indexOf('=');
      if (eq <= 0) throw new UsageError(`--arm must be LABEL=PROVIDER:MODEL (got "${a}").`);
      arms.push({ label: a.slice(0, eq), ...(await modelAt(ctx, a.slice(eq + 1), '--arm')), systemPrompt: null, temperature: null });
    }
    const simulator = await modelAt(ctx, str(ctx, 'simulator') ?? '', '--simulator');
    const judge = await modelAt(ctx, str(ctx, 'judge') ?? '', '--judge');
    const spec: EvalRunSpec = {
      name: str(ctx, 'name') ?? `${set.name} v${version.version}`,
      setVersionId: version.id,
      arms,
      sharedSystemPrompt: str(ctx, 'system-prompt') ?? null,
      simulator: {
        ...simulator,
        temperature: num(ctx, 'simulator-temperature', { min: 0, max: 2 }) ?? evalRunDefaults.simulatorTemperature,
      },
      judge,
      rubricIds: list(ctx.options.rubric).length ? list(ctx.options.rubric) : ['empathy-relevance'],
      formulation: ctx.options.formulation === true,
      turns: num(ctx, 'turns', { integer: true, min: 1, max: 40 }) ?? evalRunDefaults.turns,
      seeds: num(ctx, 'seeds', { integer: true, min: 1, max: 10 }) ?? evalRunDefaults.seeds,
      judgeRepeats: num(ctx, 'repeats', { integer: true, min: 1, max: 5 }) ?? evalRunDefaults.judgeRepeats,
      judgeTemperature: num(ctx, 'judge-temperature', { min: 0, max: 2 }) ?? null,
      holmFamily: holmOption(ctx),
      useBatchForScoring: ctx.options.batch === true,
      budgetUsd: num(ctx, 'budget', { min: 0.01 }) ?? null,
    };
    if (ctx.options.estimate) {
      const e = await ctx.client.api.evalRuns.estimate({ spec });
      return {
        data: e,
        text: `${e.conversations} conversations, ${e.judgments} judgments: ${e.calls} calls, ${e.tokensIn} tokens in, ${e.tokensOut} out, cost ${e.costUsd === null ? 'unknown' : money(e.costUsd)}\n${e.basis}`,
      };
    }
    const run = await ctx.client.api.evalRuns.start({ spec });
    await waitForJob(ctx, (await ctx.client.api.jobs.get({ id: run.conversationsJobId })) as JobSummary);
    const scored = await ctx.client.api.evalRuns.get({ id: run.id });
    if (scored.scoringJobId) await waitForJob(ctx, await ctx.client.api.jobs.get({ id: scored.scoringJobId }));
    const final = await ctx.client.api.evalRuns.get({ id: run.id });
    if (final.status !== 'done') return { data: final, text: runText(final), exitCode: 1 };
    const results = await ctx.client.api.evalRuns.results({ id: run.id });
    return { data: { run: final, results }, text: `${runText(final)}\n\n${resultsTable(results)}` };
  },

  'eval plan': async (ctx) => {
    const difference = num(ctx, 'difference');
    if (difference === undefined || difference === 0)
      throw new UsageError("Pass --difference D, the smallest difference worth detecting on the criterion's scale, e.g. --difference 0.3");
    const sd = num(ctx, 'sd', { min: 0.0001 });
    const plan = await ctx.client.api.evalRuns.plan({
      id: ctx.args[0],
      difference,
      power: num(ctx, 'power', { min: 0.5, max: 0.99 }),
      sdA: num(ctx, 'sd-a', { min: 0.0001 }) ?? sd,
      sdB: num(ctx, 'sd-b', { min: 0.0001 }) ?? sd,
      correlation: num(ctx, 'correlation', { min: -1, max: 1 }),
      arms: num(ctx, 'arms', { integer: true, min: 2, max: 6 }),
      criteria: num(ctx, 'criteria', { integer: true, min: 1, max: 50 }),
      holmFamily: holmOption(ctx),
      criterion: str(ctx, 'criterion'),
    });
    const a = plan.assumptions;
    const f2 = (v: number) => v.toFixed(2);
    const answer =
      plan.required.n === null
        ? `More than ${plan.required.maxN} scenarios: the difference is too small for this spread.`
        : `${plan.required.n} scenarios reach ${Math.round((plan.required.power ?? 0) * 100)}% power (target ${Math.round(plan.required.target * 100)}%).`;
    const lines = [
      `To detect a difference of ${a.difference} with the paired Wilcoxon test: ${answer}`,
      `Assumed (${a.source === 'pilot' ? `measured on the pilot${a.criterion ? `, ${a.criterion}` : ''}${a.a ? `, ${a.a} vs ${a.b}` : ''}` : 'entered'}): SD ${f2(a.sdA)} and ${f2(a.sdB)} of the arms' scenario means, correlation ${f2(a.correlation)}, so SD ${f2(a.sdDifference)} of the differences.`,
      `Holm family: ${holmFamilyLabel(plan.family.kind, plan.family.tests)}; each test at α/m = ${plan.family.alphaPerTest.toFixed(4)}.`,
      plan.method,
      ...(plan.current.length
        ? [
            '',
            'Power of this run for the differences it observed:',
            table(
              plan.current.map((c) => ({
                criterion: c.label,
                pair: `${c.a} − ${c.b}`,
                scenarios: c.n,
                difference: c.observedDifference.toFixed(2),
                'SD of differences': c.sdDifference.toFixed(2),
                power: `${Math.round(c.power * 100)}%`,
              })),
              ['criterion', 'pair', 'scenarios', 'difference', 'SD of differences', 'power'],
            ),
          ]
        : []),
    ];
    return { data: plan, text: lines.join('\n') };
  },

  'eval list': async (ctx) => {
    const runs = await ctx.client.api.evalRuns.list();
    return {
      data: runs,
      text: runs.length
        ? table(
            runs.map((r) => ({
              id: r.id,
              name: r.spec.name,
              set: `${r.setName} v${r.setVersion}`,
              status: r.status,
              models: r.spec.arms.length,
              cost: money(r.costUsd),
            })),
            ['id', 'name', 'set', 'status', 'models', 'cost'],
          )
        : 'No evaluation runs yet.',
    };
  },

  'eval report': async (ctx) => {
    const runs = await ctx.client.api.evalRuns.list();
    const id = ctx.args[0] ?? runs[0]?.id;
    if (!id) throw new UsageError('No evaluation run yet: eval run SET --arm … first.');
    const outDir = str(ctx, 'out');
    const files = await ctx.client.api.evalRuns.report({ id, ...(outDir ? { outDir: resolve(outDir) } : {}) });
    return { data: files, text: `Wrote the report to ${files.folder}\n  ${files.html}\n  ${files.csv}\n  ${files.manifest}` };
  },
};
