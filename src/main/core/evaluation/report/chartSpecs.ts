// What each chart shows, worked out once on the server. The same specs feed the charts (through the
// page's data JSON) and their accessible data tables (rendered as HTML), so the two cannot disagree.
import type { EvalCriterion, EvalResults } from '../../../../shared/api/evaluation';
import { slug } from './format';
import type { ReportInput } from './reportInput';

export interface Scale {
  min: number;
  max: number;
}

export interface CriterionRef {
  id: string;
  label: string;
  scale: Scale;
}

export interface BarsChart {
  kind: 'bars';
  id: string;
  title: string;
  scale: Scale;
  criteria: CriterionRef[];
  /** Per model, per criterion: the mean and its confidence interval. */
  series: { model: string; values: ({ mean: number; low: number | null; high: number | null } | null)[] }[];
}

export interface BoxChart {
  kind: 'box';
  id: string;
  title: string;
  scale: Scale;
  criteria: CriterionRef[];
  /** Per model, per criterion: every conversation's score (missing ones left out). */
  series: { model: string; values: number[][] }[];
}

export interface HeatmapChart {
  kind: 'heatmap';
  id: string;
  title: string;
  models: string[];
  /** Row labels, made unique when two scenarios share a title. */
  scenarios: { id: string; label: string }[];
  criteria: CriterionRef[];
  /** Per criterion id: [scenario][model] mean. */
  values: Record<string, (number | null)[][]>;
  initial: string;
}

export interface RadarChart {
  kind: 'radar';
  id: string;
  title: string;
  scale: Scale;
  criteria: CriterionRef[];
  series: { model: string; values: (number | null)[] }[];
}

export interface ScatterChart {
  kind: 'scatter';
  id: string;
  title: string;
  x: CriterionRef;
  y: CriterionRef;
  series: { model: string; points: { x: number; y: number; scenarioId: string; scenarioTitle: string; seed: number }[] }[];
}

export type ChartSpec = BarsChart | BoxChart | HeatmapChart | RadarChart | ScatterChart;

const RUBRIC_NAMES: Record<string, string> = { formulation: 'Formulation accuracy' };

export function buildChartSpecs(input: ReportInput): ChartSpec[] {
  const { results } = input;
  const level = Math.round(results.bootstrap.level * 100);
  const specs: ChartSpec[] = [];
  const groups = criterionGroups(results.criteria);
  for (const group of groups) {
    const name = rubricName(input, group.rubricId);
    specs.push({
      kind: 'bars',
      id: `bars-${group.key}`,
      title: `${name}: mean per model with ${level}% confidence intervals`,
      scale: group.scale,
      criteria: group.criteria.map(ref),
      series: results.models.map((model) => ({
        model,
        values: group.criteria.map((c) => {
          const s = results.stats[model]?.[c.id];
          return s && s.mean !== null ? { mean: s.mean, low: s.ci?.low ?? null, high: s.ci?.high ?? null } : null;
        }),
      })),
    });
  }
  for (const group of groups) {
    specs.push({
      kind: 'box',
      id: `box-${group.key}`,
      title: `${rubricName(input, group.rubricId)}: spread of conversation scores per model`,
      scale: group.scale,
      criteria: group.criteria.map(ref),
      series: results.models.map((model) => ({
        model,
        values: group.criteria.map((c) => results.points.filter((p) => p.model === model).flatMap((p) => present(p.scores[c.id]))),
      })),
    });
  }
  const heatmap = heatmapSpec(results);
  if (heatmap) specs.push(heatmap);
  const ctrs = results.criteria.filter((c) => c.rubricId === 'ctrs');
  if (ctrs.length > 0) {
    specs.push({
      kind: 'radar',
      id: 'radar-ctrs',
      title: 'CTRS items: mean per model',
      scale: { min: Math.min(...ctrs.map((c) => c.scale.min)), max: Math.max(...ctrs.map((c) => c.scale.max)) },
      criteria: ctrs.map(ref),
      series: results.models.map((model) => ({ model, values: ctrs.map((c) => results.stats[model]?.[c.id]?.mean ?? null) })),
    });
  }
  const empathy = findCriterion(results.criteria, 'empathy');
  const relevance = findCriterion(results.criteria, 'relevance');
  if (empathy && relevance) {
    const titles = new Map<string, string>([
      ...input.scenarios.map((s) => [s.id, s.title] as const),
      ...results.perScenario.map((s) => [s.scenarioId, s.title] as const),
    ]);
    specs.push({
      kind: 'scatter',
      id: 'scatter-empathy-relevance',
      title: 'Empathy against relevance per conversation (points nudged apart where scores tie)',
      x: ref(empathy),
      y: ref(relevance),
      series: results.models.map((model) => ({
        model,
        points: results.points.flatMap((p) => {
          const x = p.scores[empathy.id];
          const y = p.scores[relevance.id];
          return p.model === model && isScore(x) && isScore(y)
            ? [{ x, y, scenarioId: p.scenarioId, scenarioTitle: titles.get(p.scenarioId) ?? p.scenarioId, seed: p.seed }]
            : [];
        }),
      })),
    });
  }
  return specs;
}

/** Criteria that share a rubric and a scale share a chart; mixing 1-10 and 0-6 bars would mislead. */
function criterionGroups(criteria: EvalCriterion[]): { key: string; rubricId: string; scale: Scale; criteria: EvalCriterion[] }[] {
  const groups = new Map<string, { key: string; rubricId: string; scale: Scale; criteria: EvalCriterion[] }>();
  for (const c of criteria) {
    const id = `${c.rubricId}\u0000${c.scale.min}\u0000${c.scale.max}`;
    let group = groups.get(id);
    if (!group) {
      const base = slug(c.rubricId, 'rubric');
      const taken = new Set([...groups.values()].map((g) => g.key));
      let key = base;
      for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
      group = { key, rubricId: c.rubricId, scale: { ...c.scale }, criteria: [] };
      groups.set(id, group);
    }
    group.criteria.push(c);
  }
  return [...groups.values()];
}

function heatmapSpec(results: EvalResults): HeatmapChart | null {
  if (results.perScenario.length === 0 || results.criteria.length === 0 || results.models.length === 0) return null;
  const seen = new Map<string, number>();
  const scenarios = results.perScenario.map((row) => {
    const count = (seen.get(row.title) ?? 0) + 1;
    seen.set(row.title, count);
    return { id: row.scenarioId, label: count === 1 ? row.title : `${row.title} (${count})` };
  });
  const values: Record<string, (number | null)[][]> = {};
  for (const c of results.criteria) {
    values[c.id] = results.perScenario.map((row) => results.models.map((model) => scenarioMean(row.means, model, c.id)));
  }
  const initial = (findCriterion(results.criteria, 'empathy') ?? results.criteria[0])!.id;
  return {
    kind: 'heatmap',
    id: 'heatmap-scenarios',
    title: 'Mean per scenario and model',
    models: [...results.models],
    scenarios,
    criteria: results.criteria.map(ref),
    values,
    initial,
  };
}

/** `means` is keyed model first, then criterion, like `stats`. */
function scenarioMean(means: Record<string, Record<string, number | null>>, model: string, criterion: string): number | null {
  const v = means[model]?.[criterion];
  return isScore(v) ? v : null;
}

/** The write-up's criterion: its own rubric first, then any rubric with a criterion of that name. */
function findCriterion(criteria: EvalCriterion[], name: string): EvalCriterion | undefined {
  return criteria.find((c) => c.id === `empathy-relevance.${name}`) ?? criteria.find((c) => c.id.endsWith(`.${name}`));
}

export function rubricName(input: ReportInput, rubricId: string): string {
  return input.method.rubrics.find((r) => r.id === rubricId)?.name ?? RUBRIC_NAMES[rubricId] ?? rubricId;
}

function ref(c: EvalCriterion): CriterionRef {
  return { id: c.id, label: c.label, scale: { ...c.scale } };
}

function isScore(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function present(v: number | null | undefined): number[] {
  return isScore(v) ? [v] : [];
}
