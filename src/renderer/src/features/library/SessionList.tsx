import { Anchor, Box, Checkbox, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useLayoutEffect, useRef, type CSSProperties, type ReactNode, type RefObject } from 'react';
import type { SessionSort } from '../../../../shared/api/sessions';
import type { SessionSummary } from '../../../../shared/domain/session';
import { formatCount, formatDateTime, formatDecimal, formatShortWhen } from '../../lib/format';
import { href } from '../../lib/router';
import { SessionStatusBadge, sourceLabel } from '../../ui/badges';
import classes from './SessionList.module.css';
import { LIBRARY_PAGE_SIZE, useLibraryPages, type LibraryQuery } from './useSessions';

const ROW_HEIGHT = 60;
/** Title, source, status, tags, turns, tokens, score, origin file, updated; the first column holds the checkbox. */
// The minimum widths add up to MIN_WIDTH, which fits the library's pane in a 1280-pixel window beside the
// navigation: at 1020 the last column (Updated) was cut off at that size behind a sideways scroll.
const COLUMNS = '40px minmax(180px, 2.8fr) 80px 118px minmax(100px, 1.3fr) 76px 84px 76px minmax(96px, 1.2fr) 104px';
const MIN_WIDTH = 954;

interface Column {
  label: string;
  sort?: SessionSort;
  align?: 'right';
}

const columns: Column[] = [
  { label: 'Title', sort: 'title' },
  { label: 'Source' },
  { label: 'Status' },
  { label: 'Tags' },
  { label: 'Turns', sort: 'turns', align: 'right' },
  { label: 'Tokens', sort: 'tokens', align: 'right' },
  { label: 'Score', sort: 'score', align: 'right' },
  { label: 'Origin file' },
  { label: 'Updated', sort: 'updated' },
];

export interface SessionListProps {
  query: LibraryQuery;
  total: number;
  firstPage: SessionSummary[] | undefined;
  /** The first page shown belongs to the previous filter while the new one loads. */
  stale: boolean;
  selected: ReadonlySet<string>;
  onToggle(row: SessionSummary, index: number, range: boolean): void;
  allState: 'none' | 'some' | 'all';
  onToggleAll(): void;
  onSort(sort: SessionSort): void;
  /** Where the list was scrolled to (for which query): read when it mounts, kept current as it scrolls. */
  offsetRef: RefObject<{ query: string; offset: number }>;
  /** Room left at the end for the bulk action bar floating over the list. */
  endPadding: number;
}

/**
 * The library as one virtualized table: only the rows on screen are in the page, and only their pages
 * are fetched, so it stays smooth with 100,000 sessions. ARIA table roles keep it a table to
 * assistive technology even though it is laid out with a grid.
 */
export function SessionList(props: SessionListProps) {
  const { query, total, firstPage, selected, offsetRef } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // A new filter or sort is a new list, which starts at the top.
  const queryKey = JSON.stringify(query);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders us itself; no compiler memoization is in play.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialOffset: () => (offsetRef.current.query === queryKey ? offsetRef.current.offset : 0),
    paddingEnd: props.endPadding,
    onChange: (instance) => {
      offsetRef.current = { query: queryKey, offset: instance.scrollOffset ?? 0 };
    },
  });
  const items = virtualizer.getVirtualItems();
  // Rows are memoized so scrolling re-renders only the rows that come into view; they call the
  // latest toggle through a ref, so a memoized row never acts on an old selection.
  const toggleRef = useRef(props.onToggle);
  useLayoutEffect(() => {
    toggleRef.current = props.onToggle;
  });
  const onToggle = useCallback((row: SessionSummary, index: number, range: boolean) => toggleRef.current(row, index, range), []);
  const pages = pagesOf(items.map((i) => i.index));
  const rowAt = useLibraryPages(query, pages, firstPage);

  return (
    <Box
      ref={scrollRef}
      className={classes.scroller}
      role="table"
      aria-label="Sessions"
      aria-rowcount={total + 1}
      aria-busy={props.stale || undefined}
      tabIndex={-1}
    >
      <div style={{ minWidth: MIN_WIDTH }}>
        <div role="rowgroup" className={classes.head}>
          <div role="row" aria-rowindex={1} className={classes.row} style={{ gridTemplateColumns: COLUMNS, height: 44 }}>
            <div role="columnheader" className={classes.cell}>
              <Checkbox
                aria-label={props.allState === 'all' ? 'Clear the selection' : `Select all ${formatCount(total)} matching sessions`}
                checked={props.allState === 'all'}
                indeterminate={props.allState === 'some'}
                onChange={props.onToggleAll}
              />
            </div>
            {columns.map((c) => (
              <HeaderCell key={c.label} column={c} query={query} onSort={props.onSort} />
            ))}
          </div>
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative', opacity: props.stale ? 0.55 : 1 }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            return row ? (
              <Row key={row.id} row={row} index={item.index} start={item.start} checked={selected.has(row.id)} onToggle={onToggle} />
            ) : (
              <LoadingRow key={`loading-${item.index}`} index={item.index} style={rowStyle(item.start)} />
            );
          })}
        </div>
      </div>
    </Box>
  );
}

function pagesOf(indexes: number[]): number[] {
  return [...new Set(indexes.map((i) => Math.floor(i / LIBRARY_PAGE_SIZE)))];
}

function HeaderCell({ column, query, onSort }: { column: Column; query: LibraryQuery; onSort(sort: SessionSort): void }) {
  const active = column.sort !== undefined && query.sort === column.sort;
  const ariaSort = active ? (query.direction === 'asc' ? 'ascending' : 'descending') : column.sort ? 'none' : undefined;
  const Icon = active ? (query.direction === 'asc' ? IconArrowUp : IconArrowDown) : IconArrowsSort;
  return (
    <div
      role="columnheader"
      aria-sort={ariaSort}
      className={classes.headCell}
      style={column.align ? { justifyContent: 'flex-end' } : undefined}
    >
      {column.sort ? (
        <UnstyledButton className={classes.sortButton} data-active={active || undefined} onClick={() => column.sort && onSort(column.sort)}>
          {column.label}
          <Icon size={14} aria-hidden stroke={active ? 2.2 : 1.5} />
        </UnstyledButton>
      ) : (
        <Text size="xs" fw={700}>
          {column.label}
        </Text>
      )}
    </div>
  );
}

function Cell({ children, align, label }: { children: ReactNode; align?: 'right'; label?: string }) {
  return (
    <div role="cell" className={classes.cell} style={align ? { justifyContent: 'flex-end' } : undefined} title={label}>
      {children}
    </div>
  );
}

function rowStyle(start: number): CSSProperties {
  return { gridTemplateColumns: COLUMNS, height: ROW_HEIGHT, transform: `translateY(${start}px)` };
}

const Row = memo(function Row({
  row,
  index,
  start,
  checked,
  onToggle,
}: {
  row: SessionSummary;
  index: number;
  start: number;
  checked: boolean;
  onToggle: SessionListProps['onToggle'];
}) {
  const style = rowStyle(start);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={checked}
      className={classes.row}
      data-selected={checked || undefined}
      style={style}
    >
      <Cell>
        <Checkbox
          aria-label={`Select ${row.title}`}
          checked={checked}
          onChange={(e) => onToggle(row, index, (e.nativeEvent as MouseEvent).shiftKey === true)}
        />
      </Cell>
      <Cell label={row.title}>
        <Anchor href={href('library', row.id)} fw={600} size="sm" lineClamp={2} lh={1.35} style={{ wordBreak: 'break-word' }}>
          {row.title}
        </Anchor>
      </Cell>
      <Cell>
        <Text size="xs">{sourceLabel(row.source)}</Text>
      </Cell>
      <Cell>
        <SessionStatusBadge status={row.status} />
      </Cell>
      <Cell label={row.tags.join(', ') || undefined}>
        <Text size="xs" truncate="end" c={row.tags.length ? undefined : 'dimmed'}>
          {row.tags.length ? row.tags.join(', ') : '—'}
        </Text>
      </Cell>
      <Cell align="right">
        <Text size="xs">{formatCount(row.turnCount)}</Text>
      </Cell>
      <Cell align="right">
        <Text size="xs">{formatCount(row.tokenCount)}</Text>
      </Cell>
      <Cell align="right">
        <Text size="xs">{formatDecimal(row.judgeScore)}</Text>
      </Cell>
      <Cell label={row.originFile ?? undefined}>
        <Text size="xs" truncate="end" c={row.originFile ? undefined : 'dimmed'}>
          {row.originFile ?? '—'}
        </Text>
      </Cell>
      <Cell label={formatDateTime(row.updatedAt)}>
        <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
          {formatShortWhen(row.updatedAt)}
        </Text>
      </Cell>
    </div>
  );
});

function LoadingRow({ index, style }: { index: number; style: CSSProperties }) {
  return (
    <div role="row" aria-rowindex={index + 2} className={classes.row} style={style}>
      <div role="cell" className={classes.cell} />
      <div role="cell" className={classes.cell} style={{ gridColumn: 'span 9' }}>
        <Skeleton height={12} width="60%" radius="sm" aria-label="Loading this row" />
      </div>
    </div>
  );
}
