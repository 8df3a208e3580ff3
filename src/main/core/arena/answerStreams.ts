import type { ArenaMessage } from '../../../shared/api/arena';
import { ApiError } from '../../../shared/api/result';
import type { EventBus } from '../events';
import { ProviderCallError } from '../llm/providerErrors';
import { newId } from '../util/ids';
import type { ConversationRow } from './arenaRepo';
import { chatHistory, thread } from './threads';
import type { ArenaRepo } from './arenaRepo';
import type { LlmGateway } from '../llm/gateway';

/** How often the text of an answer being written is saved, so a window opened mid-answer (or a crash) keeps it. */
const SAVE_EVERY_MS = 500;

type Answering = { arena: ArenaRepo; gateway: LlmGateway };

/**
 * The arena's answers being streamed, by conversation and column, so they can be stopped and a second turn
 * refused while one is written. One registry per backend: it outlives a call, not a project (an answer whose
 * project was closed meanwhile is dropped with it).
 */
export class AnswerStreams {
  private readonly streams = new Map<string, AbortController>();

  constructor(
    private readonly events: Pick<EventBus, 'emit'>,
    /** Whether `project` is still the open one: nothing is written into a project that was closed. */
    private readonly isOpen: (project: object) => boolean,
  ) {}

  streaming(id: string, column: number): boolean {
    return this.streams.has(key(id, column));
  }

  refuseWhileStreaming(c: ConversationRow, columns: number[]): void {
    if (columns.some((i) => this.streaming(c.id, i)))
      throw new ApiError('CONFLICT', 'An answer is still being written. Wait for it, or stop it first.');
  }

  stop(id: string, column: number): void {
    this.streams.get(key(id, column))?.abort();
  }

  /** Every answer of a conversation (one being removed). */
  stopAll(id: string): void {
    for (const [k, abort] of this.streams) if (k.startsWith(`${id}:`)) abort.abort();
  }

  /** Starts one column's answer to the thread ending at `parentId` and streams it; returns the new message's id at once. */
  answer(project: Answering, c: ConversationRow, column: number, parentId: string): string {
    const col = c.columns[column]!;
    const message: ArenaMessage = {
      id: newId(),
      column,
      parentId,
      role: 'assistant',
      text: '',
      status: 'streaming',
      error: null,
      createdAt: Date.now(),
    };
    project.arena.insertMessage(c.id, message);
    this.emitMessage(c.id, message);
    const history = chatHistory(thread(project.arena.messages(c.id), parentId));
    const system = col.systemPrompt ?? c.sharedSystemPrompt;
    const abort = new AbortController();
    this.streams.set(key(c.id, column), abort);
    let text = '';
    let savedAt = Date.now();
    const finish = (status: ArenaMessage['status'], error: string | null) => {
      this.streams.delete(key(c.id, column));
      // The project may have closed meanwhile; what was streamed is then lost with it.
      if (!this.isOpen(project)) return;
      project.arena.finishMessage(message.id, text, status, error);
      this.emitMessage(c.id, { ...message, text, status, error });
    };
    void project.gateway
      .chat({
        providerId: col.providerId,
        model: col.model,
        purpose: 'arena',
        messages: [...(system ? [{ role: 'system' as const, content: system }] : []), ...history],
        ...(col.temperature !== null ? { temperature: col.temperature } : {}),
        ...(col.maxTokens !== null ? { maxTokens: col.maxTokens } : {}),
        signal: abort.signal,
        onDelta: (delta) => {
          text += delta;
          const now = Date.now();
          this.events.emit('arena.delta', { conversationId: c.id, messageId: message.id, column, delta, at: now });
          if (now - savedAt > SAVE_EVERY_MS && this.isOpen(project)) {
            savedAt = now;
            project.arena.finishMessage(message.id, text, 'streaming', null);
          }
        },
      })
      .then(
        (result) => {
          text = result.text;
          finish('done', null);
        },
        (err: unknown) => {
          if (abort.signal.aborted || (err instanceof ProviderCallError && err.errorClass === 'cancelled')) finish('stopped', null);
          else finish('error', err instanceof Error ? err.message : String(err));
        },
      );
    return message.id;
  }

  /** A user turn in each given column under `parents`, then each column's answer. */
  sendTurn(project: Answering, c: ConversationRow, columns: number[], parents: (string | null)[], text: string): void {
    const heads = [...c.heads];
    const now = Date.now();
    for (const column of columns) {
      const user: ArenaMessage = {
        id: newId(),
        column,
        parentId: parents[column] ?? null,
        role: 'user',
        text,
        status: 'done',
        error: null,
        createdAt: now,
      };
      project.arena.insertMessage(c.id, user);
      this.emitMessage(c.id, user);
      heads[column] = this.answer(project, c, column, user.id);
    }
    project.arena.setHeads(c.id, heads, now);
  }

  private emitMessage(conversationId: string, message: ArenaMessage): void {
    this.events.emit('arena.message', { conversationId, message });
  }
}

const key = (id: string, column: number) => `${id}:${column}`;
