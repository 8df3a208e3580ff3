import { useDebouncedValue } from '@mantine/hooks';
import { createContext, useContext, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { UndoableChange } from '../../ui/UndoNotice';
import type { LibraryFilter, LibraryQuery } from './useSessions';

/** The last bulk change and, once undone, what the undo did. */
export interface LastChange {
  change: UndoableChange;
  undone: string | null;
}

const SEARCH_DEBOUNCE_MS = 300;

interface LibraryState {
  /** What the list shows: filters (with the search debounced) and sort. */
  query: LibraryQuery;
  /** The search box as typed. */
  searchText: string;
  setSearchText(text: string): void;
  setFilter(patch: Partial<LibraryFilter>): void;
  setSort(sort: LibraryQuery['sort'], direction: LibraryQuery['direction']): void;
  clearFilters(): void;
  /** The next time the list shows, it starts at the top (after an import, say). */
  showTop(): void;
  /** Kept while visiting a session, so a bulk change (a delete, say) can still be undone on return. */
  lastChange: LastChange | null;
  setLastChange(next: LastChange | null): void;
  /** Where the list of which query was scrolled to, so coming back from a session lands in the same place. */
  scrollOffset: RefObject<{ query: string; offset: number }>;
  /** Sessions chosen in the library to judge: the Review screen's judge form takes them as its scope. */
  toJudge: readonly string[] | null;
  setToJudge(ids: readonly string[] | null): void;
}

const LibraryStateContext = createContext<LibraryState | null>(null);

const initialSort: Pick<LibraryQuery, 'sort' | 'direction'> = { sort: 'updated', direction: 'desc' };

/**
 * The library's filters, sort and scroll position outlive the screen, so opening a session and coming
 * back keeps them. Mounted per project (AppLayout keys it by the project's file).
 */
export function LibraryStateProvider({ children }: { children: ReactNode }) {
  const [filter, setFilterState] = useState<Omit<LibraryFilter, 'search'>>({});
  const [sort, setSortState] = useState(initialSort);
  const [searchText, setSearchText] = useState('');
  const [search] = useDebouncedValue(searchText, SEARCH_DEBOUNCE_MS);
  const scrollOffset = useRef({ query: '', offset: 0 });
  const [lastChange, setLastChange] = useState<LastChange | null>(null);
  const [toJudge, setToJudge] = useState<readonly string[] | null>(null);
  const value = useMemo<LibraryState>(
    () => ({
      query: { ...filter, ...sort, search: search.trim() || undefined },
      searchText,
      setSearchText,
      setFilter: ({ search: text, ...patch }) => {
        if (text !== undefined) setSearchText(text);
        setFilterState((f) => ({ ...f, ...patch }));
      },
      setSort: (s, direction) => setSortState({ sort: s, direction }),
      clearFilters: () => {
        setFilterState({});
        setSearchText('');
      },
      showTop: () => {
        scrollOffset.current = { query: '', offset: 0 };
      },
      lastChange,
      setLastChange,
      scrollOffset,
      toJudge,
      setToJudge,
    }),
    [filter, sort, search, searchText, lastChange, toJudge],
  );
  return <LibraryStateContext.Provider value={value}>{children}</LibraryStateContext.Provider>;
}

export function useLibraryState(): LibraryState {
  const value = useContext(LibraryStateContext);
  if (!value) throw new Error('useLibraryState must be used inside <LibraryStateProvider>');
  return value;
}
