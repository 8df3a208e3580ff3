import { Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { JudgeCalibrationView } from '../../../../shared/api/judging';
import { QueryView } from '../../ui/QueryView';
import { Section } from '../../ui/Section';
import { useCalibration, useRubrics } from './useReview';
import { TableHeader } from '../../ui/TableHeader';

// Two decimals always, so a column of coefficients lines up and 1.00 reads as a coefficient.
const fixed = (n: number) => n.toFixed(2);
const interval = (i: JudgeCalibrationView['spearman']) => (i ? `${fixed(i.estimate)} (${fixed(i.low)} to ${fixed(i.high)})` : '—');

/**
 * Which judge agrees best with people: every judge (model × judge prompt × rubric version) that scored
 * the sessions people rated, compared on those same sessions, before judging thousands.
 */
export function CalibrationPanel() {
  const rubrics = useRubrics();
  const [rubricId, setRubricId] = useState<string | null>(null);
  const chosen = rubricId ?? rubrics.data?.[0]?.id ?? null;
  const report = useCalibration(chosen);
  return (
    <Section label="Calibrate the judge">
      <Title order={2} size="h3">
        Calibrate the judge
      </Title>
      <Text size="sm" c="dimmed">
        Rate a sample of sessions yourself (in the queue, beside the judge's rationales), judge the same sessions with each candidate judge
        (the Judge tab, "Judge again"), then pick the judge that agrees best with people.
      </Text>
      <Select
        label="Rubric"
        w={280}
        data={(rubrics.data ?? []).map((r) => ({ value: r.id, label: `${r.name} (v${r.version})` }))}
        value={chosen}
        onChange={setRubricId}
        allowDeselect={false}
      />
      <QueryView query={report} loading="Comparing the judges…">
        {(r) =>
          r.humanSessions === 0 ? (
            <Text size="sm">No session has human ratings on this rubric yet. Rate 20 or more to compare judges.</Text>
          ) : r.judges.length === 0 ? (
            <Text size="sm">
              People rated {r.humanSessions} sessions, but no judge has scored them yet. Judge those sessions in the Judge tab.
            </Text>
          ) : (
            <Stack gap="xs">
              <Table aria-label="Judges compared with people" striped>
                <TableHeader columns={['Judge', 'Sessions', 'Spearman (95% CI)', 'Kendall tau-b (95% CI)', 'Mean |difference| (0–1)']} />
                <Table.Tbody>
                  {r.judges.map((j) => (
                    <Table.Tr key={j.judge}>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{j.judge}</Table.Td>
                      <Table.Td>{j.n}</Table.Td>
                      <Table.Td>{interval(j.spearman)}</Table.Td>
                      <Table.Td>{interval(j.kendall)}</Table.Td>
                      <Table.Td>{j.meanAbsDiff === null ? '—' : fixed(j.meanAbsDiff)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {r.judges.some((j) => j.note) && (
                <Text size="xs" c="dimmed">
                  {r.judges.flatMap((j) => (j.note ? [`${j.judge}: ${j.note}`] : [])).join(' ')}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                People rated {r.humanSessions} sessions. {r.method}
              </Text>
            </Stack>
          )
        }
      </QueryView>
    </Section>
  );
}
