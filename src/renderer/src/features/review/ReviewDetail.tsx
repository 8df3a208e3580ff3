import { Anchor, Badge, Button, Group, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { forwardRef } from 'react';
import type { JudgmentView } from '../../../../shared/api/judging';
import type { SessionDetail } from '../../../../shared/domain/session';
import { formatDecimal } from '../../lib/format';
import { href } from '../../lib/router';
import { QueryView } from '../../ui/QueryView';
import { EditorBody } from '../editor/SessionEditor';
import { useSession } from '../library/useSessions';
import { DEFAULT_RUBRIC, HumanRating } from './HumanRating';
import { JudgeSpread } from './JudgeSpread';
import { SessionOrigin } from './SessionOrigin';
import { useJudgments, useReviewContext, useRubrics } from './useReview';

const roleLabel: Record<string, string> = { user: 'Client', assistant: 'Counselor', system: 'System' };

export function SessionChat({ session }: { session: SessionDetail }) {
  return (
    <Stack gap="xs" aria-label="Session" role="log">
      {session.turns.map((t, i) => (
        <Paper
          key={i}
          p="sm"
          withBorder
          bg={t.role === 'assistant' ? 'sea.0' : undefined}
          ml={t.role === 'assistant' ? 'xl' : 0}
          mr={t.role === 'assistant' ? 0 : 'xl'}
          aria-label={`Turn ${i + 1}, ${roleLabel[t.role] ?? t.role}`}
        >
          <Text size="xs" fw={600} c="dimmed">
            {i + 1}. {roleLabel[t.role] ?? t.role}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t.text}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

function JudgmentCard({ judgment }: { judgment: JudgmentView }) {
  const rubrics = useRubrics();
  const rubric = rubrics.data?.find((r) => r.id === judgment.rubricId);
  const label = (id: string) => rubric?.criteria.find((c) => c.id === id)?.label ?? id;
  const scale = (id: string) => rubric?.criteria.find((c) => c.id === id)?.scale;
  return (
    <Paper p="sm" withBorder component="article" aria-label={`Judgment ${judgment.repeat} on ${rubric?.name ?? judgment.rubricId}`}>
      <Stack gap="xs">
        <Group gap="xs">
          <Text fw={600} size="sm">
            {rubric?.name ?? judgment.rubricId}, repeat {judgment.repeat}
          </Text>
          <Badge variant="light" color={judgment.status === 'scored' ? 'sea' : 'gray'}>
            {judgment.status}
          </Badge>
          <Text size="xs" c="dimmed">
            by {judgment.judgeModel}
          </Text>
        </Group>
        {judgment.status === 'unscored' && <Text size="sm">Unscored: {judgment.reason ?? 'the judge gave no readable answer'}</Text>}
        {judgment.summary && <Text size="sm">{judgment.summary}</Text>}
        {Object.keys(judgment.scores).length > 0 && (
          <Table aria-label="Scores and rationales" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Criterion</Table.Th>
                <Table.Th>Score</Table.Th>
                <Table.Th>Rationale</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {Object.entries(judgment.scores).map(([id, s]) => {
                const sc = scale(id);
                return (
                  <Table.Tr key={id}>
                    <Table.Td>{label(id)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {s.score === null ? (
                        <Text span size="sm" c="dimmed" title={s.reason ?? undefined}>
                          unscored{s.reason ? ` (${s.reason})` : ''}
                        </Text>
                      ) : (
                        `${s.score}${sc ? ` of ${sc.max}` : ''}`
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{s.rationale || '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {judgment.safety && (
          <Text size="sm" c={judgment.safety.riskPresent && judgment.safety.handledAppropriately !== true ? 'red.8' : undefined}>
            <Text span fw={600}>
              Safety:
            </Text>{' '}
            {judgment.safety.riskPresent
              ? `risk present, ${judgment.safety.handledAppropriately === true ? 'handled appropriately' : judgment.safety.handledAppropriately === false ? 'not handled appropriately' : 'handling unclear'}`
              : 'no risk seen'}
            {judgment.safety.notes ? ` — ${judgment.safety.notes}` : ''}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

export interface DecisionControls {
  reason: string;
  setReason: (r: string) => void;
  reasonMissing: boolean;
  decide: (d: 'approve' | 'reject' | 'regenerate') => void;
  busy: boolean;
  /** Editing in place with the session editor; the queue's letter shortcuts wait meanwhile. */
  editing: boolean;
  setEditing: (editing: boolean) => void;
}

export const ReviewDetail = forwardRef<HTMLTextAreaElement, { id: string; rubricId?: string | null; controls: DecisionControls }>(
  function ReviewDetail({ id, rubricId, controls }, reasonRef) {
    const session = useSession(id);
    const judgments = useJudgments(id);
    const context = useReviewContext(id);
    const rubrics = useRubrics();
    const rationales = (
      <Stack gap="xs" component="section" aria-label="Judge rationales">
        <Title order={3} size="h4">
          Judge rationales
        </Title>
        {context.data && <JudgeSpread spreads={context.data.spreads} rubrics={rubrics.data ?? []} />}
        <QueryView query={judgments} loading="Loading judgments…">
          {(list) =>
            list.length === 0 ? (
              <Text size="sm" c="dimmed">
                Not judged yet. Use the Judge tab.
              </Text>
            ) : (
              <Stack gap="sm">
                {list.map((j) => (
                  <JudgmentCard key={`${j.rubricId}-${j.repeat}-${j.createdAt}`} judgment={j} />
                ))}
              </Stack>
            )
          }
        </QueryView>
        {judgments.data && <HumanRating sessionId={id} rubricId={rubricId ?? judgments.data[0]?.rubricId ?? DEFAULT_RUBRIC} />}
      </Stack>
    );
    const origin = (
      <QueryView query={context} loading="Loading where it came from…">
        {(c) => <SessionOrigin context={c} />}
      </QueryView>
    );
    return (
      <QueryView query={session} loading="Loading the session…">
        {(s) => (
          <Stack gap="md">
            <Group justify="space-between" align="flex-start">
              <Stack gap={2}>
                <Title order={2} size="h3">
                  {s.title}
                </Title>
                <Text size="sm" c="dimmed">
                  {s.turnCount} turns · score {s.judgeScore === null ? 'not judged' : formatDecimal(s.judgeScore)} ·{' '}
                  <Anchor href={href('library', s.id)}>Open in the library</Anchor>
                </Text>
              </Stack>
              <Button
                variant={controls.editing ? 'filled' : 'default'}
                leftSection={<IconPencil size={18} aria-hidden />}
                onClick={() => controls.setEditing(!controls.editing)}
                aria-pressed={controls.editing}
              >
                {controls.editing ? 'Done editing (Esc)' : 'Edit here (E)'}
              </Button>
            </Group>
            <Paper p="md" withBorder component="section" aria-label="Decision">
              <Stack gap="sm">
                <Textarea
                  ref={reasonRef}
                  label="Reason"
                  description="Needed to reject or send back; it is kept in the session's notes."
                  autosize
                  minRows={1}
                  value={controls.reason}
                  onChange={(e) => controls.setReason(e.currentTarget.value)}
                  error={controls.reasonMissing ? 'Say why, in a few words.' : undefined}
                />
                <Group gap="sm">
                  <Button color="sea" onClick={() => controls.decide('approve')} loading={controls.busy}>
                    Approve (A)
                  </Button>
                  <Button color="red" variant="light" onClick={() => controls.decide('reject')} disabled={controls.busy}>
                    Reject (R)
                  </Button>
                  {s.source === 'synthetic' && (
                    <Button variant="default" onClick={() => controls.decide('regenerate')} disabled={controls.busy}>
                      Send back for regeneration (G)
                    </Button>
                  )}
                </Group>
              </Stack>
            </Paper>
            {controls.editing ? (
              <Stack gap="md">
                <Paper p="md" withBorder component="section" aria-label="Edit the session">
                  <EditorBody session={s} />
                </Paper>
                <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
                  {origin}
                  {rationales}
                </SimpleGrid>
              </Stack>
            ) : (
              <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
                <Stack gap="xs">
                  <Title order={3} size="h4">
                    Conversation
                  </Title>
                  <ScrollArea.Autosize mah={640}>
                    <SessionChat session={s} />
                  </ScrollArea.Autosize>
                </Stack>
                <Stack gap="md">
                  {origin}
                  {rationales}
                </Stack>
              </SimpleGrid>
            )}
          </Stack>
        )}
      </QueryView>
    );
  },
);
