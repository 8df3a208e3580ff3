import { z } from 'zod';
import { idSchema } from '../domain/ids';
import type { InputSchemas, Method } from './contractTypes';

export const detailKinds = ['name', 'place', 'address', 'phone', 'email', 'url', 'date', 'age', 'id'] as const;
export type DetailKind = (typeof detailKinds)[number];

/** One person, place, number… detected in sessions that await review, counted across them. */
export interface PendingEntity {
  kind: DetailKind;
  /** Lower-case key the entity is matched by ("maria lopez"). */
  key: string;
  /** The longest way it was written ("Maria Lopez"). */
  label: string;
  sessions: number;
  /** Mentions not yet decided, across those sessions. */
  places: number;
  /** The first sessions it occurs in, for a link to the library. */
  sessionIds: string[];
}

export interface RedactionPreview {
  sessionId: string;
  title: string;
  turnIndex: number;
  before: string;
  after: string;
}

export interface RedactionApi {
  /** Detected details of every session that awaits review, grouped by entity, most sessions first. */
  'redaction.entities': Method<
    { search?: string | undefined; limit?: number | undefined },
    { entities: PendingEntity[]; pendingSessions: number }
  >;
  /**
   * Accepts (replace) or rejects (keep) one entity in every session that awaits review. A session
   * whose details are then all decided has them applied and leaves the queue; one undo reverts it all.
   */
  'redaction.decideEntity': Method<
    { entity: string; kind?: DetailKind | undefined; decision: 'accepted' | 'rejected' },
    { opId: string | null; sessions: number; places: number; cleared: number; stillPending: number }
  >;
  /**
   * Applies placeholders to the selected sessions' details (a rejected one stays as written). With
   * `apply: false` only previews the changed turns; with `apply: true` changes them as one undoable operation.
   */
  'redaction.applySelection': Method<
    { ids: string[]; apply: boolean; mode?: 'placeholder' | 'surrogate' | undefined },
    { preview: RedactionPreview[]; sessions: number; places: number; opId: string | null; skipped: number }
  >;
}

export const redactionInputs = {
  'redaction.entities': z.strictObject({ search: z.string().max(200).optional(), limit: z.number().int().min(1).max(2000).optional() }),
  'redaction.decideEntity': z.strictObject({
    entity: z.string().trim().min(1, 'name the detail to decide on').max(300),
    kind: z.enum(detailKinds).optional(),
    decision: z.enum(['accepted', 'rejected']),
  }),
  'redaction.applySelection': z.strictObject({
    ids: z.array(idSchema).min(1, 'select at least one session').max(100_000),
    apply: z.boolean(),
    mode: z.enum(['placeholder', 'surrogate']).optional(),
  }),
} satisfies InputSchemas<RedactionApi>;
