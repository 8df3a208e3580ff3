import { z } from 'zod';
import { idSchema } from '../domain/ids';
import { sessionSources, sessionStatuses, turnRoles } from '../domain/session';
import type { SessionDetail, SessionEdit, SessionSource, SessionStatus, SessionSummary, Turn } from '../domain/session';
import type { InputSchemas, Method, NoInput } from './contractTypes';

export const sessionSortKeys = ['updated', 'created', 'title', 'turns', 'tokens', 'score'] as const;
export type SessionSort = (typeof sessionSortKeys)[number];

const tag = z.string().trim().min(1).max(60);
const ids = z.array(idSchema).min(1, 'select at least one session').max(100_000);

export interface SessionListInput {
  offset?: number | undefined;
  limit?: number | undefined;
  sort?: SessionSort | undefined;
  direction?: 'asc' | 'desc' | undefined;
  source?: SessionSource | undefined;
  status?: SessionStatus | undefined;
  tag?: string | undefined;
  search?: string | undefined;
  /** Sessions imported from this file (its name as shown in the import report). */
  originFile?: string | undefined;
  /** true: only sessions whose detected personal details await review; false: only the others. */
  pendingDetails?: boolean | undefined;
}

export interface FindReplaceMatch {
  sessionId: string;
  title: string;
  turnIndex: number;
  before: string;
  after: string;
}

export interface RedactionDecisionInput {
  id: string;
  decisions: Record<string, 'accepted' | 'rejected'>;
  mode?: 'placeholder' | 'surrogate' | undefined;
}

export interface SessionsApi {
  /**
   * A page of the library. `total` comes with the first page only (offset 0; null after it). A search
   * counts its matches up to 1,000: `totalCapped` then says there are more than `total`.
   */
  'sessions.list': Method<SessionListInput, { rows: SessionSummary[]; total: number | null; totalCapped: boolean }>;
  /** The ids of every session matching a filter, for "select all" across pages. */
  'sessions.ids': Method<Omit<SessionListInput, 'offset' | 'limit' | 'sort' | 'direction'>, string[]>;
  'sessions.get': Method<{ id: string }, SessionDetail>;
  'sessions.tags': Method<NoInput, { tag: string; count: number }[]>;
  /** Saves an edit (autosave sends the whole changed field) and records it in the session's history. */
  'sessions.update': Method<
    {
      id: string;
      title?: string | undefined;
      status?: SessionStatus | undefined;
      tags?: string[] | undefined;
      systemPrompt?: string | null | undefined;
      notes?: string | null | undefined;
      turns?: Turn[] | undefined;
      /** Words for the history ("Edited turn 4"); the backend writes one when absent. */
      summary?: string | undefined;
    },
    SessionDetail
  >;
  'sessions.history': Method<{ id: string }, SessionEdit[]>;
  'sessions.bulkUpdate': Method<
    { ids: string[]; addTags?: string[] | undefined; removeTags?: string[] | undefined; status?: SessionStatus | undefined },
    /** Approval changes what it can; `skipped` says which sessions it left and why. */
    { opId: string; changed: number; skipped: { reason: string; sessionIds: string[] }[] }
  >;
  'sessions.delete': Method<{ ids: string[] }, { opId: string; deleted: number }>;
  /** Reverts every change an operation made (an edit, a bulk change, a delete, a find-and-replace). */
  'sessions.undo': Method<{ opId: string }, { restored: number }>;
  /** With `apply: false` only previews; with `apply: true` changes the sessions as one undoable operation. */
  'sessions.findReplace': Method<
    { ids: string[]; find: string; replace: string; matchCase?: boolean | undefined; wholeWord?: boolean | undefined; apply: boolean },
    { matches: FindReplaceMatch[]; totalMatches: number; sessionsAffected: number; opId: string | null }
  >;
  /** Finds personal details in a session and keeps them for review (nothing is changed yet). */
  'sessions.detectRedactions': Method<{ id: string }, SessionDetail>;
  'sessions.applyRedactions': Method<RedactionDecisionInput, SessionDetail>;
  /**
   * Writes the matching sessions as OpenAI chat JSONL to `out` (a full path). Sessions whose personal
   * details await review are never written; `withheldForDetails` counts them.
   */
  'sessions.export': Method<
    { out: string; source?: SessionSource | undefined; status?: SessionStatus | undefined; tag?: string | undefined },
    { file: string; sessions: number; withheldForDetails: number }
  >;
}

const listFilter = {
  source: z.enum(sessionSources).optional(),
  status: z.enum(sessionStatuses).optional(),
  tag: tag.optional(),
  search: z.string().max(500).optional(),
  originFile: z.string().max(4096).optional(),
  pendingDetails: z.boolean().optional(),
};

const turnSchema = z.strictObject({ role: z.enum(turnRoles), text: z.string().max(200_000) });

export const sessionsInputs = {
  'sessions.list': z.strictObject({
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    sort: z.enum(sessionSortKeys).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    ...listFilter,
  }),
  'sessions.ids': z.strictObject(listFilter),
  'sessions.get': z.strictObject({ id: idSchema }),
  'sessions.tags': z.strictObject({}),
  'sessions.update': z.strictObject({
    id: idSchema,
    title: z.string().trim().min(1, 'a title is required').max(300).optional(),
    status: z.enum(sessionStatuses).optional(),
    tags: z.array(tag).max(50).optional(),
    systemPrompt: z.string().max(100_000).nullable().optional(),
    notes: z.string().max(100_000).nullable().optional(),
    turns: z.array(turnSchema).max(5000).optional(),
    summary: z.string().max(200).optional(),
  }),
  'sessions.history': z.strictObject({ id: idSchema }),
  'sessions.bulkUpdate': z.strictObject({
    ids,
    addTags: z.array(tag).max(20).optional(),
    removeTags: z.array(tag).max(20).optional(),
    status: z.enum(sessionStatuses).optional(),
  }),
  'sessions.delete': z.strictObject({ ids }),
  'sessions.undo': z.strictObject({ opId: idSchema }),
  'sessions.findReplace': z.strictObject({
    ids,
    find: z.string().min(1, 'type the text to find').max(1000),
    replace: z.string().max(1000),
    matchCase: z.boolean().optional(),
    wholeWord: z.boolean().optional(),
    apply: z.boolean(),
  }),
  'sessions.detectRedactions': z.strictObject({ id: idSchema }),
  'sessions.applyRedactions': z.strictObject({
    id: idSchema,
    decisions: z.record(z.string().max(100), z.enum(['accepted', 'rejected'])),
    mode: z.enum(['placeholder', 'surrogate']).optional(),
  }),
  'sessions.export': z.strictObject({
    out: z.string().min(1).max(4096),
    source: listFilter.source,
    status: listFilter.status,
    tag: listFilter.tag,
  }),
} satisfies InputSchemas<SessionsApi>;
