import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ArenaConversation } from '../../../../shared/api/arena';
import { useClient } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';
import { isFinal, upsertMessage } from './threads';

/**
 * The text of answers being streamed, kept outside the query cache: a delta re-renders only the
 * one answer it belongs to, and deltas are applied at most once per animation frame, so four
 * columns streaming at once cost four small renders a frame, not one of the whole conversation.
 */
export class LiveTexts {
  private readonly texts = new Map<string, string>();
  private readonly pending = new Map<string, string>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private frame: number | null = null;

  append(messageId: string, delta: string): void {
    this.pending.set(messageId, (this.pending.get(messageId) ?? '') + delta);
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  /** The answer finished: its text now lives in the message itself. */
  finish(messageId: string): void {
    this.pending.delete(messageId);
    if (this.texts.delete(messageId)) this.notify(messageId);
  }

  get(messageId: string): string | undefined {
    return this.texts.get(messageId);
  }

  subscribe(messageId: string, listener: () => void): () => void {
    let set = this.listeners.get(messageId);
    if (!set) this.listeners.set(messageId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(messageId);
    };
  }

  dispose(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  private flush(): void {
    this.frame = null;
    const batch = [...this.pending];
    this.pending.clear();
    for (const [id, delta] of batch) {
      this.texts.set(id, (this.texts.get(id) ?? '') + delta);
      this.notify(id);
    }
  }

  private notify(messageId: string): void {
    for (const listener of this.listeners.get(messageId) ?? []) listener();
  }
}

const LiveTextsContext = createContext<LiveTexts | null>(null);
export const LiveTextsProvider = LiveTextsContext.Provider;

/** The streamed text of an answer so far, or `fallback` (the stored text) when nothing streamed here. */
export function useLiveText(messageId: string, fallback: string): string {
  const live = useContext(LiveTextsContext);
  const subscribe = useCallback((listener: () => void) => live?.subscribe(messageId, listener) ?? (() => undefined), [live, messageId]);
  return useSyncExternalStore(subscribe, () => live?.get(messageId) ?? fallback);
}

/**
 * Follows the arena's events while the Arena is open: a message that starts, finishes, stops or
 * fails is written into its conversation in the cache; deltas go to the live texts.
 */
export function useArenaEvents(): LiveTexts {
  const client = useClient();
  const queryClient = useQueryClient();
  const [live] = useState(() => new LiveTexts());
  useEffect(() => {
    const offs = [
      client.on('arena.delta', ({ messageId, delta }) => live.append(messageId, delta)),
      client.on('arena.message', ({ conversationId, message }) => {
        queryClient.setQueryData<ArenaConversation>(queryKeys.arena.conversation(conversationId), (c) =>
          c ? upsertMessage(c, message) : c,
        );
        if (message.role === 'assistant' && isFinal(message.status)) {
          live.finish(message.id);
          // Turn counts and "last changed" in the list of saved chats.
          void queryClient.invalidateQueries({ queryKey: queryKeys.arena.lists });
        }
      }),
    ];
    return () => {
      for (const off of offs) off();
      live.dispose();
    };
  }, [client, queryClient, live]);
  return live;
}
