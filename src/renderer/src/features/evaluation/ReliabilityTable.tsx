import { Stack, Table, Text, Title } from '@mantine/core';
import type { EvalResults, ReliabilityView } from '../../../../shared/api/evaluation';
import { TableHeader } from '../../ui/TableHeader';
import { formatScore } from './evalFormat';

const num = { textAlign: 'right' } as const;
const withInterval = (value: number | null, ci: { low: number; high: number } | null | undefined) =>
  value === null ? '—' : `${formatScore(value)}${ci ? ` [${formatScore(ci.low)}, ${formatScore(ci.high)}]` : ''}`;

function Row({ criterion, arm, r }: { criterion: string; arm: string; r: ReliabilityView | undefined }) {
  return (
    <Table.Tr>
      <Table.Th scope="row">{criterion}</Table.Th>
      <Table.Td>{arm}</Table.Td>
      <Table.Td style={num}>{r ? withInterval(r.icc, r.iccCi) : '—'}</Table.Td>
      <Table.Td style={num}>{r ? withInterval(r.alpha, r.alphaCi) : '—'}</Table.Td>
      <Table.Td>{r?.note ?? ''}</Table.Td>
    </Table.Tr>
  );
}

/** The judge's consistency over repeats, within each arm and pooled, with bootstrap intervals and the ICC form named. */
export function ReliabilityTable({ results }: { results: EvalResults }) {
  const entries = results.criteria.filter(
    (c) => results.reliability[c.id] && (results.reliability[c.id]!.icc !== null || results.reliability[c.id]!.perArm),
  );
  return (
    <Stack gap="xs" component="section" aria-label="Judge reliability">
      <Title order={3} size="h4">
        Judge reliability
      </Title>
      <Text size="sm" c="dimmed" maw={820}>
        How consistently the judge scores the same conversation when asked again
        {results.judgeTemperature !== undefined ? ` (repeats sampled at temperature ${results.judgeTemperature})` : ''}:{' '}
        {results.reliabilityForm ?? 'ICC(2,1)'}, and Krippendorff&apos;s interval alpha, with 95% bootstrap intervals over conversations.
        Read the values within each arm: pooling arms counts their differences as agreement. Near 1 is consistent; below about 0.7 the
        scores are noisy.
      </Text>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not measured: ask for two or more judge repeats in the next run.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Judge reliability" withTableBorder verticalSpacing="xs">
            <TableHeader
              columns={[
                'Criterion',
                'Arm',
                { label: 'ICC(2,1) [95% CI]', numeric: true },
                { label: 'Alpha [95% CI]', numeric: true },
                'Note',
              ]}
            />
            <Table.Tbody>
              {entries.flatMap((c) => {
                const r = results.reliability[c.id]!;
                return [
                  ...results.models.map((m) => <Row key={`${c.id}|${m}`} criterion={c.label} arm={m} r={r.perArm?.[m]} />),
                  <Row key={`${c.id}|pooled`} criterion={c.label} arm="All arms pooled" r={r} />,
                ];
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
