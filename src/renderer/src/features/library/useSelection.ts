import { useState } from 'react';
import type { SessionSummary } from '../../../../shared/domain/session';
import { useMatchingIds, useRangeIds, type LibraryQuery } from './useSessions';

export interface Selection {
  ids: ReadonlySet<string>;
  /** Whether every session matching the filter is selected. */
  all: boolean;
  busy: boolean;
  error: unknown;
  toggle(row: SessionSummary, index: number, range: boolean): void;
  selectAllMatching(): void;
  clear(): void;
  /** Forgets ids that are gone (deleted) without touching the rest. */
  remove(ids: readonly string[]): void;
}

/**
 * Checked rows. A click toggles one row and remembers it; a shift-click selects every row between the
 * remembered one and this one (fetching pages the list has not loaded); "select all" asks the backend
 * for every id matching the filter. Changing the filter starts a new selection.
 */
export function useSelection(query: LibraryQuery, total: number | null): Selection {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const queryKey = JSON.stringify(query);
  const [forQuery, setForQuery] = useState(queryKey);
  const [rangeError, setRangeError] = useState<unknown>(null);
  const [rangeBusy, setRangeBusy] = useState(false);
  const rangeIds = useRangeIds();
  const matching = useMatchingIds();

  // A new filter or sort: the old selection no longer describes anything on screen.
  if (forQuery !== queryKey) {
    setForQuery(queryKey);
    setIds(new Set());
    setAnchor(null);
  }

  const toggle = (row: SessionSummary, index: number, range: boolean) => {
    if (range && anchor !== null && anchor !== index) {
      const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
      setRangeBusy(true);
      setRangeError(null);
      rangeIds(query, from, to)
        .then((found) => setIds((current) => new Set([...current, ...found])))
        .catch(setRangeError)
        .finally(() => setRangeBusy(false));
      setAnchor(index);
      return;
    }
    setIds((current) => {
      const next = new Set(current);
      if (next.has(row.id)) next.delete(row.id);
      else next.add(row.id);
      return next;
    });
    setAnchor(index);
  };

  return {
    ids,
    all: total !== null && total > 0 && ids.size >= total,
    busy: rangeBusy || matching.isPending,
    error: rangeError ?? matching.error,
    toggle,
    selectAllMatching: () => matching.mutate(query, { onSuccess: (found) => setIds(new Set(found)) }),
    clear: () => {
      setIds(new Set());
      setAnchor(null);
    },
    remove: (gone) =>
      setIds((current) => {
        const next = new Set(current);
        for (const id of gone) next.delete(id);
        return next;
      }),
  };
}
