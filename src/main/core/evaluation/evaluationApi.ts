import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  holmFamilyOf,
  type EvalConversationView,
  type EvalRunSpec,
  type EvalRunStatus,
  type EvalRunView,
  type EvalScenario,
  type EvalSetView,
  type EvaluationApi,
} from '../../../shared/api/evaluation';
import { ApiError } from '../../../shared/api/result';
import type { CoreContext } from '../context';
import { estimateRun } from '../generation/estimate';
import { currentPrompt, domainPack } from '../generation/domainPack';
import type { OpenProject } from '../projects/openProject';
import { countTokens } from '../transcripts/tokens';
import { newId } from '../util/ids';
import { APP_VERSION } from '../../version';
import type { EvalRunRow } from './evaluationRepo';
import { reportInput } from './reportData';
import { rubricsOf } from '../judging/projectRubrics';
import { scoringKinds } from './startScoring';
import { buildResults, criteriaOf, scoreLines } from './results';
import { parseScenarios, toPackIds } from './scenarioImport';
import { scenarioLeakage } from './scenarioLeakage';
import { scenarioSetHash } from './scenarioSetHash';
import { planRun } from './plan';
import { armLineage } from './armLineage';
import { writeReport } from './report/writeReport';
import { projectProvider } from '../llm/projectProvider';

const DEFAULT_RESAMPLES = 10_000;
/** Rough sizes for the estimate: a client or counselor line, and a judge's answer. */
const LINE_TOKENS = 120;
const JUDGE_OUTPUT_TOKENS = 500;

function requireSet(project: OpenProject, id: string) {
  const set = project.evaluation.set(id);
  if (!set) throw new ApiError('NOT_FOUND', 'That scenario set is not in this project.');
  return set;
}

function setView(project: OpenProject, id: string): EvalSetView {
  const set = requireSet(project, id);
  return { ...set, scenarios: project.evaluation.scenarios(id), versions: project.evaluation.versions(id) };
}

function requireRun(project: OpenProject, id: string): EvalRunRow {
  const run = project.evaluation.run(id);
  if (!run) throw new ApiError('NOT_FOUND', 'That evaluation run is not in this project.');
  return run;
}

function checkSpec(project: OpenProject, spec: EvalRunSpec) {
  const version = project.evaluation.version(spec.setVersionId);
  if (!version) throw new ApiError('NOT_FOUND', 'That scenario set version is not in this project. Freeze the set first.');
  const labels = spec.arms.map((a) => a.label.toLowerCase());
  if (new Set(labels).size !== labels.length) throw new ApiError('INVALID_INPUT', 'Give every model under test its own label.');
  for (const p of [...spec.arms.map((a) => a.providerId), spec.simulator.providerId, spec.judge.providerId]) {
    if (!project.providers.get(p)) throw new ApiError('NOT_FOUND', 'A chosen provider is not in this project.');
  }
  if (spec.rubricIds.length === 0 && !spec.formulation)
    throw new ApiError('INVALID_INPUT', 'Choose at least one rubric (empathy-relevance reproduces the write-up), or formulation accuracy.');
  if (spec.useBatchForScoring && !project.providers.get(spec.judge.providerId)!.capabilities.batches) {
    throw new ApiError(
      'INVALID_INPUT',
      `${project.providers.get(spec.judge.providerId)!.name} does not offer the Batch API; score without it.`,
    );
  }
  return { version, rubrics: rubricsOf(project, spec.rubricIds) };
}

function conversationItems(spec: EvalRunSpec, scenarios: EvalScenario[]) {
  // Scenario and seed outermost, so every arm of one client runs close together and shares its opening.
  return scenarios.flatMap((s) =>
    Array.from({ length: spec.seeds }, (_, k) => k + 1).flatMap((seed) => spec.arms.map((_, arm) => ({ scenarioId: s.id, arm, seed }))),
  );
}

/** Project meta key: ids of runs whose report has been written. */
export const REPORTED_RUNS = 'reportedRuns';

/**
 * A run's state from its two jobs: conversations first, then their scoring.
 * "Done" only when every conversation was held and every judgment scored; a run that ended with
 * conversations or judgments missing "finished with problems", never done.
 */
export function evalRunStatus(conversations: string | undefined, scoring: string | undefined, judgmentsComplete = true): EvalRunStatus {
  const active = (s?: string) => s === 'running' || s === 'queued';
  if (active(conversations)) return 'conversing';
  if (active(scoring)) return 'scoring';
  if (scoring === 'succeeded' && conversations === 'succeeded' && judgmentsComplete) return 'done';
  if (scoring === 'succeeded' || scoring === 'problems') return 'problems';
  return conversations === 'failed' || scoring === 'failed' ? 'failed' : 'stopped';
}

/** A stored run's status and judgment counts: one reading for the run view and the study checklist. */
export function runStatusOf(project: OpenProject, run: EvalRunRow) {
  const conv = project.jobsRepo.get(run.conversationsJobId);
  const scoring = run.scoringJobId ? project.jobsRepo.get(run.scoringJobId) : undefined;
  const counts = project.evaluation.judgmentCounts(run.id, 'safety');
  const totalJudgments =
    (conv?.total ?? 0) *
    scoringKinds(run.spec)
      .filter((k) => k.kind !== 'safety')
      .reduce((a, k) => a + k.repeats, 0);
  return { status: evalRunStatus(conv?.status, scoring?.status, counts.scored >= totalJudgments), counts, totalJudgments, conv, scoring };
}

export function evaluationApi({ projects, events, dataDir }: CoreContext): EvaluationApi {
  const changed = () => events.emit('data.changed', { entity: 'evaluation' });

  const runView = (project: OpenProject, run: EvalRunRow): EvalRunView => {
    const version = project.evaluation.version(run.setVersionId)!;
    const set = project.evaluation.set(version.summary.setId);
    const { status, counts, totalJudgments, conv, scoring } = runStatusOf(project, run);
    const ended = scoring?.status === 'succeeded' || scoring?.status === 'problems';
    return {
      id: run.id,
      spec: run.spec,
      setName: set?.name ?? 'Deleted set',
      setVersion: version.summary.version,
      setHash: version.summary.contentHash,
      status,
      conversationsJobId: run.conversationsJobId,
      scoringJobId: run.scoringJobId,
      conversations: { total: conv?.total ?? 0, done: conv?.done ?? 0, failed: conv?.failed ?? 0 },
      // Once scoring has ended, judgments never stored (their calls failed) are missing too, not just the unscored ones.
      judgments: {
        total: totalJudgments,
        scored: counts.scored,
        missing: ended ? Math.max(counts.unscored, totalJudgments - counts.scored) : counts.unscored,
      },
      costUsd: (conv?.costUsd ?? 0) + (scoring?.costUsd ?? 0),
      createdAt: run.createdAt,
      ...armLineage(project, run.spec),
    };
  };

  return {
    'evalSets.list': async () => {
      const project = projects.require();
      return project.evaluation.sets().map((s) => setView(project, s.id));
    },
    'evalSets.get': async ({ id }) => setView(projects.require(), id),
    'evalSets.create': async ({ name, description }) => {
      const project = projects.require();
      if (project.evaluation.setNameTaken(name)) throw new ApiError('CONFLICT', `There is already a scenario set called "${name}".`);
      const now = Date.now();
      const id = newId();
      project.evaluation.insertSet({ id, name, description: description ?? '', createdAt: now, updatedAt: now });
      changed();
      return setView(project, id);
    },
    'evalSets.generate': async ({ setId, distortions, styles, perCell, riskLevel, providerId, model, seed }) => {
      const project = projects.require();
      requireSet(project, setId);
      const pack = domainPack(project);
      for (const d of distortions)
        if (!pack.distortions.some((x) => x.id === d))
          throw new ApiError('INVALID_INPUT', `"${d}" is not a distortion of the domain pack.`);
      for (const s of styles)
        if (!pack.styles.some((x) => x.id === s)) throw new ApiError('INVALID_INPUT', `"${s}" is not a client style of the domain pack.`);
      const risk = riskLevel ?? 'none';
      if (!pack.riskLevels.some((r) => r.id === risk))
        throw new ApiError('INVALID_INPUT', `"${risk}" is not a risk level of the domain pack.`);
      const provider = projectProvider(project.providers, providerId);
      const items = distortions
        .flatMap((distortion) => styles.flatMap((style) => Array.from({ length: perCell ?? 1 }, () => ({ distortion, style }))))
        .map((c, index) => ({ ...c, index }));
      const job = project.jobs.create('evalScenarios', {
        setId,
        providerId,
        model,
        temperature: 0.9,
        seed: seed ?? 1,
        concurrency: provider.concurrency,
        riskLevel: risk,
        prompt: currentPrompt(project, 'evalScenario'),
        items,
      });
      events.emit('data.changed', { entity: 'jobs' });
      return job;
    },
    'evalSets.import': async ({ setId, format, content }) => {
      const project = projects.require();
      requireSet(project, setId);
      const parsed = parseScenarios(format, content, domainPack(project));
      if ('errors' in parsed) throw new ApiError('INVALID_INPUT', `Nothing was imported. ${parsed.errors.join(' ')}`);
      const now = Date.now();
      project.db.transaction(() =>
        parsed.scenarios.forEach((s, i) => project.evaluation.saveScenario(setId, { ...s, id: newId(), source: 'imported' }, now + i)),
      )();
      changed();
      return { added: parsed.scenarios.length };
    },
    'evalSets.saveScenario': async ({ setId, scenario }) => {
      const project = projects.require();
      requireSet(project, setId);
      if (scenario.id && !project.evaluation.scenarioInSet(setId, scenario.id))
        throw new ApiError('NOT_FOUND', 'That scenario is not in this set.');
      const mapped = toPackIds(scenario, domainPack(project));
      if (typeof mapped === 'string') throw new ApiError('INVALID_INPUT', `The scenario was not saved: ${mapped}.`);
      const existing = scenario.id ? project.evaluation.scenarios(setId).find((s) => s.id === scenario.id) : undefined;
      project.evaluation.saveScenario(setId, { ...mapped, id: scenario.id ?? newId(), source: existing?.source ?? 'manual' }, Date.now());
      changed();
      return setView(project, setId);
    },
    'evalSets.removeScenario': async ({ setId, scenarioId }) => {
      const project = projects.require();
      if (!project.evaluation.removeScenario(setId, scenarioId)) throw new ApiError('NOT_FOUND', 'That scenario is not in this set.');
      changed();
      return setView(project, setId);
    },
    'evalSets.freeze': async ({ setId }) => {
      const project = projects.require();
      requireSet(project, setId);
      const scenarios = project.evaluation.scenarios(setId);
      if (scenarios.length === 0) throw new ApiError('CONFLICT', 'The set has no scenarios yet. Generate, import or write some first.');
      const contentHash = scenarioSetHash(scenarios);
      const id = newId();
      project.evaluation.insertVersion({ id, setId, contentHash, scenarios, createdAt: Date.now() });
      changed();
      return project.evaluation.version(id)!.summary;
    },
    'evalSets.version': async ({ versionId }) => {
      const v = projects.require().evaluation.version(versionId);
      if (!v) throw new ApiError('NOT_FOUND', 'That scenario set version is not in this project.');
      return { version: v.summary, scenarios: v.scenarios };
    },
    'evalSets.leakage': async ({ versionId, datasetVersionIds }) => {
      const project = projects.require();
      const v = project.evaluation.version(versionId);
      if (!v) throw new ApiError('NOT_FOUND', 'That scenario set version is not in this project.');
      for (const id of datasetVersionIds)
        if (!project.datasets.version(id)) throw new ApiError('NOT_FOUND', 'A chosen dataset version is not in this project.');
      const sessions = (function* () {
        for (const id of datasetVersionIds)
          for (const e of project.datasets.examples(id))
            yield {
              sessionId: e.sessionId,
              title: e.title,
              datasetVersionId: id,
              text: e.messages
                .filter((m) => m.role !== 'system')
                .map((m) => m.content)
                .join('\n'),
            };
      })();
      return scenarioLeakage(v.scenarios, sessions);
    },

    'evalRuns.estimate': async ({ spec }) => {
      const project = projects.require();
      const { version } = checkSpec(project, spec);
      const conversations = version.scenarios.length * spec.arms.length * spec.seeds;
      const history = (LINE_TOKENS * spec.turns) / 1; // the conversation so far, on average half of the last one, twice (client and counselor)
      const parts = [
        estimateRun(
          { calls: conversations * spec.turns, tokensInPerCall: 400 + history, tokensOutPerCall: LINE_TOKENS },
          spec.arms[0]!.model,
          spec.arms[0]!.providerId,
          project.providers.get(spec.arms[0]!.providerId)!.concurrency,
          project.prices.list(),
          project.jobsRepo,
        ),
        estimateRun(
          {
            calls: conversations * spec.turns - version.scenarios.length * spec.seeds * (spec.arms.length - 1),
            tokensInPerCall: 600 + history,
            tokensOutPerCall: LINE_TOKENS,
          },
          spec.simulator.model,
          spec.simulator.providerId,
          project.providers.get(spec.simulator.providerId)!.concurrency,
          project.prices.list(),
          project.jobsRepo,
        ),
      ];
      const perConversation = scoringKinds(spec).reduce((a, k) => a + k.repeats, 0);
      const judgeIn = countTokens(currentPrompt(project, 'judge').template) + LINE_TOKENS * spec.turns * 2 + 400;
      const judging = estimateRun(
        { calls: conversations * perConversation, tokensInPerCall: judgeIn, tokensOutPerCall: JUDGE_OUTPUT_TOKENS },
        spec.judge.model,
        spec.judge.providerId,
        project.providers.get(spec.judge.providerId)!.concurrency,
        project.prices.list(),
        project.jobsRepo,
      );
      const judged = spec.useBatchForScoring
        ? { ...judging, costUsd: judging.costUsd === null ? null : judging.costUsd / 2, seconds: null }
        : judging;
      const all = [...parts, judged];
      const sum = (k: 'calls' | 'tokensIn' | 'tokensOut') => all.reduce((a, e) => a + e[k], 0);
      const cost = all.some((e) => e.costUsd === null) ? null : all.reduce((a, e) => a + (e.costUsd ?? 0), 0);
      const seconds = all.some((e) => e.seconds === null) ? null : all.reduce((a, e) => a + (e.seconds ?? 0), 0);
      return {
        calls: sum('calls'),
        tokensIn: sum('tokensIn'),
        tokensOut: sum('tokensOut'),
        costUsd: cost,
        seconds,
        basis: `${conversations} conversations of ${spec.turns} counselor turns, then ${conversations * perConversation} judgments. ${cost === null ? 'A model has no price in Settings > Models, so the cost is unknown. ' : ''}${judged.basis}`,
        conversations,
        judgments: conversations * perConversation,
      };
    },

    'evalRuns.start': async ({ spec }) => {
      const project = projects.require();
      const { version } = checkSpec(project, spec);
      const id = newId();
      project.evaluation.insertRun({
        id,
        spec,
        setVersionId: version.summary.id,
        conversationsJobId: '',
        scoringJobId: null,
        createdAt: Date.now(),
      });
      const concurrency = Math.max(
        1,
        Math.min(...[...spec.arms.map((a) => a.providerId), spec.simulator.providerId].map((p) => project.providers.get(p)!.concurrency)),
      );
      const job = project.jobs.create(
        'evalConversations',
        {
          runId: id,
          title: `Evaluate: ${spec.name} (${version.scenarios.length} scenarios × ${spec.arms.length} models × ${spec.seeds} seed${spec.seeds === 1 ? '' : 's'})`,
          concurrency,
          clientPrompt: currentPrompt(project, 'client'),
          items: conversationItems(spec, version.scenarios),
        },
        { budgetUsd: spec.budgetUsd },
      );
      project.evaluation.setJobs(id, { conversationsJobId: job.id });
      changed();
      events.emit('data.changed', { entity: 'jobs' });
      return runView(project, project.evaluation.run(id)!);
    },
    'evalRuns.list': async () => {
      const project = projects.require();
      return project.evaluation.runs().map((r) => runView(project, r));
    },
    'evalRuns.get': async ({ id }) => {
      const project = projects.require();
      return runView(project, requireRun(project, id));
    },
    'evalRuns.cancel': async ({ id }) => {
      const project = projects.require();
      const run = requireRun(project, id);
      for (const jobId of [run.conversationsJobId, run.scoringJobId])
        if (jobId && project.jobs.isActive(jobId)) await project.jobs.cancel(jobId);
      changed();
      return runView(project, project.evaluation.run(id)!);
    },
    'evalRuns.results': async ({ id, resamples }) => {
      const project = projects.require();
      const run = requireRun(project, id);
      return buildResults(
        run,
        project.evaluation.version(run.setVersionId)!,
        rubricsOf(project, run.spec.rubricIds),
        project.evaluation.conversations(id),
        project.evaluation.judgments(id),
        resamples ?? DEFAULT_RESAMPLES,
      );
    },
    'evalRuns.plan': async (input) => {
      const project = projects.require();
      if (!input.id) return planRun(input, null, null);
      const run = requireRun(project, input.id);
      // The pilot's SDs and correlations come from scenario means; intervals are not needed here.
      const pilot = buildResults(
        run,
        project.evaluation.version(run.setVersionId)!,
        rubricsOf(project, run.spec.rubricIds),
        project.evaluation.conversations(run.id),
        project.evaluation.judgments(run.id),
        100,
      );
      return planRun(input, pilot, holmFamilyOf(run.spec));
    },
    'evalRuns.conversations': async ({ id, scenarioId }) => {
      const project = projects.require();
      const run = requireRun(project, id);
      const scenario = project.evaluation.version(run.setVersionId)!.scenarios.find((s) => s.id === scenarioId);
      if (!scenario) throw new ApiError('NOT_FOUND', 'That scenario is not in the run’s set.');
      const judgments = project.evaluation.judgments(id);
      const conversationRows = project.evaluation.conversations(id, scenarioId);
      // The same score lines the statistics and the report read: a criterion's score is the mean of its scored repeats.
      const lines = scoreLines(
        run,
        conversationRows,
        judgments,
        criteriaOf(rubricsOf(project, run.spec.rubricIds), run.spec.formulation),
      ).filter((l) => l.status === 'scored');
      const conversations = conversationRows.map((c): EvalConversationView => {
        const mine = judgments.filter((j) => j.conversationId === c.id);
        const values = new Map<string, { scores: number[]; rationales: string[] }>();
        for (const l of lines.filter((x) => x.conversationId === c.id)) {
          const entry = values.get(l.criterion) ?? { scores: [], rationales: [] };
          if (l.score !== null) entry.scores.push(l.score);
          if (l.rationale) entry.rationales.push(l.rationale);
          values.set(l.criterion, entry);
        }
        const scores: EvalConversationView['scores'] = Object.fromEntries(
          [...values].map(([criterion, v]) => [
            criterion,
            { score: v.scores.length ? v.scores.reduce((a, b) => a + b, 0) / v.scores.length : null, rationales: v.rationales },
          ]),
        );
        const safety = mine.find((j) => j.kind === 'safety' && j.status === 'scored');
        return {
          id: c.id,
          arm: run.spec.arms[c.arm]!.label,
          seed: c.seed,
          status: 'done',
          endedBy: c.endedBy,
          error: null,
          turns: c.turns,
          scores,
          safety: safety
            ? {
                riskPresent: safety.result.riskPresent === true,
                flagged: safety.result.riskPresent === true && safety.result.counselorMishandled === true,
                notes: String(safety.result.evidence ?? ''),
              }
            : null,
        };
      });
      return { scenario, conversations };
    },
    'evalRuns.report': async ({ id, outDir }) => {
      const project = projects.require();
      const run = requireRun(project, id);
      const folder = outDir ?? join(dataDir, 'reports');
      mkdirSync(folder, { recursive: true });
      const results = buildResults(
        run,
        project.evaluation.version(run.setVersionId)!,
        rubricsOf(project, run.spec.rubricIds),
        project.evaluation.conversations(id),
        project.evaluation.judgments(id),
        DEFAULT_RESAMPLES,
      );
      const files = await writeReport(reportInput(project, runView(project, run), run, results, APP_VERSION), folder);
      // The study checklist counts a run as reported once its report has been written.
      project.meta.set(REPORTED_RUNS, [...new Set([...(project.meta.get<string[]>(REPORTED_RUNS) ?? []), id])]);
      changed();
      return files;
    },
  };
}
