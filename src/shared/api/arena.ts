import { z } from 'zod';
import { idSchema } from '../domain/ids';
import type { JobSummary } from '../domain/job';
import type { InputSchemas, Method } from './contractTypes';

/** One column of a side-by-side chat: a model with its own prompt and parameters. */
export interface ArenaColumn {
  providerId: string;
  model: string;
  /** Null uses the conversation's shared system prompt. */
  systemPrompt: string | null;
  temperature: number | null;
  maxTokens: number | null;
}

export type ArenaMessageStatus = 'streaming' | 'done' | 'stopped' | 'error';

export interface ArenaMessage {
  id: string;
  column: number;
  /** The message this one answers or follows; null for a column's first message. A branch is a second child. */
  parentId: string | null;
  role: 'user' | 'assistant';
  text: string;
  status: ArenaMessageStatus;
  error: string | null;
  createdAt: number;
}

export type ArenaVerdict = 'a' | 'b' | 'tie' | 'both-bad';

export interface ArenaConversation {
  id: string;
  title: string;
  mode: 'named' | 'blind';
  sharedSystemPrompt: string | null;
  /** In blind mode, hidden until a vote is cast: each column is shown as "Model A", "Model B"… */
  columns: (ArenaColumn & { label: string; revealed: boolean })[];
  messages: ArenaMessage[];
  /** The message each column shows last; following parents from it gives the column's active thread. */
  heads: (string | null)[];
  vote: { verdict: ArenaVerdict; reason: string | null; at: number } | null;
  /** Where it came from, when it continues an evaluation conversation. */
  origin: { evalRunId: string; conversationId: string } | null;
  createdAt: number;
  updatedAt: number;
}

export interface ArenaConversationSummary {
  id: string;
  title: string;
  mode: 'named' | 'blind';
  models: string[];
  turns: number;
  voted: boolean;
  updatedAt: number;
}

export interface LeaderboardRow {
  model: string;
  /** The registry's name for the model, for people ("Hybrid v1 (gpt-4o-mini-2024-07-18)"); the id when it has none. */
  name?: string;
  battles: number;
  wins: number;
  losses: number;
  ties: number;
  bothBad: number;
  /** Wins plus half the ties, over the battles someone won or tied ("both bad" decides nothing). */
  winRate: number | null;
  /** Bradley–Terry strength on an Elo-like scale (1000 = average), with a bootstrap 95% interval. */
  rating: number | null;
  /** Null while `tooFewVotes`: an interval from a handful of votes looks decisive and is not. */
  ratingCi: { low: number; high: number } | null;
  /** Some pair this model played has fewer than `minVotesPerPair` decided votes. */
  tooFewVotes: boolean;
}

/** Two models head to head: a's share of the decided votes (ties count half) with a Wilson 95% interval. */
export interface LeaderboardPair {
  a: string;
  b: string;
  /** Votes someone won or tied ("both bad" decides nothing). */
  decided: number;
  aWins: number;
  bWins: number;
  ties: number;
  aWinRate: number | null;
  /** Wilson score interval, valid for small counts; null below `minVotesPerPair`. */
  ci: { low: number; high: number } | null;
  tooFewVotes: boolean;
}

export interface Leaderboard {
  rows: LeaderboardRow[];
  pairs?: LeaderboardPair[];
  /** Below this many decided votes in a pair the leaderboard says "too few votes" and shows no interval. */
  minVotesPerPair?: number;
  votes: number;
  bootstrap: { resamples: number; seed: number };
  /** Human votes against the judge's preference on the same conversations. */
  judgeAgreement: { pairs: number; agree: number; rate: number | null; note: string | null };
}

export interface ArenaApi {
  'arena.list': Method<{ search?: string | undefined }, ArenaConversationSummary[]>;
  'arena.get': Method<{ id: string }, ArenaConversation>;
  'arena.create': Method<
    { title?: string | undefined; mode: 'named' | 'blind'; sharedSystemPrompt: string | null; columns: ArenaColumn[] },
    ArenaConversation
  >;
  'arena.rename': Method<{ id: string; title: string }, ArenaConversation>;
  'arena.remove': Method<{ id: string }, null>;
  /** Sends one user turn to every column (or one column) and streams the answers as `arena.delta` events. */
  'arena.send': Method<{ id: string; text: string; column?: number | undefined }, ArenaConversation>;
  /** Stops one column's answer, or every column's. */
  'arena.stop': Method<{ id: string; column?: number | undefined }, ArenaConversation>;
  /** A new answer to the column's last user turn; the old one stays as a branch. */
  'arena.regenerate': Method<{ id: string; column: number }, ArenaConversation>;
  /** Sends an edited user turn in place of an earlier one in every column; the later turns stay on the old branch. */
  'arena.edit': Method<{ id: string; messageId: string; text: string }, ArenaConversation>;
  /** Saves one column's active thread to the library as a session tagged "human-authored chat". */
  'arena.saveToLibrary': Method<{ id: string; column: number }, { sessionId: string }>;
  /** Blind mode: a person's verdict; the names are revealed once it is cast. */
  'arena.vote': Method<{ id: string; verdict: ArenaVerdict; reason?: string | undefined }, ArenaConversation>;
  'arena.leaderboard': Method<{ resamples?: number | undefined }, Leaderboard>;
  /** Judges both columns of every voted comparison not judged yet, so the leaderboard can compare people and judge. */
  'arena.judgeVotes': Method<{ providerId: string; model: string; rubricId?: string | undefined }, JobSummary>;
  /** Opens an evaluation conversation in the arena, to continue it with the same model or another. */
  'arena.fromEvaluation': Method<{ runId: string; conversationId: string; column?: ArenaColumn | undefined }, ArenaConversation>;
}

const column = z.strictObject({
  providerId: idSchema,
  model: z.string().trim().min(1).max(200),
  systemPrompt: z.string().max(20_000).nullable(),
  temperature: z.number().min(0).max(2).nullable(),
  maxTokens: z.number().int().min(1).max(32_000).nullable(),
});
const columnIndex = z.number().int().min(0).max(3);

export const arenaInputs = {
  'arena.list': z.strictObject({ search: z.string().max(200).optional() }),
  'arena.get': z.strictObject({ id: idSchema }),
  'arena.create': z.strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    mode: z.enum(['named', 'blind']),
    sharedSystemPrompt: z.string().max(20_000).nullable(),
    columns: z.array(column).min(2).max(4),
  }),
  'arena.rename': z.strictObject({ id: idSchema, title: z.string().trim().min(1).max(200) }),
  'arena.remove': z.strictObject({ id: idSchema }),
  'arena.send': z.strictObject({ id: idSchema, text: z.string().trim().min(1).max(20_000), column: columnIndex.optional() }),
  'arena.stop': z.strictObject({ id: idSchema, column: columnIndex.optional() }),
  'arena.regenerate': z.strictObject({ id: idSchema, column: columnIndex }),
  'arena.edit': z.strictObject({ id: idSchema, messageId: idSchema, text: z.string().trim().min(1).max(20_000) }),
  'arena.saveToLibrary': z.strictObject({ id: idSchema, column: columnIndex }),
  'arena.vote': z.strictObject({
    id: idSchema,
    verdict: z.enum(['a', 'b', 'tie', 'both-bad']),
    reason: z.string().trim().max(2000).optional(),
  }),
  'arena.leaderboard': z.strictObject({ resamples: z.number().int().min(100).max(100_000).optional() }),
  'arena.judgeVotes': z.strictObject({
    providerId: idSchema,
    model: z.string().trim().min(1).max(200),
    rubricId: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,63}$/)
      .optional(),
  }),
  'arena.fromEvaluation': z.strictObject({ runId: idSchema, conversationId: idSchema, column: column.optional() }),
} satisfies InputSchemas<ArenaApi>;
