import { Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { EvalResults } from '../../../../shared/api/evaluation';
import { BoxPlotChart } from './charts/BoxPlotChart';
import { CiBarChart } from './charts/CiBarChart';
import { HeatmapChart } from './charts/HeatmapChart';
import { RadarChart } from './charts/RadarChart';
import { ScatterChart } from './charts/ScatterChart';
import { criteriaByRubric, rubricLabel } from './evalFormat';

/** The run's charts. Criteria are shown a rubric at a time, because rubrics score on different scales. */
export function ResultCharts({ results, fileStem }: { results: EvalResults; fileStem: string }) {
  // Memoized so a chart is drawn again only when what it shows changes, not on every choice elsewhere.
  const groups = useMemo(() => criteriaByRubric(results.criteria), [results.criteria]);
  const [rubricId, setRubricId] = useState<string | null>(null);
  const group = groups.find((g) => g.rubricId === rubricId) ?? groups[0];
  const [heatmapCriterion, setHeatmapCriterion] = useState<string | null>(null);
  const heat = results.criteria.find((c) => c.id === heatmapCriterion) ?? results.criteria[0];
  const ctrsItems = useMemo(() => results.criteria.filter((c) => c.rubricId === 'ctrs'), [results.criteria]);
  const empathy = results.criteria.find((c) => c.id === 'empathy-relevance.empathy');
  const relevance = results.criteria.find((c) => c.id === 'empathy-relevance.relevance');

  if (!group || !heat) {
    return (
      <Text size="sm" c="dimmed">
        No criteria were scored in this run, so there is nothing to chart.
      </Text>
    );
  }
  const groupTitle = rubricLabel(group.rubricId);

  return (
    <Stack gap="lg" component="section" aria-label="Charts">
      <Title order={3} size="h4">
        Charts
      </Title>
      {groups.length > 1 && (
        <Stack gap={4}>
          <Text size="sm" fw={500} id="chart-rubric-label">
            Rubric for the bar and box charts
          </Text>
          <SegmentedControl
            aria-labelledby="chart-rubric-label"
            data={groups.map((g) => ({ value: g.rubricId, label: rubricLabel(g.rubricId) }))}
            value={group.rubricId}
            onChange={setRubricId}
            style={{ alignSelf: 'flex-start' }}
          />
        </Stack>
      )}
      <SimpleGrid cols={{ base: 1, lg: group.criteria.length > 4 ? 1 : 2 }} spacing="lg">
        <Paper p="md">
          <CiBarChart
            models={results.models}
            criteria={group.criteria}
            stats={results.stats}
            title={`${groupTitle}: means with 95% intervals`}
            fileStem={`${fileStem}-${group.rubricId}`}
          />
        </Paper>
        <Paper p="md">
          <BoxPlotChart
            models={results.models}
            criteria={group.criteria}
            stats={results.stats}
            points={results.points}
            title={`${groupTitle}: spread per model`}
            fileStem={`${fileStem}-${group.rubricId}`}
          />
        </Paper>
      </SimpleGrid>
      <Paper p="md">
        <Stack gap="sm">
          <Select
            label="Criterion for the heatmap"
            data={results.criteria.map((c) => ({ value: c.id, label: `${c.label} (${rubricLabel(c.rubricId)})` }))}
            value={heat.id}
            onChange={setHeatmapCriterion}
            allowDeselect={false}
            maw={420}
          />
          {results.perScenario.length === 0 ? (
            <Text size="sm" c="dimmed">
              No scenario has a score yet.
            </Text>
          ) : (
            <HeatmapChart models={results.models} criterion={heat} perScenario={results.perScenario} fileStem={fileStem} />
          )}
        </Stack>
      </Paper>
      {(ctrsItems.length > 0 || (empathy && relevance)) && (
        <SimpleGrid cols={{ base: 1, lg: ctrsItems.length > 0 && empathy && relevance ? 2 : 1 }} spacing="lg">
          {ctrsItems.length > 0 && (
            <Paper p="md">
              <RadarChart models={results.models} items={ctrsItems} stats={results.stats} fileStem={fileStem} />
            </Paper>
          )}
          {empathy && relevance && (
            <Paper p="md">
              <ScatterChart models={results.models} x={empathy} y={relevance} points={results.points} fileStem={fileStem} />
            </Paper>
          )}
        </SimpleGrid>
      )}
    </Stack>
  );
}
