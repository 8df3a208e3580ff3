import { List, Stack, Text, Title } from '@mantine/core';
import { holmFamilyLabel, type EvalResults } from '../../../../shared/api/evaluation';
import { findings, noFindingText } from '../../../../shared/domain/evalFindings';

/** What the run found, in the same words as the report's summary: every significant difference, or plainly none. */
export function Findings({ results }: { results: EvalResults }) {
  const found = findings(results);
  return (
    <Stack gap="xs" component="section" aria-label="Significant differences">
      <Title order={3} size="h4">
        Significant differences
      </Title>
      {found.length > 0 ? (
        <List size="sm" spacing={4}>
          {found.map((f) => (
            <List.Item key={`${f.comparison.criterion}|${f.comparison.a}|${f.comparison.b}`}>{f.text}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">{noFindingText(results)}</Text>
      )}
      <Text size="xs" c="dimmed" maw={820}>
        The unit is the scenario: seeds and repeats are averaged within each of the {results.scenarios ?? results.perScenario.length}{' '}
        scenarios before testing.
        {results.holm
          ? ` Holm's correction over ${holmFamilyLabel(results.holm.family, results.holm.tests)}, α = ${results.holm.alpha}.`
          : ''}
      </Text>
    </Stack>
  );
}
