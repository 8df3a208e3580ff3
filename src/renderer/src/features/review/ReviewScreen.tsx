import { Badge, Box, Button, Grid, Group, Kbd, NavLink, Popover, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconKeyboard } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { ReviewItem } from '../../../../shared/api/judging';
import { formatCount, formatDecimal } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { QueryView } from '../../ui/QueryView';
import { Section } from '../generate/RunSettings';
import { JudgePanel } from './JudgePanel';
import { ReviewDetail } from './ReviewDetail';
import { useDecide, useReviewQueue, useRubrics } from './useReview';

export function safetyFlag(item: ReviewItem): boolean {
  return item.review?.safetyFlag === true;
}

function flaggedCriteria(item: ReviewItem): string[] {
  const flags = item.review?.flags;
  if (!Array.isArray(flags)) return [];
  return flags.flatMap((f) => (f && typeof f === 'object' && typeof (f as { criterion?: unknown }).criterion === 'string' ? [(f as { criterion: string }).criterion] : []));
}

/** Safety first, then the backend's priority, then the queue's own order. */
function ordered(rows: ReviewItem[]): ReviewItem[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => Number(safetyFlag(b.r)) - Number(safetyFlag(a.r)) || (b.r.priority ?? -Infinity) - (a.r.priority ?? -Infinity) || a.i - b.i)
    .map(({ r }) => r);
}

const shortcuts: [string, string][] = [
  ['A', 'Approve'],
  ['R', 'Reject (type a reason first)'],
  ['G', 'Send back for regeneration (reason first)'],
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
  const queue = useReviewQueue();
  return (
    <Stack gap="lg">
      <PageHeader title="Review" description="A judge model scores sessions; low scores and any risk wait here for a person to read and decide." actions={<ShortcutsHelp />} />
      <JudgePanel />
      <QueryView query={queue} loading="Loading the review queue…">
        {({ rows, total }) => <Queue rows={ordered(rows)} total={total} />}
      </QueryView>
    </Stack>
  );
}

function Queue({ rows, total }: { rows: ReviewItem[]; total: number }) {
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
      else if (key === 'g') k.act('regenerate');
      else if (key === 'j') k.move(1);
      else if (key === 'k') k.move(-1);
      else if (key === 'e' && k.current) setEditing(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const safety = rows.filter(safetyFlag).length;
  return (
    <Section label="Review queue">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Queue
        </Title>
        <Text role="status" aria-label="Queue progress" fw={600}>
          {formatCount(total)} waiting{safety > 0 ? ` · ${formatCount(safety)} with a safety flag` : ''}
        </Text>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing waits for review. Generate sessions in Generate, then judge them above; sessions with low scores or any risk come here.
        </Text>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Box mah={900} style={{ overflowY: 'auto' }}>
              <Stack gap={4} component="nav" aria-label="Review queue items">
                {rows.map((item) => (
                  <NavLink
                    key={item.id}
                    component="button"
                    styles={{ label: { whiteSpace: 'normal' }, description: { whiteSpace: 'normal' } }}
                    active={item.id === current?.id}
                    onClick={() => select(item.id)}
                    aria-current={item.id === current?.id ? 'true' : undefined}
                    label={
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
                    }
                    description={
                      <Text size="xs" c="dimmed" component="span" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                        score {item.judgeScore === null ? 'not judged' : formatDecimal(item.judgeScore)}
                        {flaggedCriteria(item).length > 0 ? ` · low: ${flaggedCriteria(item).map(criterionLabel).join(', ')}` : ''}
                      </Text>
                    }
                  />
                ))}
              </Stack>
            </Box>
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
