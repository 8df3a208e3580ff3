import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../../../shared/api';
import type { ArenaConversation } from '../../../../shared/api/arena';
import { useApi } from '../../api/ApiProvider';
import { mergeConversation } from './threads';

/** Keys start with "arena", so the backend's `data.changed` for the arena refreshes them all. */
export const arenaKeys = {
  all: ['arena'] as const,
  lists: ['arena', 'list'] as const,
  list: (search: string) => ['arena', 'list', search] as const,
  conversation: (id: string) => ['arena', 'get', id] as const,
  leaderboard: ['arena', 'leaderboard'] as const,
};

export function useArenaList(search: string) {
  const api = useApi();
  return useQuery({
    queryKey: arenaKeys.list(search),
    queryFn: () => api.arena.list(search.trim() ? { search: search.trim() } : {}),
    placeholderData: (previous) => previous,
  });
}

/** One conversation; a refetch is merged with what events have already said (see mergeConversation). */
export function useArenaConversation(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: arenaKeys.conversation(id),
    queryFn: async () => {
      const fresh = await api.arena.get({ id });
      // Read the cache after the reply: events that came in meanwhile must not be lost.
      return mergeConversation(queryClient.getQueryData<ArenaConversation>(arenaKeys.conversation(id)), fresh);
    },
  });
}

export function useLeaderboard() {
  const api = useApi();
  return useQuery({ queryKey: arenaKeys.leaderboard, queryFn: () => api.arena.leaderboard({}) });
}

/** Writes a conversation the backend returned into the cache, merged with what events said meanwhile. */
export function useWriteConversation() {
  const queryClient = useQueryClient();
  return (c: ArenaConversation) => {
    queryClient.setQueryData<ArenaConversation>(arenaKeys.conversation(c.id), (local) => mergeConversation(local, c));
    void queryClient.invalidateQueries({ queryKey: arenaKeys.lists });
  };
}

export function useArenaActions() {
  const api = useApi();
  const queryClient = useQueryClient();
  const write = useWriteConversation();
  return {
    create: useMutation({ mutationFn: (input: ApiInput<'arena.create'>) => api.arena.create(input), onSuccess: write }),
    rename: useMutation({ mutationFn: (input: ApiInput<'arena.rename'>) => api.arena.rename(input), onSuccess: write }),
    remove: useMutation({
      mutationFn: (id: string) => api.arena.remove({ id }),
      onSuccess: (_null, id) => {
        queryClient.removeQueries({ queryKey: arenaKeys.conversation(id) });
        void queryClient.invalidateQueries({ queryKey: arenaKeys.lists });
      },
    }),
    send: useMutation({ mutationFn: (input: ApiInput<'arena.send'>) => api.arena.send(input), onSuccess: write }),
    stop: useMutation({ mutationFn: (input: ApiInput<'arena.stop'>) => api.arena.stop(input), onSuccess: write }),
    regenerate: useMutation({ mutationFn: (input: ApiInput<'arena.regenerate'>) => api.arena.regenerate(input), onSuccess: write }),
    edit: useMutation({ mutationFn: (input: ApiInput<'arena.edit'>) => api.arena.edit(input), onSuccess: write }),
    vote: useMutation({
      mutationFn: (input: ApiInput<'arena.vote'>) => api.arena.vote(input),
      onSuccess: (c) => {
        write(c);
        void queryClient.invalidateQueries({ queryKey: arenaKeys.leaderboard });
      },
    }),
  };
}

/** Saves one column's thread to the library; each column keeps its own mutation, so each shows its own result. */
export function useSaveToLibrary() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<'arena.saveToLibrary'>) => api.arena.saveToLibrary(input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['sessions'] }),
  });
}

export function useFromEvaluation() {
  const api = useApi();
  const write = useWriteConversation();
  return useMutation({ mutationFn: (input: ApiInput<'arena.fromEvaluation'>) => api.arena.fromEvaluation(input), onSuccess: write });
}
