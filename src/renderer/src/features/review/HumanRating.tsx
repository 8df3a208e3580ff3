import { Button, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { RubricView } from '../../../../shared/api/judging';
import { formatDecimal } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { useAgreement, useRate, useRubrics } from './useReview';

export const DEFAULT_RUBRIC = 'session-quality';

/** The reviewer's own scores on the judged rubric, and how well the judge agrees with reviewers so far. */
export function HumanRating({ sessionId, rubricId }: { sessionId: string; rubricId: string }) {
  const rubrics = useRubrics();
  return (
    <QueryView query={rubrics} loading="Loading the rubric…">
      {(list) => {
        const rubric = list.find((r) => r.id === rubricId);
        return rubric ? (
          <Stack gap="sm">
            <RatingForm key={`${sessionId}-${rubric.id}`} sessionId={sessionId} rubric={rubric} />
            <AgreementPanel rubric={rubric} />
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            The rubric {rubricId} is not in this project.
          </Text>
        );
      }}
    </QueryView>
  );
}

/** Folded until asked for: most sessions in a fast pass are decided without a rating of one's own. */
function RatingForm({ sessionId, rubric }: { sessionId: string; rubric: RubricView }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <Button variant="default" onClick={() => setOpen(true)} style={{ alignSelf: 'flex-start' }}>
        Rate this session yourself on {rubric.name}
      </Button>
    );
  return <RatingFields sessionId={sessionId} rubric={rubric} />;
}

function RatingFields({ sessionId, rubric }: { sessionId: string; rubric: RubricView }) {
  const [scores, setScores] = useState<Record<string, number | undefined>>({});
  const rate = useRate();
  const complete = rubric.criteria.every((c) => typeof scores[c.id] === 'number');
  const save = () => {
    const filled: Record<string, number> = {};
    for (const c of rubric.criteria) {
      const v = scores[c.id];
      if (typeof v === 'number') filled[c.id] = v;
    }
    rate.mutate({ sessionId, rubricId: rubric.id, scores: filled });
  };
  return (
    <Paper p="sm" withBorder component="section" aria-label="Your rating">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Your rating on {rubric.name}
        </Title>
        {rubric.criteria.map((c) => (
          <NumberInput
            key={c.id}
            label={`${c.label} (${c.scale.min}–${c.scale.max})`}
            description={c.anchors.length > 0 ? c.anchors.map((a) => `${a.score}: ${a.description}`).join(' · ') : c.description}
            min={c.scale.min}
            max={c.scale.max}
            clampBehavior="strict"
            allowDecimal={false}
            w="100%"
            value={scores[c.id] ?? ''}
            onChange={(v) => {
              setScores((s) => ({ ...s, [c.id]: typeof v === 'number' ? v : undefined }));
              rate.reset();
            }}
          />
        ))}
        <Group gap="sm">
          <Button disabled={!complete} loading={rate.isPending} onClick={save}>
            Save rating
          </Button>
          {rate.isSuccess && (
            <Text size="sm" c="sea.8" role="status">
              Rating saved.
            </Text>
          )}
        </Group>
        {rate.error && <ErrorAlert error={rate.error} title="Rating not saved" />}
      </Stack>
    </Paper>
  );
}

const stat = (v: number | null) => (v === null ? '—' : formatDecimal(v));

function AgreementPanel({ rubric }: { rubric: RubricView }) {
  const agreement = useAgreement(rubric.id);
  const label = (id: string) => rubric.criteria.find((c) => c.id === id)?.label ?? id;
  return (
    <Paper p="sm" withBorder component="section" aria-label="Agreement with the judge">
      <Stack gap="xs">
        <Title order={3} size="h4">
          Agreement with the judge
        </Title>
        <QueryView query={agreement} loading="Loading agreement…">
          {(a) =>
            a.overall.n === 0 ? (
              <Text size="sm" c="dimmed">
                No session has both your rating and the judge's yet. Rate a few judged sessions to see how far the judge agrees with you
                (Spearman, Kendall tau-b and the mean absolute difference).
              </Text>
            ) : (
              <Table aria-label="Agreement by criterion" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Criterion</Table.Th>
                    <Table.Th>n</Table.Th>
                    <Table.Th>Spearman</Table.Th>
                    <Table.Th>Kendall tau-b</Table.Th>
                    <Table.Th>Mean abs. difference</Table.Th>
                    <Table.Th>Note</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[
                    ...a.criteria.map((c) => ({ ...c, name: label(c.criterion) })),
                    { ...a.overall, criterion: 'overall', name: 'Overall' },
                  ].map((c) => (
                    <Table.Tr key={c.criterion}>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td>{c.n}</Table.Td>
                      <Table.Td>{stat(c.spearman)}</Table.Td>
                      <Table.Td>{stat(c.kendallTauB)}</Table.Td>
                      <Table.Td>{stat(c.meanAbsDiff)}</Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed">
                          {c.note ?? ''}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryView>
      </Stack>
    </Paper>
  );
}
