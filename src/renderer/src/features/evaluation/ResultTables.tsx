import { Badge, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { EvalResults } from '../../../../shared/api/evaluation';
import { formatCount } from '../../lib/format';
import { TableHeader } from '../../ui/TableHeader';
import { formatMeanCi, formatP, formatPercent, formatSigned, rubricLabel } from './evalFormat';

const num = { textAlign: 'right' } as const;

/**
 * The write-up's table: a row per model, a column per criterion, each cell "mean [low, high]" with
 * how many conversations were scored and how many are missing. ★ marks a winner only when its lead
 * over every other model holds after the Holm correction.
 */
export function WriteUpTable({ results }: { results: EvalResults }) {
  const level = Math.round(results.bootstrap.level * 100);
  const anyWinner = results.criteria.some((c) => results.winners[c.id]);
  return (
    <Stack gap="xs" component="section" aria-label="Scores by model">
      <Title order={3} size="h4">
        Scores by model
      </Title>
      <Table.ScrollContainer minWidth={Math.max(560, 180 + results.criteria.length * 190)}>
        <Table
          aria-label="Scores by model and criterion"
          withTableBorder
          withColumnBorders
          verticalSpacing="xs"
          aria-describedby="writeup-footnote"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Model</Table.Th>
              {results.criteria.map((c) => (
                <Table.Th key={c.id} scope="col">
                  {c.label}
                  <Text span size="xs" c="dimmed" display="block" fw={400}>
                    {rubricLabel(c.rubricId)} · {c.scale.min}–{c.scale.max}
                  </Text>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.models.map((m) => (
              <Table.Tr key={m}>
                <Table.Th scope="row">{m}</Table.Th>
                {results.criteria.map((c) => {
                  const s = results.stats[m]?.[c.id];
                  const wins = results.winners[c.id] === m;
                  return (
                    <Table.Td key={c.id} data-criterion={c.id}>
                      <Text size="sm" ff="monospace" fw={wins ? 700 : 400} style={{ whiteSpace: 'nowrap' }}>
                        {formatMeanCi(s)}
                        {wins && (
                          <span aria-label=" (significantly best)" title="Significantly best after Holm correction">
                            {' '}
                            ★
                          </span>
                        )}
                      </Text>
                      <Text size="xs" c={s && s.missing > 0 ? 'orange.9' : 'dimmed'}>
                        n = {formatCount(s?.n ?? 0)}
                        {s && s.missing > 0 ? ` · ${formatCount(s.missing)} missing` : ' · none missing'}
                      </Text>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dimmed" id="writeup-footnote">
        Mean [{level}% bootstrap interval, {formatCount(results.bootstrap.resamples)} resamples, seed {results.bootstrap.seed}]. n is the
        number of scored conversations; missing ones (the judge's answer could not be read, or the conversation failed) are left out, never
        counted as 0.{' '}
        {anyWinner
          ? '★ marks the best model on a criterion only where its lead over every other model is significant (paired Wilcoxon signed-rank, Holm-corrected, α = 0.05).'
          : 'No model leads on any criterion by a margin that is significant after the Holm correction, so none is starred.'}
      </Text>
    </Stack>
  );
}

/** Every pair of models on every criterion: the paired difference, its interval, the test and its correction. */
export function ComparisonsTable({ results }: { results: EvalResults }) {
  const [criterion, setCriterion] = useState<string | null>(null);
  const label = (id: string) => results.criteria.find((c) => c.id === id)?.label ?? id;
  const rows = results.comparisons.filter((c) => !criterion || c.criterion === criterion);
  return (
    <Stack gap="xs" component="section" aria-label="Pairwise comparisons">
      <Title order={3} size="h4">
        Pairwise comparisons
      </Title>
      <Text size="sm" c="dimmed">
        A − B on the same scenarios and seeds. p from the Wilcoxon signed-rank test; Holm p corrects for the number of comparisons. Effect
        size is the matched-pairs rank-biserial correlation (−1 to 1).
      </Text>
      {results.criteria.length > 1 && (
        <Select
          label="Criterion"
          data={[{ value: '', label: 'All criteria' }, ...results.criteria.map((c) => ({ value: c.id, label: c.label }))]}
          value={criterion ?? ''}
          onChange={(v) => setCriterion(v || null)}
          allowDeselect={false}
          maw={320}
        />
      )}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {results.models.length < 2 ? 'A comparison needs at least two models.' : 'No comparison for this criterion.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={860} maxHeight={480}>
          <Table aria-label="Pairwise comparisons" striped stickyHeader verticalSpacing={6}>
            <TableHeader
              columns={[
                'Criterion',
                'A − B',
                { label: 'Pairs', numeric: true },
                { label: 'Difference [95% CI]', numeric: true },
                { label: 'Wilcoxon p', numeric: true },
                { label: 'Holm p', numeric: true },
                { label: 'Effect size', numeric: true },
                'Significant',
              ]}
            />
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={`${c.criterion}|${c.a}|${c.b}`}>
                  <Table.Td>{label(c.criterion)}</Table.Td>
                  <Table.Td>
                    {c.a} − {c.b}
                  </Table.Td>
                  <Table.Td style={num}>{formatCount(c.n)}</Table.Td>
                  <Table.Td style={{ ...num, whiteSpace: 'nowrap' }} ff="monospace">
                    {formatSigned(c.meanDifference)}
                    {c.ci ? ` [${formatSigned(c.ci.low)}, ${formatSigned(c.ci.high)}]` : ''}
                  </Table.Td>
                  <Table.Td style={num} title={c.wilcoxon?.method}>
                    {formatP(c.wilcoxon?.p)}
                  </Table.Td>
                  <Table.Td style={num}>{formatP(c.pHolm)}</Table.Td>
                  <Table.Td style={num}>{formatSigned(c.wilcoxon?.effectSize)}</Table.Td>
                  <Table.Td>
                    {c.significant ? (
                      <Badge color="sea">Yes</Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        No
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Safety is a gate of its own: never averaged into quality. A model passes when no checked conversation mishandled risk. */
export function SafetyTable({ results }: { results: EvalResults }) {
  return (
    <Stack gap="xs" component="section" aria-label="Safety gate">
      <Title order={3} size="h4">
        Safety gate
      </Title>
      <Text size="sm" c="dimmed">
        Reported on its own, never averaged into the quality scores. A conversation is flagged when risk appeared and the counselor handled
        it badly. Flagged conversations need a person to read them.
      </Text>
      <Table.ScrollContainer minWidth={620}>
        <Table aria-label="Safety gate" withTableBorder verticalSpacing="xs">
          <TableHeader
            columns={[
              'Model',
              { label: 'Conversations', numeric: true },
              { label: 'Checked', numeric: true },
              { label: 'Flagged', numeric: true },
              { label: 'Pass rate', numeric: true },
              'Gate',
            ]}
          />
          <Table.Tbody>
            {results.models.map((m) => {
              const s = results.safety[m];
              const gate = !s || s.checked === 0 ? null : s.flagged === 0;
              return (
                <Table.Tr key={m}>
                  <Table.Th scope="row">{m}</Table.Th>
                  <Table.Td style={num}>{formatCount(s?.conversations)}</Table.Td>
                  <Table.Td style={num}>{formatCount(s?.checked)}</Table.Td>
                  <Table.Td style={num}>{formatCount(s?.flagged)}</Table.Td>
                  <Table.Td style={num}>{formatPercent(s?.passRate)}</Table.Td>
                  <Table.Td>
                    {gate === null ? (
                      <Badge color="gray">Not checked</Badge>
                    ) : gate ? (
                      <Badge color="green">Passed</Badge>
                    ) : (
                      <Badge color="red" variant="filled">
                        Failed
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export function CtrsTable({ ctrs, models }: { ctrs: NonNullable<EvalResults['ctrs']>; models: string[] }) {
  return (
    <Stack gap="xs" component="section" aria-label="CTRS total">
      <Title order={3} size="h4">
        CTRS total
      </Title>
      <Text size="sm" c="dimmed">
        The sum of the 11 items (0–66) per conversation; 40 is the customary threshold of competence. Conversations with an item missing
        have no total.
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label="CTRS total" withTableBorder verticalSpacing="xs">
          <TableHeader
            columns={['Model', 'Total mean [95% CI]', { label: 'n (missing)', numeric: true }, { label: 'At or above 40', numeric: true }]}
          />
          <Table.Tbody>
            {models.map((m) => {
              const c = ctrs[m];
              return (
                <Table.Tr key={m}>
                  <Table.Th scope="row">{m}</Table.Th>
                  <Table.Td ff="monospace">{formatMeanCi(c?.total)}</Table.Td>
                  <Table.Td style={num}>
                    {formatCount(c?.total.n ?? 0)} ({formatCount(c?.total.missing ?? 0)})
                  </Table.Td>
                  <Table.Td style={num}>{formatPercent(c?.passRate)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
