import { randomInt } from 'node:crypto';
import type { ArenaColumn, ArenaMessage } from '../../../shared/api/arena';
import type { ApiInput } from '../../../shared/api';
import { ApiError } from '../../../shared/api/result';
import { sessionTokens } from '../sessions/sessionEditing';
import { detectionRecord, knownDetails, loadRedaction } from '../sessions/sessionRedaction';
import { newId } from '../util/ids';
import type { ConversationRow } from './arenaRepo';
import { thread } from './threads';
import type { ArenaRepo } from './arenaRepo';
import type { EvaluationRepo } from '../evaluation/evaluationRepo';
import type { ProvidersRepo } from '../llm/providersRepo';
import type { SessionsRepo } from '../sessions/sessionsRepo';

/** The columns a call names: the one given, or all of them. */
export function columnsOf(c: ConversationRow, column: number | undefined): number[] {
  if (column !== undefined && column >= c.columns.length)
    throw new ApiError('INVALID_INPUT', `This conversation has ${c.columns.length} columns.`);
  return column === undefined ? c.columns.map((_, i) => i) : [column];
}

export function refuseAfterVote(project: { arena: ArenaRepo }, c: ConversationRow): void {
  if (c.mode === 'blind' && project.arena.vote(c.id))
    throw new ApiError('CONFLICT', 'This blind comparison has been voted on; start a new one to keep comparing.');
}

/** A new conversation, stored; in a blind one which model is "A" is drawn at random. */
export function createConversation(
  project: { arena: ArenaRepo; providers: ProvidersRepo },
  { title, mode, sharedSystemPrompt, columns }: ApiInput<'arena.create'>,
): ConversationRow {
  if (mode === 'blind' && columns.length !== 2)
    throw new ApiError('INVALID_INPUT', 'A blind comparison sets two models against each other; choose exactly two.');
  for (const col of columns)
    if (!project.providers.get(col.providerId)) throw new ApiError('NOT_FOUND', 'A chosen provider is not in this project.');
  const ordered = mode === 'blind' && randomInt(2) === 1 ? [columns[1]!, columns[0]!] : columns;
  const now = Date.now();
  const c: ConversationRow = {
    id: newId(),
    title: title ?? (mode === 'blind' ? 'Blind comparison' : ordered.map((x) => x.model).join(' vs ')),
    mode,
    sharedSystemPrompt,
    columns: ordered,
    heads: ordered.map(() => null),
    origin: null,
    createdAt: now,
    updatedAt: now,
  };
  project.arena.insert(c);
  return c;
}

/**
 * Where an edited turn's replacement hangs in every column: the same turn is replaced in all of them, so
 * each new user message takes the parent the old one had.
 */
export function editedTurnParents(project: { arena: ArenaRepo }, c: ConversationRow, messageId: string): (string | null)[] {
  const edited = project.arena.message(messageId);
  if (!edited || edited.role !== 'user') throw new ApiError('NOT_FOUND', 'That message is not one of your turns in this conversation.');
  const messages = project.arena.messages(c.id);
  const userTurns = (column: number) => thread(messages, c.heads[column] ?? null).filter((m) => m.role === 'user');
  const turnIndex = userTurns(edited.column).findIndex((m) => m.id === messageId);
  if (turnIndex < 0) throw new ApiError('CONFLICT', 'That turn is on an older branch; edit a turn of the conversation as it stands.');
  return c.columns.map((_, i) => userTurns(i)[turnIndex]?.parentId ?? null);
}

/**
 * One column's exchange as a library session: synthetic (the counselor's lines are a model's), tagged as
 * written by a person on the client's side, with its personal details detected and waiting for review.
 */
export async function saveColumnToLibrary(
  project: { arena: ArenaRepo; sessions: SessionsRepo },
  c: ConversationRow,
  column: number,
): Promise<string> {
  const turns = thread(project.arena.messages(c.id), c.heads[column] ?? null)
    .filter((m) => m.status !== 'error' && m.text.trim() !== '')
    .map((m) => ({ role: m.role, text: m.text }));
  while (turns.length && turns.at(-1)!.role !== 'assistant') turns.pop();
  if (!turns.some((t) => t.role === 'user')) throw new ApiError('CONFLICT', 'This column has no exchange to save yet.');
  const col = c.columns[column]!;
  const systemPrompt = col.systemPrompt ?? c.sharedSystemPrompt;
  const sessionId = newId();
  // What a person typed into the arena can hold personal details like any transcript: the privacy gate keeps
  // the session out of datasets until they are reviewed. Names and places accepted project-wide are looked for too.
  const redaction = detectionRecord((await loadRedaction()).detectPii(turns, { known: knownDetails(project.sessions) }));
  project.sessions.insert({
    id: sessionId,
    title: `${c.title} (${col.model})`,
    source: 'synthetic',
    status: 'needs_review',
    tags: ['human-authored-chat'],
    systemPrompt,
    notes: null,
    metadata: { origin: 'arena', arenaConversationId: c.id, column, model: col.model, providerId: col.providerId },
    turns,
    tokenCount: sessionTokens(systemPrompt, turns),
    redaction,
    createdAt: Date.now(),
  });
  return sessionId;
}

/** An evaluation conversation copied into a named one-column chat, to carry on talking with the model from where it ended. */
export function conversationFromEvaluation(
  project: { arena: ArenaRepo; evaluation: EvaluationRepo; providers: ProvidersRepo },
  { runId, conversationId, column }: ApiInput<'arena.fromEvaluation'>,
): string {
  const run = project.evaluation.run(runId);
  const conversation = project.evaluation.conversation(conversationId);
  if (!run || !conversation || conversation.runId !== runId)
    throw new ApiError('NOT_FOUND', 'That evaluation conversation is not in this project.');
  const arm = run.spec.arms[conversation.arm]!;
  const col: ArenaColumn = column ?? {
    providerId: arm.providerId,
    model: arm.model,
    systemPrompt: arm.systemPrompt,
    temperature: arm.temperature,
    maxTokens: null,
  };
  if (!project.providers.get(col.providerId)) throw new ApiError('NOT_FOUND', 'The model’s provider is no longer in this project.');
  const scenario = project.evaluation.version(run.setVersionId)!.scenarios.find((s) => s.id === conversation.scenarioId);
  const now = Date.now();
  const c: ConversationRow = {
    id: newId(),
    title: `${scenario?.title ?? 'Evaluation'} (${arm.label})`,
    mode: 'named',
    sharedSystemPrompt: run.spec.sharedSystemPrompt,
    columns: [col],
    heads: [null],
    origin: { evalRunId: runId, conversationId },
    createdAt: now,
    updatedAt: now,
  };
  project.arena.insert(c);
  let parent: string | null = null;
  conversation.turns.forEach((t, i) => {
    const m: ArenaMessage = {
      id: newId(),
      column: 0,
      parentId: parent,
      role: t.role,
      text: t.text,
      status: 'done',
      error: null,
      createdAt: now + i,
    };
    project.arena.insertMessage(c.id, m);
    parent = m.id;
  });
  project.arena.setHeads(c.id, [parent], now);
  return c.id;
}
