import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiClient, ApiInput } from '../../../../shared/api';
import type { SessionSort } from '../../../../shared/api/sessions';
import type { SessionDetail, SessionSource, SessionStatus, SessionSummary } from '../../../../shared/domain/session';
import { useApi } from '../../api/ApiProvider';
import { queryKeys } from '../../api/queryKeys';

/** Rows fetched per call as the list scrolls. */
export const LIBRARY_PAGE_SIZE = 100;

export interface LibraryFilter {
  source?: SessionSource | undefined;
  status?: SessionStatus | undefined;
  tag?: string | undefined;
  search?: string | undefined;
  /** Only sessions whose detected personal details await review. */
  pendingDetails?: true | undefined;
}

export interface LibraryQuery extends LibraryFilter {
  sort: SessionSort;
  direction: 'asc' | 'desc';
}

/** Only the filters that are set, so equal filters make equal query keys. */
export function filterOf(query: LibraryFilter): LibraryFilter {
  const out: LibraryFilter = {};
  if (query.source) out.source = query.source;
  if (query.status) out.status = query.status;
  if (query.tag) out.tag = query.tag;
  if (query.pendingDetails) out.pendingDetails = true;
  const search = query.search?.trim();
  if (search) out.search = search;
  return out;
}

export function isFiltered(query: LibraryFilter): boolean {
  return Object.keys(filterOf(query)).length > 0;
}

function keyOf(query: LibraryQuery) {
  return { ...filterOf(query), sort: query.sort, direction: query.direction };
}

function pageQuery(api: ApiClient, query: LibraryQuery, page: number) {
  const key = keyOf(query);
  return {
    queryKey: queryKeys.sessionPage(key, page, LIBRARY_PAGE_SIZE),
    queryFn: () => api.sessions.list({ ...key, offset: page * LIBRARY_PAGE_SIZE, limit: LIBRARY_PAGE_SIZE }),
  };
}

/**
 * The first page of a filter: it carries the total the scrollbar is sized by. While a new filter
 * loads, the previous one's page stays on screen (dimmed) instead of an empty list.
 */
export function useLibraryHead(query: LibraryQuery) {
  const api = useApi();
  return useQuery({ ...pageQuery(api, query, 0), placeholderData: keepPreviousData });
}

/**
 * The rows of the pages the list is showing: the library is one long list fetched 100 rows at a
 * time, so scrolling through 100,000 sessions only ever loads what is on screen.
 */
export function useLibraryPages(query: LibraryQuery, pages: number[], head: SessionSummary[] | undefined) {
  const api = useApi();
  const others = pages.filter((p) => p > 0);
  const results = useQueries({ queries: others.map((page) => pageQuery(api, query, page)) });
  const byPage = new Map<number, SessionSummary[]>();
  if (head) byPage.set(0, head);
  for (const [i, r] of results.entries()) {
    const page = others[i];
    if (page !== undefined && r.data) byPage.set(page, r.data.rows);
  }
  return (index: number): SessionSummary | undefined => byPage.get(Math.floor(index / LIBRARY_PAGE_SIZE))?.[index % LIBRARY_PAGE_SIZE];
}

/** The ids of rows `from`..`to` (inclusive) in the list's order, fetching pages not yet loaded. */
export function useRangeIds() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useCallback(
    async (query: LibraryQuery, from: number, to: number): Promise<string[]> => {
      const ids: string[] = [];
      for (let page = Math.floor(from / LIBRARY_PAGE_SIZE); page <= Math.floor(to / LIBRARY_PAGE_SIZE); page++) {
        const data = await queryClient.fetchQuery({ ...pageQuery(api, query, page), staleTime: 30_000 });
        data.rows.forEach((row, i) => {
          const index = page * LIBRARY_PAGE_SIZE + i;
          if (index >= from && index <= to) ids.push(row.id);
        });
      }
      return ids;
    },
    [api, queryClient],
  );
}

/** Every id matching a filter, for "select all N matching". */
export function useMatchingIds() {
  const api = useApi();
  return useMutation({ mutationFn: (filter: LibraryFilter) => api.sessions.ids(filterOf(filter)) });
}

export function useSessionTags() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.sessionTags, queryFn: () => api.sessions.tags() });
}

export function useSession(id: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.session(id), queryFn: () => api.sessions.get({ id }) });
}

export function useSessionHistory(id: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.sessionHistory(id), queryFn: () => api.sessions.history({ id }) });
}

/** A changed session goes into the cache at once; the `data.changed` event refreshes lists and history. */
export function writeSession(queryClient: QueryClient, session: SessionDetail): void {
  queryClient.setQueryData(queryKeys.session(session.id), session);
}

export function useBulkUpdate() {
  const api = useApi();
  return useMutation({ mutationFn: (input: ApiInput<'sessions.bulkUpdate'>) => api.sessions.bulkUpdate(input) });
}

export function useDeleteSessions() {
  const api = useApi();
  return useMutation({ mutationFn: (ids: string[]) => api.sessions.delete({ ids }) });
}

export function useUndo() {
  const api = useApi();
  return useMutation({ mutationFn: (opId: string) => api.sessions.undo({ opId }) });
}

export function useFindReplace() {
  const api = useApi();
  return useMutation({ mutationFn: (input: ApiInput<'sessions.findReplace'>) => api.sessions.findReplace(input) });
}

export function useApplyRedactions() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<'sessions.applyRedactions'>) => api.sessions.applyRedactions(input),
    onSuccess: (session) => writeSession(queryClient, session),
  });
}

export function useDetectRedactions() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.sessions.detectRedactions({ id }),
    onSuccess: (session) => writeSession(queryClient, session),
  });
}
