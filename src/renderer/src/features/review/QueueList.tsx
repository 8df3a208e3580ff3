import { Badge, Chip, Group, NumberInput, Select, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { reviewSorts, type ReviewItem, type ReviewQueuePage, type ReviewReason, type ReviewSort } from '../../../../shared/api/judging';
import { sourceOptions } from '../../ui/badges';
import { formatCount, formatDecimal } from '../../lib/format';
import type { QueueFilters } from './useReview';

const sortLabels: Record<ReviewSort, string> = {
  priority: 'Most urgent first',
  score: 'Lowest score first',
  newest: 'Newest first',
  title: 'Title',
};

const reasonLabels: Record<ReviewReason, string> = {
  safety: 'Safety',
  lowScore: 'Low score',
  unscored: 'Unscored',
  personalDetails: 'Personal details',
};

export function safetyFlag(item: ReviewItem): boolean {
  return item.review?.safetyFlag === true;
}

function flaggedCriteria(item: ReviewItem): string[] {
  const flags = item.review?.flags;
  if (!Array.isArray(flags)) return [];
  return flags.flatMap((f) =>
    f && typeof f === 'object' && typeof (f as { criterion?: unknown }).criterion === 'string'
      ? [(f as { criterion: string }).criterion]
      : [],
  );
}

/** Reason chips with their counts over the whole queue, then source, rubric, score range, sort and text. */
export function QueueFilterBar({
  filters,
  onChange,
  counts,
  rubrics,
}: {
  filters: QueueFilters;
  onChange: (f: QueueFilters) => void;
  counts: ReviewQueuePage['counts'] | null;
  rubrics: { id: string; name: string }[];
}) {
  const set = (patch: Partial<QueueFilters>) => onChange({ ...filters, ...patch });
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Chip.Group
        multiple={false}
        value={filters.reason ?? 'all'}
        onChange={(v) => set({ reason: v === 'all' ? undefined : (v as ReviewReason) })}
      >
        <Group gap={6} role="group" aria-label="Waiting because">
          <Chip value="all" size="sm">
            All {counts ? formatCount(counts.all) : ''}
          </Chip>
          {(Object.keys(reasonLabels) as ReviewReason[]).map((r) => (
            <Chip key={r} value={r} size="sm" color={r === 'safety' ? 'red' : undefined}>
              {reasonLabels[r]} {counts ? formatCount(counts[r]) : ''}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Select
        label="Source"
        w={140}
        data={[{ value: 'any', label: 'Any' }, ...sourceOptions]}
        value={filters.source ?? 'any'}
        onChange={(v) => set({ source: v === 'any' || !v ? undefined : (v as QueueFilters['source']) })}
        allowDeselect={false}
      />
      <Select
        label="Rubric"
        w={180}
        data={[{ value: 'any', label: 'Any' }, ...rubrics.map((r) => ({ value: r.id, label: r.name }))]}
        value={filters.rubricId ?? 'any'}
        onChange={(v) => set({ rubricId: v === 'any' || !v ? undefined : v })}
        allowDeselect={false}
      />
      <NumberInput
        label="Score from"
        w={100}
        min={0}
        max={10}
        value={filters.minScore ?? ''}
        onChange={(v) => set({ minScore: typeof v === 'number' ? v : undefined })}
      />
      <NumberInput
        label="to"
        w={90}
        min={0}
        max={10}
        value={filters.maxScore ?? ''}
        onChange={(v) => set({ maxScore: typeof v === 'number' ? v : undefined })}
      />
      <Select
        label="Sort"
        w={200}
        data={reviewSorts.map((sort) => ({ value: sort, label: sortLabels[sort] }))}
        value={filters.sort ?? 'priority'}
        onChange={(v) => set({ sort: (v ?? 'priority') as ReviewSort })}
        allowDeselect={false}
      />
      <TextInput
        label="Search the queue"
        w={200}
        value={filters.search ?? ''}
        onChange={(e) => set({ search: e.currentTarget.value || undefined })}
      />
    </Group>
  );
}

const ROW_HEIGHT = 58;

/**
 * Every waiting session in a virtualised list: only the rows in view are in the page, so thousands
 * scroll smoothly. The chosen row is scrolled into view whenever it changes (after a decision, too).
 */
export function QueueList({
  rows,
  current,
  onSelect,
  criterionLabel,
}: {
  rows: ReviewItem[];
  current: ReviewItem | null;
  onSelect: (id: string) => void;
  criterionLabel: (id: string) => string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders us itself; no compiler memoization is in play.
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const index = current ? rows.indexOf(current) : -1;
  useEffect(() => {
    if (index >= 0) virtual.scrollToIndex(index, { align: 'auto' });
  }, [index, virtual]);
  return (
    <div
      ref={scroller}
      style={{ height: 'min(70vh, 900px)', overflowY: 'auto', overflowX: 'hidden' }}
      role="listbox"
      aria-label="Review queue items"
      aria-activedescendant={current ? `queue-${current.id}` : undefined}
    >
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((v) => {
          const item = rows[v.index]!;
          const active = item.id === current?.id;
          const low = flaggedCriteria(item);
          return (
            <UnstyledButton
              key={item.id}
              id={`queue-${item.id}`}
              role="option"
              aria-selected={active}
              onClick={() => onSelect(item.id)}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                height: ROW_HEIGHT,
                transform: `translateY(${v.start}px)`,
                padding: '6px 10px',
                borderRadius: 4,
                background: active ? 'var(--mantine-color-sea-light, var(--mantine-primary-color-light))' : undefined,
              }}
            >
              <Group gap={6} wrap="nowrap">
                {safetyFlag(item) && (
                  <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
                    Safety
                  </Badge>
                )}
                <Text size="sm" fw={600} truncate>
                  {item.title}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" truncate>
                {item.source} · score {item.judgeScore === null ? 'not judged' : formatDecimal(item.judgeScore)}
                {low.length > 0 ? ` · low: ${low.map(criterionLabel).join(', ')}` : ''}
              </Text>
            </UnstyledButton>
          );
        })}
      </div>
    </div>
  );
}
