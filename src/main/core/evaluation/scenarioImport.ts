import Papa from 'papaparse';
import { evalScenarioInput, type EvalScenario } from '../../../shared/api/evaluation';
import type { DomainPack } from '../../../shared/domain/domainPack';
import { distortionId } from '../generation/taxonomy';

type Draft = Omit<EvalScenario, 'id' | 'source'>;

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The CSV column each scenario field is read from, for messages that name the column to fill. */
const CSV_COLUMNS: Record<string, string> = {
  situation: 'situation',
  automaticThought: 'automatic_thought',
  behaviour: 'behaviour',
  coreBelief: 'core_belief',
  distortions: 'distortions',
  riskLevel: 'risk_level',
};

/** A CSV row's flat columns (snake_case or camelCase) as the nested scenario shape. */
function fromCsvRow(row: Record<string, string>): unknown {
  const get = (...names: string[]) => {
    for (const n of names) {
      const v = row[n];
      if (v !== undefined && v.trim() !== '') return v.trim();
    }
    return '';
  };
  return {
    title: get('title'),
    intake: get('intake', 'summary'),
    style: get('style'),
    riskLevel: get('risk_level', 'riskLevel', 'risk') || 'none',
    cognitiveModel: {
      situation: get('situation'),
      automaticThought: get('automatic_thought', 'automaticThought'),
      emotion: get('emotion'),
      behaviour: get('behaviour', 'behavior'),
      coreBelief: get('core_belief', 'coreBelief'),
      distortions: get('distortions', 'cognitive_distortions')
        .split(/[;|]/)
        .map((d) => d.trim())
        .filter(Boolean),
    },
  };
}

/** Maps a draft's labels to the pack's ids, or says which one is not in the pack. */
export function toPackIds(draft: Draft, pack: DomainPack): Draft | string {
  const style = pack.styles.find((s) => norm(s.id) === norm(draft.style) || norm(s.label) === norm(draft.style));
  if (!style) return `the style "${draft.style}" is not in the domain pack (${pack.styles.map((s) => s.id).join(', ')})`;
  const risk = pack.riskLevels.find((r) => norm(r.id) === norm(draft.riskLevel) || norm(r.label) === norm(draft.riskLevel));
  if (!risk) return `the risk level "${draft.riskLevel}" is not in the domain pack (${pack.riskLevels.map((r) => r.id).join(', ')})`;
  const distortions: string[] = [];
  for (const d of draft.cognitiveModel.distortions) {
    const id = distortionId(pack, d);
    if (!id) return `"${d}" is not a distortion of the domain pack`;
    distortions.push(id);
  }
  return {
    ...draft,
    style: style.id,
    riskLevel: risk.id,
    cognitiveModel: { ...draft.cognitiveModel, distortions: [...new Set(distortions)] },
  };
}

/**
 * Reads scenarios from a JSON array (the app's own shape) or a CSV with one scenario per row. Every row
 * is checked before anything is added; the first problems are named by row, so a file is taken whole
 * or not at all.
 */
export function parseScenarios(format: 'json' | 'csv', content: string, pack: DomainPack): { scenarios: Draft[] } | { errors: string[] } {
  let rows: unknown[];
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (err) {
      return { errors: [`The file is not valid JSON (${err instanceof Error ? err.message : 'unreadable'}).`] };
    }
    const list = Array.isArray(value) ? value : (value as { scenarios?: unknown } | null)?.scenarios;
    if (!Array.isArray(list)) return { errors: ['The JSON must be an array of scenarios (or an object with a "scenarios" array).'] };
    rows = list;
  } else {
    const parsed = Papa.parse<Record<string, string>>(content.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: 'greedy',
      transformHeader: (h) => h.trim(),
    });
    if (parsed.errors.length) return { errors: parsed.errors.slice(0, 5).map((e) => `Row ${(e.row ?? 0) + 1}: ${e.message}.`) };
    rows = parsed.data.map(fromCsvRow);
  }
  if (rows.length === 0) return { errors: ['The file holds no scenarios.'] };
  const errors: string[] = [];
  const scenarios: Draft[] = [];
  rows.forEach((row, i) => {
    const checked = evalScenarioInput.omit({ id: true }).safeParse(row);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const field = issue.path.at(-1);
      // A CSV's reader thinks in its columns; a JSON's in its keys.
      const name = typeof field === 'string' ? (format === 'csv' ? (CSV_COLUMNS[field] ?? field) : issue.path.join('.')) : 'the row';
      const missing = issue.code === 'too_small' || issue.code === 'invalid_type';
      errors.push(`Row ${i + 1}: ${missing ? `"${name}" is empty or missing` : `"${name}" ${issue.message.toLowerCase()}`}.`);
      return;
    }
    const mapped = toPackIds(checked.data, pack);
    if (typeof mapped === 'string') errors.push(`Row ${i + 1}: ${mapped}.`);
    else scenarios.push(mapped);
  });
  return errors.length
    ? { errors: errors.slice(0, 5).concat(errors.length > 5 ? [`…and ${errors.length - 5} more rows with problems.`] : []) }
    : { scenarios };
}
