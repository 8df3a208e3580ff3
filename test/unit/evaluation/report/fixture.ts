// A realistic report input: the write-up's three arms on six scenarios × two seeds, judged twice on
// empathy and relevance (1-10) and three CTRS items (0-6). Hybrid leads empathy significantly;
// nothing is significant on relevance. One scenario title is a script tag, and rationales carry
// quotes, commas and line breaks.
import type {
  DescriptiveStats,
  EvalCriterion,
  EvalResults,
  EvalRunView,
  EvalScenario,
  PairedComparison,
} from '../../../../src/shared/api/evaluation';
import type { ReportInput, ReportScoreRow } from '../../../../src/main/core/evaluation/report/reportInput';

export const MODELS = ['Base + prompt', 'Real-only', 'Hybrid'];
export const MALICIOUS_TITLE = 'Exam panic <script>alert(1)</script>';
export const TRICKY_RATIONALE =
  'The counselor said "that sounds hard, doesn\'t it?", then\nasked about the exam,\r\nand "reflected" twice.';

export const CRITERIA: EvalCriterion[] = [
  { id: 'empathy-relevance.empathy', rubricId: 'empathy-relevance', label: 'Empathy', scale: { min: 1, max: 10 } },
  { id: 'empathy-relevance.relevance', rubricId: 'empathy-relevance', label: 'Relevance', scale: { min: 1, max: 10 } },
  { id: 'ctrs.agenda', rubricId: 'ctrs', label: 'Agenda', scale: { min: 0, max: 6 } },
  { id: 'ctrs.feedback', rubricId: 'ctrs', label: 'Feedback', scale: { min: 0, max: 6 } },
  { id: 'ctrs.understanding', rubricId: 'ctrs', label: 'Understanding', scale: { min: 0, max: 6 } },
];

const TITLES = [
  'Group project silence',
  MALICIOUS_TITLE,
  'Marriage and intimacy worries',
  'New job, old doubts',
  'Sleepless before the move',
  'Sister stopped calling',
];
const SEEDS = [1, 2];
const REPEATS = 2;

/** Each arm's typical level per criterion; scores scatter around it deterministically. */
const LEVEL: Record<string, Record<string, number>> = {
  'Base + prompt': {
    'empathy-relevance.empathy': 8.4,
    'empathy-relevance.relevance': 8.0,
    'ctrs.agenda': 3.5,
    'ctrs.feedback': 3.2,
    'ctrs.understanding': 4.0,
  },
  'Real-only': {
    'empathy-relevance.empathy': 7.3,
    'empathy-relevance.relevance': 7.9,
    'ctrs.agenda': 3.1,
    'ctrs.feedback': 3.4,
    'ctrs.understanding': 3.6,
  },
  Hybrid: {
    'empathy-relevance.empathy': 9.1,
    'empathy-relevance.relevance': 8.2,
    'ctrs.agenda': 3.8,
    'ctrs.feedback': 3.6,
    'ctrs.understanding': 4.3,
  },
};

function jitter(...keys: number[]): number {
  let h = 2166136261;
  for (const k of keys) h = Math.imul(h ^ (k + 0x9e37), 16777619);
  return ((h >>> 0) % 1000) / 1000 - 0.5;
}

function describe(values: number[], missing: number, scale?: { min: number; max: number }): DescriptiveStats {
  const n = values.length;
  if (n === 0) return { n, missing, mean: null, median: null, sd: null, q1: null, q3: null, iqr: null, min: null, max: null, ci: null };
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => {
    const pos = (n - 1) * p;
    const lo = Math.floor(pos);
    return sorted[lo]! + (sorted[Math.ceil(pos)]! - sorted[lo]!) * (pos - lo);
  };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : null;
  const half = sd === null ? 0 : (1.96 * sd) / Math.sqrt(n);
  const clamp = (v: number) => (scale ? Math.min(scale.max, Math.max(scale.min, v)) : v);
  return {
    n,
    missing,
    mean,
    median: q(0.5),
    sd,
    q1: q(0.25),
    q3: q(0.75),
    iqr: q(0.75) - q(0.25),
    min: sorted[0]!,
    max: sorted[n - 1]!,
    ci: { low: clamp(mean - half), high: clamp(mean + half) },
  };
}

export function buildFixture(): ReportInput {
  const scenarios: EvalScenario[] = TITLES.map((title, i) => ({
    id: `0199a1b2-0000-7000-8000-00000000000${i}`,
    title,
    intake: `Intake note ${i}: client reports stress, "can't focus", sleeps badly.`,
    style: ['plain', 'upset', 'verbose', 'reserved', 'tangent', 'pleasing'][i]!,
    riskLevel: i === 4 ? 'low' : 'none',
    cognitiveModel: {
      situation: 'A situation',
      automaticThought: 'I will fail',
      emotion: 'anxious',
      behaviour: 'avoids',
      coreBelief: 'I am incompetent',
      distortions: ['catastrophizing', 'mind_reading'],
    },
    source: 'generated',
  }));

  const scores: ReportScoreRow[] = [];
  const points: EvalResults['points'] = [];
  let conversation = 0;
  MODELS.forEach((model, m) => {
    scenarios.forEach((scenario, s) => {
      for (const seed of SEEDS) {
        const conversationId = `conv-${String(++conversation).padStart(3, '0')}`;
        const perCriterion: Record<string, number | null> = {};
        CRITERIA.forEach((criterion, c) => {
          const repeats: number[] = [];
          for (let repeat = 1; repeat <= REPEATS; repeat++) {
            // Unreadable judgments, kept as missing: both repeats of one conversation, and one repeat of another.
            const missing = (m === 1 && s === 2 && seed === 1 && c === 0) || (m === 2 && s === 5 && seed === 2 && c === 3 && repeat === 1);
            const raw = LEVEL[model]![criterion.id]! + 2 * jitter(m, s, seed, c, repeat);
            const score = missing ? null : Math.min(criterion.scale.max, Math.max(criterion.scale.min, Math.round(raw)));
            if (score !== null) repeats.push(score);
            scores.push({
              conversationId,
              model,
              scenarioId: scenario.id,
              scenarioTitle: scenario.title,
              seed,
              rubricId: criterion.rubricId,
              criterion: criterion.id,
              repeat,
              score,
              status: missing ? 'unreadable' : 'scored',
              rationale: missing ? '' : s === 0 && c === 0 ? TRICKY_RATIONALE : `Score ${score}: reflects the client's feelings, mostly.`,
            });
          }
          perCriterion[criterion.id] = repeats.length ? repeats.reduce((a, b) => a + b, 0) / repeats.length : null;
        });
        points.push({ model, scenarioId: scenario.id, seed, scores: perCriterion });
      }
    });
  });

  const stats: EvalResults['stats'] = {};
  for (const model of MODELS) {
    stats[model] = {};
    for (const c of CRITERIA) {
      const values = points.filter((p) => p.model === model).map((p) => p.scores[c.id]);
      const present = values.filter((v): v is number => v !== null);
      stats[model]![c.id] = describe(present, values.length - present.length, c.scale);
    }
  }

  const comparisons: PairedComparison[] = [];
  for (const c of CRITERIA) {
    for (let a = 0; a < MODELS.length; a++) {
      for (let b = a + 1; b < MODELS.length; b++) {
        const [ma, mb] = [MODELS[a]!, MODELS[b]!];
        const diff = stats[ma]![c.id]!.mean! - stats[mb]![c.id]!.mean!;
        const significant = c.id === 'empathy-relevance.empathy';
        const p = significant ? 0.0004 * (a + b) : 0.21 + 0.1 * a + 0.05 * b;
        comparisons.push({
          criterion: c.id,
          a: ma,
          b: mb,
          n: 12,
          meanDifference: diff,
          ci: { low: diff - 0.4, high: diff + 0.4 },
          wilcoxon: { statistic: 60 + a + b, p, method: 'exact', effectSize: diff > 0 ? 0.62 : -0.62 },
          pHolm: Math.min(1, p * 3),
          significant,
        });
      }
    }
  }

  const perScenario: EvalResults['perScenario'] = scenarios.map((scenario) => ({
    scenarioId: scenario.id,
    title: scenario.title,
    means: Object.fromEntries(
      MODELS.map((model) => [
        model,
        Object.fromEntries(
          CRITERIA.map((c) => {
            const vs = points
              .filter((p) => p.model === model && p.scenarioId === scenario.id)
              .flatMap((p) => (p.scores[c.id] == null ? [] : [p.scores[c.id]!]));
            return [c.id, vs.length ? vs.reduce((x, y) => x + y, 0) / vs.length : null];
          }),
        ),
      ]),
    ),
  }));

  const ctrsTotals = (model: string) =>
    points
      .filter((p) => p.model === model)
      .map((p) => ((p.scores['ctrs.agenda'] ?? 0) + (p.scores['ctrs.feedback'] ?? 0) + (p.scores['ctrs.understanding'] ?? 0)) * (11 / 3));

  const results: EvalResults = {
    runId: '0199a1b2-1111-7000-8000-000000000001',
    models: [...MODELS],
    criteria: CRITERIA,
    stats,
    comparisons,
    winners: {
      'empathy-relevance.empathy': 'Hybrid',
      'empathy-relevance.relevance': null,
      'ctrs.agenda': null,
      'ctrs.feedback': null,
      'ctrs.understanding': null,
    },
    reliability: {
      'empathy-relevance.empathy': { icc: 0.81, alpha: 0.79, note: null },
      'empathy-relevance.relevance': { icc: 0.74, alpha: 0.72, note: null },
      'ctrs.agenda': { icc: 0.66, alpha: 0.61, note: null },
      'ctrs.feedback': { icc: null, alpha: null, note: 'Every repeat gave the same score: agreement is perfect but not measurable.' },
      'ctrs.understanding': { icc: 0.7, alpha: 0.69, note: null },
    },
    safety: {
      'Base + prompt': { conversations: 12, checked: 2, flagged: 0, passRate: 1 },
      'Real-only': { conversations: 12, checked: 2, flagged: 1, passRate: 0.5 },
      Hybrid: { conversations: 12, checked: 2, flagged: 0, passRate: 1 },
    },
    ctrs: Object.fromEntries(
      MODELS.map((m) => [
        m,
        { total: describe(ctrsTotals(m), 0), passRate: ctrsTotals(m).filter((t) => t >= 40).length / ctrsTotals(m).length },
      ]),
    ),
    perScenario,
    points,
    bootstrap: { resamples: 2000, seed: 1, level: 0.95 },
  };

  const run: EvalRunView = {
    id: results.runId,
    spec: {
      name: 'Write-up replication, Nov 2026',
      setVersionId: '0199a1b2-2222-7000-8000-000000000001',
      arms: [
        {
          label: 'Base + prompt',
          providerId: 'prov-openai',
          model: 'gpt-4o-mini-2024-07-18',
          systemPrompt: 'You are a CBT counselor. Be warm & <precise>.',
          temperature: 0.7,
        },
        {
          label: 'Real-only',
          providerId: 'prov-openai',
          model: 'ft:gpt-4o-mini-2024-07-18:lab::real01',
          systemPrompt: null,
          temperature: null,
        },
        {
          label: 'Hybrid',
          providerId: 'prov-openai',
          model: 'ft:gpt-4o-mini-2024-07-18:lab::hyb01',
          systemPrompt: null,
          temperature: null,
        },
      ],
      sharedSystemPrompt: 'You are a supportive counselor using CBT.',
      simulator: { providerId: 'prov-openai', model: 'gpt-4o-2024-08-06', temperature: 0.9 },
      judge: { providerId: 'prov-local', model: 'qwen2.5-72b-instruct' },
      rubricIds: ['empathy-relevance', 'ctrs'],
      formulation: false,
      turns: 8,
      seeds: 2,
      judgeRepeats: REPEATS,
      useBatchForScoring: false,
      budgetUsd: 20,
    },
    setName: 'CBT distortions × styles',
    setVersion: 3,
    setHash: 'b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184',
    status: 'done',
    conversationsJobId: 'job-conv',
    scoringJobId: 'job-score',
    conversations: { total: 36, done: 36, failed: 0 },
    judgments: {
      total: scores.length,
      scored: scores.filter((s) => s.score !== null).length,
      missing: scores.filter((s) => s.score === null).length,
    },
    costUsd: 3.4172,
    createdAt: Date.UTC(2026, 10, 20, 9, 30),
  };

  return {
    run,
    results,
    scenarios,
    method: {
      setName: run.setName,
      setVersion: run.setVersion,
      setHash: run.setHash,
      datasets: [
        { armLabel: 'Base + prompt', model: 'gpt-4o-mini-2024-07-18' },
        {
          armLabel: 'Real-only',
          model: 'ft:gpt-4o-mini-2024-07-18:lab::real01',
          datasetName: 'Real sessions',
          datasetVersion: 2,
          datasetHash: 'aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44ee55ff66aa11bb22cc33dd44',
        },
        {
          armLabel: 'Hybrid',
          model: 'ft:gpt-4o-mini-2024-07-18:lab::hyb01',
          datasetName: 'Real + synthetic',
          datasetVersion: 5,
          datasetHash: '99887766554433221100aabbccddeeff99887766554433221100aabbccddeeff',
        },
      ],
      prompts: [
        { name: 'client', version: 2 },
        { name: 'judge', version: 4 },
        { name: 'safety', version: 1 },
      ],
      rubrics: [
        { id: 'empathy-relevance', name: 'Empathy and relevance', version: 1 },
        { id: 'ctrs', name: 'Cognitive Therapy Rating Scale (CTRS)', version: 1 },
      ],
      simulator: { providerId: 'prov-openai', providerName: 'OpenAI', model: 'gpt-4o-2024-08-06', temperature: 0.9 },
      judge: { providerName: 'Local vLLM', model: 'qwen2.5-72b-instruct' },
      seeds: SEEDS,
      turns: 8,
      judgeRepeats: REPEATS,
      bootstrap: results.bootstrap,
      appVersion: '0.1.0',
      generatedAt: Date.UTC(2026, 10, 24, 14, 5),
    },
    scores,
  };
}
