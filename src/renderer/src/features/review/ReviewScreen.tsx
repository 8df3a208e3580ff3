import { Button, Grid, Group, Kbd, Popover, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { ReviewItem } from '../../../../shared/api/judging';
import { formatCount } from '../../lib/format';
import { useRoute } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { QueryView } from '../../ui/QueryView';
import { Section } from '../../ui/Section';
import { CalibrationPanel } from './CalibrationPanel';
import { JudgePanel } from './JudgePanel';
import { QueueFilterBar, QueueList } from './QueueList';
import { ReviewDetail } from './ReviewDetail';
import { useDecide, useReviewQueue, useRubrics, type QueueFilters } from './useReview';
import { useDebouncedValue } from '@mantine/hooks';

const shortcuts: [string, string][] = [
  ['A', 'Approve'],
  ['R', 'Reject (type a reason first)'],
  ['G', 'Send back for regeneration (generated sessions only; reason first)'],
  ['J', 'Next session'],
  ['K', 'Previous session'],
  ['E', 'Edit the session here (Esc when done)'],
];

function ShortcutsHelp() {
  return (
    <Popover position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <Button variant="default" leftSection={<IconKeyboard size={18} aria-hidden />}>
          Keyboard shortcuts
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Table aria-label="Keyboard shortcuts" withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {shortcuts.map(([k, what]) => (
              <Table.Tr key={k}>
                <Table.Td>
                  <Kbd>{k}</Kbd>
                </Table.Td>
                <Table.Td>{what}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Popover.Dropdown>
    </Popover>
  );
}

export function ReviewScreen() {
  // `#/review/judge` (where the library's "Judge…" leads) opens the judge form.
  const { sub } = useRoute();
  const [tab, setTab] = useState<string | null>(sub === 'judge' ? 'judge' : 'queue');
  const [forSub, setForSub] = useState(sub);
  if (forSub !== sub) {
    setForSub(sub);
    if (sub === 'judge') setTab('judge');
  }
  return (
    <Stack gap="lg">
      <PageHeader
        title="Review"
        description="A judge model scores sessions; low scores and any risk wait here for a person to read and decide."
        actions={<ShortcutsHelp />}
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="queue">Queue</Tabs.Tab>
          <Tabs.Tab value="judge">Judge</Tabs.Tab>
          <Tabs.Tab value="calibrate">Calibrate the judge</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue" pt="md">
          <QueueTab />
        </Tabs.Panel>
        <Tabs.Panel value="judge" pt="md">
          <JudgePanel />
        </Tabs.Panel>
        <Tabs.Panel value="calibrate" pt="md">
          <CalibrationPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function QueueTab() {
  const [filters, setFilters] = useState<QueueFilters>({});
  // Typing in the search or score fields asks for the queue once the typing pauses, as the library's search does.
  const [asked] = useDebouncedValue(filters, 300);
  const queue = useReviewQueue(asked);
  const rubrics = useRubrics();
  return (
    <Stack gap="md">
      <QueueFilterBar filters={filters} onChange={setFilters} counts={queue.data?.counts ?? null} rubrics={rubrics.data ?? []} />
      <QueryView query={queue} loading="Loading the review queue…">
        {({ rows, total, counts }) => (
          <Queue
            rows={rows}
            total={total}
            all={counts.all}
            safety={counts.safety}
            filtered={Object.entries(filters).some(([key, v]) => key !== 'sort' && v !== undefined)}
          />
        )}
      </QueryView>
    </Stack>
  );
}

function Queue({
  rows,
  total,
  all,
  safety,
  filtered,
}: {
  rows: ReviewItem[];
  total: number;
  all: number;
  safety: number;
  filtered: boolean;
}) {
  const rubrics = useRubrics();
  const criterionLabel = (id: string) => rubrics.data?.flatMap((r) => r.criteria).find((c) => c.id === id)?.label ?? id.replace(/_/g, ' ');
  const [selected, setSelected] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [editing, setEditing] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const decide = useDecide();
  const current = rows.find((r) => r.id === selected) ?? rows[0] ?? null;
  const index = current ? rows.indexOf(current) : -1;

  const select = (id: string | null) => {
    setSelected(id);
    setReason('');
    setReasonMissing(false);
    setEditing(false);
    decide.reset();
  };
  const move = (by: number) => {
    const next = rows[index + by];
    if (next) select(next.id);
  };
  const act = (decision: 'approve' | 'reject' | 'regenerate') => {
    if (!current || decide.isPending) return;
    if (decision !== 'approve' && !reason.trim()) {
      setReasonMissing(true);
      reasonRef.current?.focus();
      return;
    }
    const after = rows[index + 1] ?? rows[index - 1] ?? null;
    decide.mutate(
      { id: current.id, decision, ...(decision === 'approve' ? {} : { reason: reason.trim() }) },
      { onSuccess: () => select(after?.id ?? null) },
    );
  };

  const keys = useRef({ act, move, current, editing });
  useEffect(() => {
    keys.current = { act, move, current, editing };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (document.querySelector('[role="dialog"]')) return;
      const k = keys.current;
      const key = e.key.toLowerCase();
      // While editing, letters belong to the editor; Escape hands the keyboard back to the queue.
      if (k.editing) {
        if (e.key === 'Escape') {
          setEditing(false);
          e.preventDefault();
        }
        return;
      }
      if (key === 'a') k.act('approve');
      else if (key === 'r') k.act('reject');
      else if (key === 'g' && k.current?.source === 'synthetic') k.act('regenerate');
      else if (key === 'j') k.move(1);
      else if (key === 'k') k.move(-1);
      else if (key === 'e' && k.current) setEditing(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Section label="Review queue">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Queue
        </Title>
        <Text role="status" aria-label="Queue progress" fw={600}>
          {filtered ? `${formatCount(total)} shown of ${formatCount(all)} waiting` : `${formatCount(all)} waiting`}
          {safety > 0 ? ` · ${formatCount(safety)} with a safety flag` : ''}
        </Text>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {filtered
            ? 'No waiting session matches these filters; clear some to see more.'
            : 'Nothing waits for review. Generate sessions in Generate, then judge them in the Judge tab; sessions with low scores or any risk come here.'}
        </Text>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <QueueList rows={rows} current={current} onSelect={select} criterionLabel={criterionLabel} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            {current && (
              <Stack gap="sm">
                {decide.error && <ErrorAlert error={decide.error} />}
                <ReviewDetail
                  key={current.id}
                  id={current.id}
                  rubricId={typeof current.review?.rubricId === 'string' ? current.review.rubricId : null}
                  ref={reasonRef}
                  controls={{
                    reason,
                    setReason: (r) => {
                      setReason(r);
                      if (r.trim()) setReasonMissing(false);
                    },
                    reasonMissing,
                    decide: act,
                    busy: decide.isPending,
                    editing,
                    setEditing,
                  }}
                />
              </Stack>
            )}
          </Grid.Col>
        </Grid>
      )}
    </Section>
  );
}
