import type { JudgeInput, JudgingApi, RubricView } from '../../../shared/api/judging';
import { ApiError } from '../../../shared/api/result';
import type { SessionDetail } from '../../../shared/domain/session';
import type { DomainDeps } from '../context';
import { estimateFor } from '../generation/estimate';
import { currentPrompt } from '../generation/domainPack';
import { sessionJobParams } from '../generation/sessionJobParams';
import type { OpenProject } from '../projects/openProject';
import { countTokens } from '../imports/tokens';
import { agreement } from './agreement';
import { CALIBRATION_METHOD } from './calibration';
import type { WorkerPool } from '../workers/workerPool';
import { projectRubrics, rubricById } from './projectRubrics';
import { aggregateRepeats } from './repeats';
import { defaultRubricId, defaultRubrics } from './defaultRubrics';
import { parseRubric } from './rubric';
import { projectProvider } from '../llm/projectProvider';
import { recordDecision } from './reviewDecision';
import { isUsable } from './judgment';

const JUDGE_OUTPUT_TOKENS = 600;

function judgeModel(
  project: Pick<OpenProject, JudgingParts>,
  input: JudgeInput,
): { providerId: string; model: string; concurrency: number } {
  const fallback = project.models.roleDefaults().find((d) => d.role === 'judge');
  const providerId = input.providerId ?? fallback?.providerId ?? null;
  const model = input.model ?? (input.providerId ? null : fallback?.modelId) ?? null;
  if (!providerId || !model) throw new ApiError('INVALID_INPUT', 'Choose a judge model, or set a default judge in Settings > Models.');
  const provider = projectProvider(project.providers, providerId);
  if (input.useBatch && !provider.capabilities.batches)
    throw new ApiError('INVALID_INPUT', `${provider.name} does not offer the Batch API; judge without it.`);
  return { providerId, model, concurrency: provider.concurrency };
}

/**
 * The items of a judge run: the sessions in scope, each judged `repeats` times. A session already
 * judged on this rubric is skipped, or with `again` judged anew as further repeats after its last
 * one, so no earlier judgment is ever written over.
 */
function judgeItems(project: Pick<OpenProject, JudgingParts>, input: JudgeInput, rubricId: string) {
  const scope = {
    ids: input.sessionIds,
    source: input.source,
    status: input.status,
    tag: input.tag,
    datasetVersionId: input.datasetVersionId,
  };
  const inScope = project.sessions.ids(scope);
  if (inScope.length === 0)
    throw new ApiError('CONFLICT', `No session matches this choice (${describeScope(input)}); widen it or choose other sessions.`);
  const last = project.judgments.lastRepeats(rubricId);
  const chosen = input.again ? inScope : inScope.filter((id) => !last.has(id));
  if (chosen.length === 0) {
    throw new ApiError(
      'CONFLICT',
      `All ${inScope.length} chosen sessions already have a judgment on this rubric. Judge them again to add new judgments beside the old ones (the CLI's --again, or "Judge again" in Review).`,
    );
  }
  const repeats = input.repeats ?? 1;
  return chosen.flatMap((sessionId) => {
    const after = input.again ? (last.get(sessionId) ?? 0) : 0;
    return Array.from({ length: repeats }, (_, i) => ({ sessionId, repeat: after + i + 1 }));
  });
}

function describeScope(input: JudgeInput): string {
  const parts = [
    input.sessionIds ? `${input.sessionIds.length} chosen` : null,
    input.source ? `${input.source} sessions` : null,
    input.status ? `status ${input.status.replace('_', ' ')}` : null,
    input.tag ? `tag "${input.tag}"` : null,
    input.datasetVersionId ? 'in the chosen dataset version' : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'every session';
}

/** The parts of the open project this API reads and writes. */
export type JudgingParts =
  | 'db'
  | 'file'
  | 'jobs'
  | 'jobsRepo'
  | 'judgments'
  | 'meta'
  | 'models'
  | 'personas'
  | 'prices'
  | 'prompts'
  | 'providers'
  | 'scenarios'
  | 'sessionEdits'
  | 'sessions';

export function judgingApi({ project: open, events, workers }: DomainDeps<JudgingParts> & { workers: WorkerPool }): JudgingApi {
  /** A synthetic session sent back is written again from its scenario, with the model that wrote it. */
  const regenerate = (project: Pick<OpenProject, JudgingParts>, session: SessionDetail) => {
    const { scenarioId, provenance } = project.sessions.origin(session.id);
    if (!scenarioId || typeof provenance?.providerId !== 'string' || typeof provenance.model !== 'string') return;
    if (!project.providers.get(provenance.providerId)) return;
    const mode = session.metadata.mode === 'twoAgent' ? 'twoAgent' : 'single';
    project.jobs.create(
      'generateSessions',
      sessionJobParams(project, {
        providerId: provenance.providerId,
        model: provenance.model,
        mode,
        scenarioIds: [scenarioId],
        seed: Date.now() % 2 ** 31,
      }),
    );
    events.emit('data.changed', { entity: 'jobs' });
  };

  return {
    'rubrics.list': async () =>
      projectRubrics(open()).map(({ rubric, builtin }): RubricView => ({
        id: rubric.id,
        name: rubric.name,
        version: rubric.version,
        description: rubric.description,
        builtin,
        safety: rubric.safety,
        criteria: rubric.criteria,
      })),

    'rubrics.save': async ({ rubric: raw }) => {
      const project = open();
      const parsed = parseRubric(raw);
      if (!parsed.ok) throw new ApiError('INVALID_INPUT', `The rubric is not valid: ${parsed.errors.slice(0, 3).join('; ')}`);
      if (defaultRubrics.some((r) => r.id === parsed.rubric.id))
        throw new ApiError('CONFLICT', `"${parsed.rubric.id}" is a built-in rubric; give yours another id.`);
      project.judgments.ensureRubric(parsed.rubric, false, Date.now());
      events.emit('data.changed', { entity: 'rubrics' });
      const r = parsed.rubric;
      return {
        id: r.id,
        name: r.name,
        version: r.version,
        description: r.description,
        builtin: false,
        safety: r.safety,
        criteria: r.criteria,
      };
    },

    'judge.estimate': async (input) => {
      const project = open();
      const { rubric } = rubricById(project, input.rubricId ?? defaultRubricId);
      const judge = judgeModel(project, input);
      const items = judgeItems(project, input, rubric.id);
      const sample = project.sessions.get(items[0]!.sessionId);
      const perCall = countTokens(currentPrompt(project, 'judge').template) + (sample?.tokenCount ?? 1500) + 600;
      // A quality judgment and a separate safety check per item.
      const calls = items.length * 2;
      return estimateFor(
        project,
        { calls, tokensInPerCall: perCall, tokensOutPerCall: JUDGE_OUTPUT_TOKENS / 2 },
        { model: judge.model, providerId: judge.providerId, concurrency: judge.concurrency, useBatch: input.useBatch },
      );
    },

    'judge.start': async (input) => {
      const project = open();
      await project.jobs.load('judge');
      const { rubric, builtin } = rubricById(project, input.rubricId ?? defaultRubricId);
      const judge = judgeModel(project, input);
      project.judgments.ensureRubric(rubric, builtin, Date.now());
      const job = project.jobs.create(
        'judge',
        {
          ...judge,
          temperature: 0,
          rubric,
          prompt: currentPrompt(project, 'judge'),
          safetyPrompt: currentPrompt(project, 'safety'),
          items: judgeItems(project, input, rubric.id),
          useBatch: input.useBatch ?? false,
        },
        { budgetUsd: input.budgetUsd ?? null },
      );
      events.emit('data.changed', { entity: 'jobs' });
      return job;
    },

    'judgments.forSession': async ({ id }) =>
      open()
        .judgments.forSession(id)
        .map((j) => ({
          rubricId: j.rubricId,
          repeat: j.repeat,
          judgeModel: j.judgeModel,
          // An answer that gave no number (every criterion null) was counted unscored by its job, and reads so here.
          status: isUsable(j.result) ? 'scored' : 'unscored',
          scores: j.result.ok ? j.result.scores : {},
          safety: j.result.ok ? j.result.safety : null,
          summary: j.result.ok ? j.result.summary : '',
          reason: !j.result.ok ? j.result.reason : isUsable(j.result) ? null : 'The judge scored no criterion; see each criterion for why.',
          createdAt: j.createdAt,
        })),

    'review.context': async ({ id }) => {
      const project = open();
      if (!project.sessions.get(id)) throw new ApiError('NOT_FOUND', 'That session is not in this project.');
      const { scenarioId, provenance } = project.sessions.origin(id);
      const scenario = scenarioId ? (project.scenarios.get(scenarioId) ?? null) : null;
      const persona = scenario ? (project.personas.get(scenario.personaId) ?? null) : null;
      const judged = project.judgments.forSession(id);
      const spreads = projectRubrics(project).flatMap(({ rubric }) => {
        const mine = judged.filter((j) => j.rubricId === rubric.id);
        return mine.length
          ? [
              {
                rubricId: rubric.id,
                rubricName: rubric.name,
                summary: aggregateRepeats(
                  rubric,
                  mine.map((j) => j.result),
                ),
              },
            ]
          : [];
      });
      return { scenario, persona, provenance, spreads };
    },

    'review.queue': async ({ offset, limit, ...filters }) =>
      open().sessions.reviewQueue({ ...filters, offset: offset ?? 0, limit: limit ?? 50 }),

    'review.decide': async ({ id, decision, reason }) => {
      const project = open();
      // Before the decision is recorded: the regeneration job is then created in the same step.
      if (decision === 'regenerate') await project.jobs.load('generateSessions');
      const session = project.sessions.get(id);
      if (!session) throw new ApiError('NOT_FOUND', 'That session is not in this project.');
      if (decision === 'regenerate' && session.source !== 'synthetic')
        throw new ApiError(
          'INVALID_INPUT',
          'Only a generated session can be sent back for regeneration; reject a real transcript instead.',
        );
      if (decision === 'approve' && session.redaction?.status === 'pending')
        throw new ApiError('CONFLICT', 'Review the detected personal details of this session before approving it.');
      const decided = recordDecision(project, session, decision, reason);
      events.emit('data.changed', { entity: 'sessions' });
      if (decision === 'regenerate') regenerate(project, session);
      return decided;
    },

    'review.rate': async ({ sessionId, rubricId, scores }) => {
      const project = open();
      const { rubric, builtin } = rubricById(project, rubricId);
      if (!project.sessions.get(sessionId)) throw new ApiError('NOT_FOUND', 'That session is not in this project.');
      for (const [criterion, score] of Object.entries(scores)) {
        const c = rubric.criteria.find((x) => x.id === criterion);
        if (!c) throw new ApiError('INVALID_INPUT', `"${criterion}" is not a criterion of ${rubric.name}.`);
        if (score < c.scale.min || score > c.scale.max)
          throw new ApiError('INVALID_INPUT', `${c.label} is scored ${c.scale.min}–${c.scale.max}.`);
      }
      const at = Date.now();
      project.db.transaction(() => {
        project.judgments.ensureRubric(rubric, builtin, at);
        for (const [criterion, score] of Object.entries(scores)) project.judgments.rate(sessionId, rubric.id, criterion, score, at);
      })();
      return null;
    },

    'review.agreement': async ({ rubricId }) => {
      const project = open();
      const { rubric } = rubricById(project, rubricId);
      const human = new Map<string, Record<string, number>>();
      for (const r of project.judgments.humanRatings(rubric.id))
        human.set(r.sessionId, { ...(human.get(r.sessionId) ?? {}), [r.criterion]: r.score });
      const pairs = [...human.entries()].map(([sessionId, scores]) => {
        const judged = project.judgments.forSession(sessionId, rubric.id).flatMap((j) => (j.result.ok ? [j.result] : []));
        const judge = Object.fromEntries(
          rubric.criteria.map((c) => {
            const values = judged.map((j) => j.scores[c.id]?.score).filter((v): v is number => typeof v === 'number');
            return [c.id, values.length ? values.reduce((a, b) => a + b, 0) / values.length : null];
          }),
        );
        return { sessionId, human: scores, judge };
      });
      return agreement(rubric, pairs);
    },

    'review.calibration': async ({ rubricId, resamples, seed }) => {
      const project = open();
      const { rubric } = rubricById(project, rubricId);
      // The bootstrap intervals run on the worker pool.
      const { humanSessions, judges } = await workers.run('judgeCalibration', { file: project.file, rubric, resamples, seed });
      return { rubricId: rubric.id, humanSessions, judges, method: CALIBRATION_METHOD };
    },
  };
}
