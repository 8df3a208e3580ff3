import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { holmFamilyLabel, type EvalPlanView, type EvalRunView, type HolmFamily } from '../../../../shared/api/evaluation';
import { fixed } from '../../../../shared/domain/evalFindings';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatPercent } from './evalFormat';
import { useEvalResults, useEvalRunActions } from './useEvaluation';
import { numberOrEmpty } from '../../lib/forms';
import { TableHeader } from '../../ui/TableHeader';

const numberOrUndefined = (v: string | number) => (typeof v === 'number' ? v : undefined);

/**
 * The sample-size planner: how many scenarios the next run needs to detect a chosen difference with
 * the paired Wilcoxon at the run's Holm family (seeded simulation), with this run as the pilot for the
 * SDs and correlation, and the power this run had for the differences it observed.
 */
export function PlannerPanel({ run }: { run: EvalRunView }) {
  const results = useEvalResults(run, true);
  const { plan } = useEvalRunActions();
  const [difference, setDifference] = useState<number | ''>(0.3);
  const [power, setPower] = useState<number | ''>(80);
  const [criterion, setCriterion] = useState<string | null>(null);
  const [sd, setSd] = useState<number | ''>('');
  const [correlation, setCorrelation] = useState<number | ''>('');
  const [family, setFamily] = useState<HolmFamily | null>(null);
  const criteria = (results.data?.criteria ?? []).map((c) => ({ value: c.id, label: c.label }));
  const ask = () =>
    plan.mutate({
      id: run.id,
      difference: difference === '' ? 0 : difference,
      power: power === '' ? undefined : power / 100,
      criterion: criterion ?? undefined,
      sdA: numberOrUndefined(sd),
      sdB: numberOrUndefined(sd),
      correlation: numberOrUndefined(correlation),
      holmFamily: family ?? undefined,
    });
  return (
    <Stack gap="md" component="section" aria-label="Sample-size planner">
      <Title order={3} size="h4">
        How many scenarios does the next run need?
      </Title>
      <Text size="sm" c="dimmed" maw={820}>
        Simulates the paired Wilcoxon test on scenario means, with this run as the pilot: its spread of scenario means and the correlation
        between arms, unless you enter your own. Each test is planned at α/m for the run&apos;s Holm family (m tests), which is what one
        real difference among them needs.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3, md: 6 }} spacing="sm">
        <NumberInput
          label="Difference to detect"
          description="On the criterion's scale"
          decimalScale={2}
          step={0.1}
          value={difference}
          onChange={(v) => setDifference(numberOrEmpty(v))}
        />
        <NumberInput
          label="Power"
          description="Chance to detect it"
          suffix="%"
          min={50}
          max={99}
          allowDecimal={false}
          value={power}
          onChange={(v) => setPower(numberOrEmpty(v))}
        />
        <Select
          label="Criterion"
          description="Pilot SDs from"
          data={criteria}
          value={criterion ?? criteria[0]?.value ?? null}
          onChange={setCriterion}
          allowDeselect={false}
        />
        <NumberInput
          label="SD of scenario means"
          description="Empty: from this run"
          min={0.01}
          decimalScale={2}
          step={0.1}
          value={sd}
          onChange={(v) => setSd(numberOrEmpty(v))}
        />
        <NumberInput
          label="Correlation between arms"
          description="Empty: from this run"
          min={-1}
          max={1}
          decimalScale={2}
          step={0.1}
          value={correlation}
          onChange={(v) => setCorrelation(numberOrEmpty(v))}
        />
        <Select
          label="Holm family"
          description="Empty: this run's"
          data={[
            { value: 'all', label: 'All comparisons' },
            { value: 'criterion', label: 'Per criterion' },
          ]}
          value={family}
          onChange={(v) => setFamily(v as HolmFamily | null)}
          clearable
        />
      </SimpleGrid>
      <Group>
        <Button onClick={ask} loading={plan.isPending} disabled={difference === '' || difference === 0}>
          Estimate the scenarios needed
        </Button>
        {plan.isPending && (
          <Text size="sm" c="dimmed" role="status">
            Simulating a few thousand studies per size…
          </Text>
        )}
      </Group>
      {plan.error && <ErrorAlert error={plan.error} />}
      {plan.data && <PlanAnswer plan={plan.data} />}
    </Stack>
  );
}

function PlanAnswer({ plan }: { plan: EvalPlanView }) {
  const a = plan.assumptions;
  return (
    <Stack gap="sm">
      <Alert color={plan.required.n === null ? 'orange' : 'blue'} variant="light" role="status" title="Answer">
        {plan.required.n === null
          ? `More than ${plan.required.maxN} scenarios would be needed to detect ${fixed(a.difference)} with this spread.`
          : `${plan.required.n} scenarios detect a difference of ${fixed(a.difference)} with ${formatPercent(plan.required.power)} power (target ${formatPercent(plan.required.target)}).`}{' '}
        Assumed {a.source === 'pilot' ? `from this run${a.a ? ` (${a.a} vs ${a.b})` : ''}` : 'as entered'}: SD {fixed(a.sdA)} and{' '}
        {fixed(a.sdB)} of the arms&apos; scenario means, correlation {fixed(a.correlation)}, so SD {fixed(a.sdDifference)} of the
        differences. Holm over {holmFamilyLabel(plan.family.kind, plan.family.tests)}: each test at α/m ={' '}
        {plan.family.alphaPerTest.toFixed(4)}.
      </Alert>
      {plan.current.length > 0 && (
        <Table.ScrollContainer minWidth={620}>
          <Table aria-label="Power of this run" withTableBorder>
            <Table.Caption>Power this run had for the differences it observed (simulated at its own number of scenarios).</Table.Caption>
            <TableHeader columns={['Criterion', 'Pair', 'Scenarios', 'Observed difference', 'SD of differences', 'Power']} />
            <Table.Tbody>
              {plan.current.map((c) => (
                <Table.Tr key={`${c.criterion}|${c.a}|${c.b}`}>
                  <Table.Th scope="row">{c.label}</Table.Th>
                  <Table.Td>
                    {c.a} − {c.b}
                  </Table.Td>
                  <Table.Td>{c.n}</Table.Td>
                  <Table.Td>{fixed(c.observedDifference)}</Table.Td>
                  <Table.Td>{fixed(c.sdDifference)}</Table.Td>
                  <Table.Td>{formatPercent(c.power)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed" maw={820}>
        {plan.method}
      </Text>
    </Stack>
  );
}
