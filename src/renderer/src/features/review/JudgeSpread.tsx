import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReviewContext, RubricView } from '../../../../shared/api/judging';
import { formatDecimal } from '../../lib/format';

/**
 * How much the judge's k answers on the same session differ, per criterion: a wide range says one
 * judgment alone should not be trusted for it. Shown only when a rubric was judged more than once.
 */
export function JudgeSpread({ spreads, rubrics }: { spreads: ReviewContext['spreads']; rubrics: RubricView[] }) {
  const repeated = spreads.filter((s) => s.summary.k > 1);
  if (repeated.length === 0) return null;
  return (
    <Stack gap="xs">
      {repeated.map(({ rubricId, rubricName, summary }) => {
        const label = (id: string) => rubrics.find((r) => r.id === rubricId)?.criteria.find((c) => c.id === id)?.label ?? id;
        return (
          <Paper key={rubricId} p="sm" withBorder component="section" aria-label={`Judge spread on ${rubricName}`}>
            <Stack gap={4}>
              <Title order={3} size="h5">
                Spread over {summary.k} judgments on {rubricName}
              </Title>
              {summary.unscored > 0 && (
                <Text size="xs" c="dimmed">
                  {summary.unscored} of them could not be read and are left out (never counted as 0).
                </Text>
              )}
              <Table aria-label={`Spread on ${rubricName}`} verticalSpacing={2}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Criterion</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>Mean</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>Range</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>SD</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>Scored</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {summary.criteria.map((c) => (
                    <Table.Tr key={c.criterion}>
                      <Table.Td>{label(c.criterion)}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{formatDecimal(c.mean)}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>
                        {c.min === null ? '—' : c.min === c.max ? `${c.min}` : `${c.min}–${c.max}`}
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{formatDecimal(c.sd)}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>
                        {c.n} of {c.n + c.missing}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
