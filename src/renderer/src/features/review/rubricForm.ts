import { ApiCallError } from '../../../../shared/api/client';
import type { RubricView } from '../../../../shared/api/judging';

/**
 * The rubric editor's draft and its checks. The backend checks every rubric again (and words its own
 * errors); checking here first lets each problem sit next to its field and name its criterion.
 * The rules follow the judging domain's rubric schema, with the rubric id limited to what
 * `judge.start` accepts (no "_"), so a saved rubric can always be used for judging.
 */

export interface AnchorDraft {
  key: string;
  score: number | '';
  description: string;
}

export interface CriterionDraft {
  key: string;
  id: string;
  /** A new criterion's id follows its label until the person types one. */
  autoId: boolean;
  label: string;
  description: string;
  min: number | '';
  max: number | '';
  flagBelow: number | '';
  anchors: AnchorDraft[];
}

export interface RubricDraft {
  id: string;
  autoId: boolean;
  isNew: boolean;
  /** The saved version; an edit is saved as the next one. */
  version: number;
  name: string;
  description: string;
  safety: boolean;
  criteria: CriterionDraft[];
}

export interface RubricIssue {
  /** The field: `name`, `criteria.1.anchors.0.score`… (the backend's paths). */
  key: string;
  where: string;
  message: string;
}

let counter = 0;
const nextKey = () => `k${(counter += 1)}`;

export const RUBRIC_ID = /^[a-z][a-z0-9-]{0,60}$/;
export const CRITERION_ID = /^[a-z][a-z0-9_-]{0,63}$/;

/** "Client realism" → "client-realism" (rubrics) or "client_realism" (criteria, as the built-in ones are). */
export function toId(text: string, separator: '-' | '_'): string {
  const id = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^[^a-z]+|\\${separator}+$`, 'g'), '');
  return id.slice(0, 60).replace(new RegExp(`\\${separator}+$`), '');
}

export function blankCriterion(): CriterionDraft {
  return {
    key: nextKey(),
    id: '',
    autoId: true,
    label: '',
    description: '',
    min: 1,
    max: 5,
    flagBelow: 3,
    anchors: [1, 3, 5].map((score) => ({ key: nextKey(), score, description: '' })),
  };
}

export function blankAnchor(score: number | ''): AnchorDraft {
  return { key: nextKey(), score, description: '' };
}

export function newRubric(): RubricDraft {
  return { id: '', autoId: true, isNew: true, version: 1, name: '', description: '', safety: false, criteria: [blankCriterion()] };
}

function criteriaOf(view: RubricView): CriterionDraft[] {
  return view.criteria.map((c) => ({
    key: nextKey(),
    id: c.id,
    autoId: false,
    label: c.label,
    description: c.description,
    min: c.scale.min,
    max: c.scale.max,
    flagBelow: c.flagBelow ?? '',
    anchors: c.anchors.map((a) => ({ key: nextKey(), score: a.score, description: a.description })),
  }));
}

export function draftOf(view: RubricView): RubricDraft {
  return {
    id: view.id,
    autoId: false,
    isNew: false,
    version: view.version,
    name: view.name,
    description: view.description,
    safety: view.safety,
    criteria: criteriaOf(view),
  };
}

/** A copy to edit, under an id no rubric has yet. */
export function duplicateOf(view: RubricView, takenIds: Iterable<string>): RubricDraft {
  const taken = new Set(takenIds);
  const base = `${view.id.slice(0, 50)}-copy`;
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return {
    id,
    autoId: false,
    isNew: true,
    version: 1,
    name: `${view.name} (copy)`.slice(0, 120),
    description: view.description,
    safety: view.safety,
    criteria: criteriaOf(view),
  };
}

/** What is sent to `rubrics.save` (and compared to tell whether there are unsaved changes). */
export function rubricOf(draft: RubricDraft): Record<string, unknown> {
  return {
    id: draft.id.trim(),
    name: draft.name.trim(),
    version: draft.isNew ? 1 : draft.version + 1,
    description: draft.description.trim(),
    safety: draft.safety,
    criteria: draft.criteria.map((c) => ({
      id: c.id.trim(),
      label: c.label.trim(),
      description: c.description.trim(),
      scale: { min: c.min, max: c.max },
      anchors: c.anchors.map((a) => ({ score: a.score, description: a.description.trim() })),
      ...(c.flagBelow === '' ? {} : { flagBelow: c.flagBelow }),
    })),
  };
}

const TOP_FIELDS: Record<string, string> = {
  id: 'ID',
  name: 'Name',
  description: 'Description',
  criteria: 'Criteria',
  version: 'Version',
  safety: 'Safety check',
};
const CRITERION_FIELDS: Record<string, string> = {
  id: 'ID',
  label: 'Name',
  description: 'What the judge looks for',
  scale: 'Scale',
  'scale.min': 'Lowest score',
  'scale.max': 'Highest score',
  flagBelow: 'Flag scores below',
  anchors: 'Anchors',
};

/** "Criterion 2 “Empathy” › Anchor 3 › Score", read from the draft. */
export function describeKey(draft: RubricDraft, key: string): string {
  const parts = key.split('.');
  if (parts[0] !== 'criteria' || parts.length < 2) return `Rubric › ${TOP_FIELDS[parts[0] ?? ''] ?? (key || 'the rubric')}`;
  const i = Number(parts[1]);
  const c = draft.criteria[i];
  const out = [`Criterion ${i + 1}${c?.label.trim() ? ` “${c.label.trim()}”` : ''}`];
  const rest = parts.slice(2);
  if (rest[0] === 'anchors' && rest.length >= 2) {
    out.push(`Anchor ${Number(rest[1]) + 1}`);
    if (rest[2]) out.push(rest[2] === 'score' ? 'Score' : 'What this score means');
  } else if (rest.length) out.push(CRITERION_FIELDS[rest.join('.')] ?? rest.join('.'));
  return out.join(' › ');
}

/** The DOM id of a field's input. */
export function rubricFieldId(key: string): string {
  return `rubric-${key.replace(/\./g, '-')}`;
}

const isInt = (n: number | ''): n is number => n !== '' && Number.isInteger(n);

/**
 * Every problem with the draft. `taken` maps the ids already in use to whether they are built-in, so a
 * new rubric cannot silently replace another.
 */
export function checkRubric(draft: RubricDraft, taken: Map<string, boolean>): RubricIssue[] {
  const out: RubricIssue[] = [];
  const add = (key: string, message: string) => out.push({ key, where: describeKey(draft, key), message });
  const text = (key: string, value: string, max: number, what: string) => {
    if (!value.trim()) add(key, `Give ${what}.`);
    else if (value.trim().length > max) add(key, `Keep it under ${max} characters.`);
  };

  text('name', draft.name, 120, 'the rubric a name');
  const id = draft.id.trim();
  if (!id) add('id', 'Give the rubric an ID, such as my-rubric.');
  else if (!RUBRIC_ID.test(id))
    add('id', 'Use lower-case letters, digits and "-", starting with a letter (for example session-quality-v2).');
  else if (draft.isNew && taken.has(id))
    add(
      'id',
      taken.get(id)
        ? `“${id}” is a built-in rubric's ID; choose another.`
        : `A rubric with the ID “${id}” already exists; choose another or edit that one.`,
    );
  text('description', draft.description, 2000, 'a short description of what the rubric measures');
  if (draft.criteria.length === 0) add('criteria', 'A rubric needs at least one criterion: use “Add a criterion”.');

  const ids = new Map<string, number>();
  draft.criteria.forEach((c, i) => {
    const at = (field: string) => `criteria.${i}.${field}`;
    const cid = c.id.trim();
    if (!cid) add(at('id'), 'Give the criterion an ID, such as empathy.');
    else if (!CRITERION_ID.test(cid)) add(at('id'), 'Use lower-case letters, digits, "_" or "-", starting with a letter.');
    else if (ids.has(cid)) add(at('id'), `The ID “${cid}” is already used by criterion ${(ids.get(cid) ?? 0) + 1}; each must be unique.`);
    else ids.set(cid, i);
    text(at('label'), c.label, 120, 'the criterion a name');
    text(at('description'), c.description, 2000, 'the judge a description of what to look for');

    if (!isInt(c.min)) add(at('scale.min'), 'Give the lowest score, a whole number.');
    if (!isInt(c.max)) add(at('scale.max'), 'Give the highest score, a whole number.');
    const scaleOk = isInt(c.min) && isInt(c.max) && c.min < c.max;
    if (isInt(c.min) && isInt(c.max) && c.min >= c.max) add(at('scale.max'), `The highest score must be above the lowest (${c.min}).`);

    if (c.anchors.length < 2) add(at('anchors'), 'Give at least two anchors: at least the two ends of the scale.');
    const seen = new Set<number>();
    c.anchors.forEach((a, j) => {
      const ak = `${at('anchors')}.${j}`;
      if (!isInt(a.score)) add(`${ak}.score`, 'Give the score, a whole number.');
      else {
        if (scaleOk && (a.score < (c.min as number) || a.score > (c.max as number)))
          add(`${ak}.score`, `${a.score} is outside the ${c.min}–${c.max} scale.`);
        if (seen.has(a.score)) add(`${ak}.score`, `Score ${a.score} has two anchors; keep one.`);
        seen.add(a.score);
      }
      if (!a.description.trim()) add(`${ak}.description`, 'Say what this score means.');
      else if (a.description.trim().length > 1000) add(`${ak}.description`, 'Keep it under 1000 characters.');
    });

    if (c.flagBelow !== '' && scaleOk && (c.flagBelow <= (c.min as number) || c.flagBelow > (c.max as number))) {
      add(
        at('flagBelow'),
        `Choose a value above ${c.min} and at most ${c.max}, or leave it empty: otherwise no score (or every score) would raise a flag.`,
      );
    }
  });
  return out;
}

/**
 * The backend's reasons for refusing a rubric ("The rubric is not valid: criteria.0.id: …; …") as
 * issues on their fields; null when the error is of another kind.
 */
export function serverRubricIssues(error: unknown, draft: RubricDraft): RubricIssue[] | null {
  if (!(error instanceof ApiCallError) || error.code !== 'INVALID_INPUT') return null;
  const body = error.message.replace(/^The rubric is not valid:\s*/, '');
  if (body === error.message) return null;
  const found = body.split('; ').flatMap((part) => {
    const m = /^([\w.()]+): (.+)$/s.exec(part);
    if (!m?.[1] || !m[2]) return [];
    const key = m[1] === '(rubric)' ? '' : m[1];
    return [{ key, where: describeKey(draft, key), message: m[2] }];
  });
  return found.length ? found : null;
}
