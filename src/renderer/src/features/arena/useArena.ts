import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../../../shared/api';
import type { ArenaConversation } from '../../../../shared/api/arena';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';
import { mergeConversation } from './threads';

export function useArenaList(search: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.arena.list(search),
    queryFn: () => api.arena.list(search.trim() ? { search: search.trim() } : {}),
    placeholderData: (previous) => previous,
  });
}

/** One conversation; a refetch is merged with what events have already said (see mergeConversation). */
export function useArenaConversation(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.arena.conversation(id),
    queryFn: async () => {
      const fresh = await api.arena.get({ id });
      // Read the cache after the reply: events that came in meanwhile must not be lost.
      return mergeConversation(queryClient.getQueryData<ArenaConversation>(queryKeys.arena.conversation(id)), fresh);
    },
  });
}

export function useLeaderboard() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.arena.leaderboard, queryFn: () => api.arena.leaderboard({}) });
}

/** Writes a conversation the backend returned into the cache, merged with what events said meanwhile. */
export function useWriteConversation() {
  const queryClient = useQueryClient();
  return (c: ArenaConversation) => {
    queryClient.setQueryData<ArenaConversation>(queryKeys.arena.conversation(c.id), (local) => mergeConversation(local, c));
    void queryClient.invalidateQueries({ queryKey: queryKeys.arena.lists });
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
        queryClient.removeQueries({ queryKey: queryKeys.arena.conversation(id) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.arena.lists });
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
        void queryClient.invalidateQueries({ queryKey: queryKeys.arena.leaderboard });
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
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

export function useFromEvaluation() {
  const api = useApi();
  const write = useWriteConversation();
  return useMutation({ mutationFn: (input: ApiInput<'arena.fromEvaluation'>) => api.arena.fromEvaluation(input), onSuccess: write });
}
