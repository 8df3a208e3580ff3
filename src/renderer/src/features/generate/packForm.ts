import type { z } from 'zod';
import { ApiCallError } from '../../../../shared/api/client';
import { domainPackSchema, type DomainPack } from '../../../../shared/domain/domainPack';

/**
 * The domain pack editor's rules, kept apart from its components: checking a draft (the same schema
 * the backend uses, plus the unique-id rule it applies) and saying where a problem is in words a
 * clinician recognises: "Cognitive distortions › distortion 14 “Mind reading” › Name".
 */

export type PackPath = (string | number)[];

export interface PackIssue {
  path: PackPath;
  /** `path` joined with dots: the key of the field's error. */
  key: string;
  /** Where the problem is, naming the item. */
  where: string;
  message: string;
}

export type PackSectionKey =
  | 'general'
  | 'presentingProblems'
  | 'distortions'
  | 'coreBeliefs'
  | 'styles'
  | 'ageBands'
  | 'severities'
  | 'riskLevels'
  | 'techniques'
  | 'cognitiveModelFields'
  | 'prompts';

/** The sections of the editor, in the order they are shown, with the singular noun of their items. */
export const PACK_SECTIONS: { key: PackSectionKey; title: string; noun: string }[] = [
  { key: 'general', title: 'About this pack', noun: '' },
  { key: 'presentingProblems', title: 'Presenting problems and themes', noun: 'problem' },
  { key: 'distortions', title: 'Cognitive distortions', noun: 'distortion' },
  { key: 'coreBeliefs', title: 'Core beliefs', noun: 'belief group' },
  { key: 'styles', title: 'Client conversational styles', noun: 'style' },
  { key: 'ageBands', title: 'Demographics: age bands', noun: 'age band' },
  { key: 'severities', title: 'Severity levels', noun: 'severity' },
  { key: 'riskLevels', title: 'Risk levels', noun: 'risk level' },
  { key: 'techniques', title: 'Counseling techniques', noun: 'technique' },
  { key: 'cognitiveModelFields', title: 'Cognitive model fields', noun: 'field' },
  { key: 'prompts', title: 'Prompt templates', noun: 'prompt' },
];

const GENERAL_FIELDS: Record<string, string> = {
  id: 'Pack ID',
  name: 'Pack name',
  version: 'Pack version',
  description: 'Description',
  disclaimer: 'Disclaimer',
  systemPrompt: 'System prompt',
};

export const FIELD_LABELS: Record<string, string> = {
  id: 'ID',
  label: 'Name',
  definition: 'Definition',
  example: 'Example',
  aliases: 'Also known as',
  optional: 'Extra',
  description: 'Description',
  simulatorInstruction: 'Instruction to the simulated client',
  group: 'Group ID',
  beliefs: 'Beliefs',
  template: 'Template',
  version: 'Version',
};

/** Which editor section a path belongs to. */
export function sectionOf(path: PackPath): PackSectionKey {
  const top = String(path[0] ?? '');
  return PACK_SECTIONS.some((s) => s.key === top) ? (top as PackSectionKey) : 'general';
}

export function pathKey(path: PackPath): string {
  return path.join('.');
}

/** The DOM id of a field's input, so an error in the summary can take the person to it. */
export function fieldId(path: PackPath): string {
  return `pack-${path.join('-')}`.replace(/[^a-zA-Z0-9_-]/g, '_');
}

/** A lower-case id from a name: "Mind Reading" → "mind-reading". */
export function slugify(text: string, separator = '-'): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '')
    .slice(0, 60);
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function itemName(item: unknown): string {
  if (typeof item === 'string') return item.trim();
  const r = record(item);
  const name = r?.label ?? r?.group ?? r?.id;
  return typeof name === 'string' ? name.trim() : '';
}

function numbered(noun: string, index: number, item: unknown): string {
  const name = itemName(item);
  return `${noun} ${index + 1}${name ? ` “${name}”` : ''}`;
}

/** "Core beliefs › belief group 2 “Unlovable” › belief 3 “I am unwanted” › ID", read from the pack being checked. */
export function describePath(pack: unknown, path: PackPath): string {
  const top = String(path[0] ?? '');
  const section = PACK_SECTIONS.find((s) => s.key === top);
  if (!section) return GENERAL_FIELDS[top] ?? (top || 'The pack');
  const parts = [section.title];
  const list = record(pack)?.[top];
  const rest = path.slice(1);
  if (top === 'prompts') {
    const name = rest.shift();
    if (name !== undefined) parts.push(`prompt “${String(name)}”`);
  } else if (rest.length > 0 && Number.isInteger(Number(rest[0]))) {
    const i = Number(rest.shift());
    const item = Array.isArray(list) ? list[i] : undefined;
    parts.push(numbered(section.noun, i, item));
    if (top === 'coreBeliefs' && rest[0] === 'beliefs' && rest.length > 1 && Number.isInteger(Number(rest[1]))) {
      const j = Number(rest[1]);
      const beliefs = record(item)?.beliefs;
      parts.push(numbered('belief', j, Array.isArray(beliefs) ? beliefs[j] : undefined));
      rest.splice(0, 2);
    }
  }
  const field = rest[0];
  if (field !== undefined)
    parts.push(
      top === 'coreBeliefs' && field === 'label' && rest.length === 1 && path.length === 3
        ? 'Group name'
        : (FIELD_LABELS[String(field)] ?? String(field)),
    );
  return parts.join(' › ');
}

/** Zod's messages in plain words for the cases a person meets in this editor. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string') return 'Fill this in; it cannot be empty.';
  if (issue.code === 'too_small' && issue.origin === 'array') return 'Needs at least one item.';
  if (issue.code === 'too_small' && issue.origin === 'number') return `Must be at least ${String(issue.minimum)}.`;
  if (issue.code === 'invalid_type')
    return `Must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}.`;
  return issue.message;
}

function issue(pack: unknown, path: PackPath, message: string): PackIssue {
  return { path, key: pathKey(path), where: describePath(pack, path), message };
}

const LISTS = ['distortions', 'styles', 'presentingProblems', 'severities', 'riskLevels', 'techniques'] as const;

/** The records of a list in a pack that may not be valid yet (pasted JSON, a draft): anything else is skipped. */
function records(raw: unknown, key: string): Record<string, unknown>[] {
  const list = record(raw)?.[key];
  return Array.isArray(list) ? list.map((x) => record(x) ?? {}) : [];
}

function strings(raw: unknown, key: string): unknown[] {
  const list = record(raw)?.[key];
  return Array.isArray(list) ? list : [];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Ids and names that are only spaces pass the schema but would be useless labels in prompts and grids. */
function blankIssues(pack: unknown): PackIssue[] {
  const out: PackIssue[] = [];
  const check = (path: PackPath, value: unknown) => {
    if (typeof value === 'string' && value.length > 0 && !value.trim())
      out.push(issue(pack, path, 'Fill this in; it cannot be only spaces.'));
  };
  const top = record(pack);
  check(['id'], top?.id);
  check(['name'], top?.name);
  check(['systemPrompt'], top?.systemPrompt);
  for (const key of LISTS) {
    records(pack, key).forEach((item, i) => {
      check([key, i, 'label'], item.label);
      check([key, i, 'id'], item.id);
    });
  }
  records(pack, 'coreBeliefs').forEach((g, i) => {
    check(['coreBeliefs', i, 'label'], g.label);
    check(['coreBeliefs', i, 'group'], g.group);
    records(g, 'beliefs').forEach((b, j) => {
      check(['coreBeliefs', i, 'beliefs', j, 'label'], b.label);
      check(['coreBeliefs', i, 'beliefs', j, 'id'], b.id);
    });
  });
  strings(pack, 'ageBands').forEach((a, i) => check(['ageBands', i], a));
  strings(pack, 'cognitiveModelFields').forEach((f, i) => check(['cognitiveModelFields', i], f));
  return out;
}

/** The backend refuses a pack whose lists repeat an id (beliefs count as one list across groups). */
function duplicateIssues(pack: unknown): PackIssue[] {
  const out: PackIssue[] = [];
  const scan = (entries: { path: PackPath; value: string; owner: string }[], what: string) => {
    const first = new Map<string, string>();
    for (const e of entries) {
      const value = e.value.trim();
      if (!value) continue;
      const earlier = first.get(value);
      if (earlier !== undefined) out.push(issue(pack, e.path, `${what} “${value}” is already used by ${earlier}; each must be unique.`));
      else first.set(value, e.owner);
    }
  };
  for (const key of LISTS) {
    const noun = PACK_SECTIONS.find((s) => s.key === key)?.noun ?? 'item';
    scan(
      records(pack, key).map((item, i) => ({ path: [key, i, 'id'], value: str(item.id), owner: numbered(noun, i, item) })),
      'The ID',
    );
  }
  const groups = records(pack, 'coreBeliefs');
  scan(
    groups.map((g, i) => ({ path: ['coreBeliefs', i, 'group'], value: str(g.group), owner: numbered('belief group', i, g) })),
    'The group ID',
  );
  scan(
    groups.flatMap((g, i) =>
      records(g, 'beliefs').map((b, j) => ({
        path: ['coreBeliefs', i, 'beliefs', j, 'id'],
        value: str(b.id),
        owner: `${numbered('belief', j, b)} in “${str(g.label)}”`,
      })),
    ),
    'The belief ID',
  );
  scan(
    strings(pack, 'ageBands').map((a, i) => ({ path: ['ageBands', i], value: str(a), owner: `age band ${i + 1}` })),
    'The age band',
  );
  scan(
    strings(pack, 'cognitiveModelFields').map((f, i) => ({ path: ['cognitiveModelFields', i], value: str(f), owner: `field ${i + 1}` })),
    'The field',
  );
  return out;
}

export type PackCheck = { ok: true; pack: DomainPack } | { ok: false; issues: PackIssue[] };

/** Checks a pack from the form or from pasted JSON; every problem names its item, and all are found at once. */
export function checkPack(raw: unknown): PackCheck {
  const parsed = domainPackSchema.safeParse(raw);
  const schemaIssues = parsed.success
    ? []
    : parsed.error.issues.map((i) =>
        issue(
          raw,
          i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          plainMessage(i),
        ),
      );
  const seen = new Set<string>();
  const issues = [...schemaIssues, ...blankIssues(raw), ...duplicateIssues(raw)].filter((i) =>
    seen.has(i.key) ? false : (seen.add(i.key), true),
  );
  if (parsed.success && issues.length === 0) return { ok: true, pack: parsed.data };
  return { ok: false, issues };
}

/** Checks pasted JSON text: a syntax error is one issue with the parser's words. */
export function checkPackText(text: string): PackCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      issues: [
        {
          path: [],
          key: 'json',
          where: 'The JSON text',
          message: `It does not parse: ${err instanceof Error ? err.message : String(err)}`,
        },
      ],
    };
  }
  return checkPack(raw);
}

/** The backend's field problems (`details.issues`, paths under `pack`) as issues on the draft; null when it gave none. */
export function serverIssues(error: unknown, pack: unknown): PackIssue[] | null {
  if (!(error instanceof ApiCallError) || error.code !== 'INVALID_INPUT') return null;
  const raw = (error.details as { issues?: { path: string[]; message: string }[] } | undefined)?.issues;
  if (!raw?.length) return null;
  return raw.map((i) => {
    const path = (i.path[0] === 'pack' ? i.path.slice(1) : i.path).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    return issue(pack, path, i.message);
  });
}

/** An issue's error text keyed by field, for the inputs to show. */
export function errorsByKey(issues: PackIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.key] ??= i.message;
  return out;
}
