import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReviewContext } from '../../../../shared/api/judging';
import { formatUsd } from '../../lib/format';

const cognitiveModelLabels: [string, string][] = [
  ['situation', 'Situation'],
  ['automaticThought', 'Automatic thought'],
  ['emotion', 'Emotion'],
  ['behaviour', 'Behaviour'],
  ['coreBelief', 'Core belief'],
];

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** Where a synthetic session came from: its scenario (with the hidden cognitive model), its persona, and how it was made. */
export function SessionOrigin({ context }: { context: ReviewContext }) {
  const { scenario, persona, provenance } = context;
  if (!scenario) {
    return (
      <Text size="sm" c="dimmed">
        No scenario: this session was imported or written by hand.
      </Text>
    );
  }
  const model = scenario.cognitiveModel;
  const prompt = provenance?.prompt as { name?: string; version?: number } | undefined;
  return (
    <Paper p="sm" withBorder component="section" aria-label="Scenario">
      <Stack gap="xs">
        <Group gap="xs" justify="space-between">
          <Title order={3} size="h4">
            Scenario
          </Title>
          <Group gap={4}>
            {scenario.distortions.map((d) => (
              <Badge key={d} variant="light">
                {d.replace(/-/g, ' ')}
              </Badge>
            ))}
          </Group>
        </Group>
        <Text size="sm" fw={600}>
          {scenario.summary}
        </Text>
        <Text size="sm">{scenario.scenario}</Text>
        <Table aria-label="Hidden cognitive model" verticalSpacing={2} withRowBorders={false}>
          <Table.Tbody>
            {cognitiveModelLabels.flatMap(([key, label]) => {
              const value = text(model[key]);
              return value
                ? [
                    <Table.Tr key={key}>
                      <Table.Th scope="row" fw={500} w={150}>
                        <Text size="xs" c="dimmed">
                          {label}
                        </Text>
                      </Table.Th>
                      <Table.Td>
                        <Text size="sm">{value}</Text>
                      </Table.Td>
                    </Table.Tr>,
                  ]
                : [];
            })}
          </Table.Tbody>
        </Table>
        {persona && (
          <Text size="xs" c="dimmed">
            Client: {persona.name}, {persona.cell.style} style, {persona.cell.ageBand}, {persona.cell.severity} severity,{' '}
            {persona.cell.riskLevel} risk.
          </Text>
        )}
        {provenance && (
          <Text size="xs" c="dimmed">
            Written by {String(provenance.model ?? 'an unknown model')}
            {prompt?.name ? ` with prompt “${prompt.name}” v${prompt.version ?? '?'}` : ''}
            {typeof provenance.seed === 'number' ? `, seed ${provenance.seed}` : ''}
            {typeof provenance.costUsd === 'number' ? `, cost ${formatUsd(provenance.costUsd)}` : ''}
            {provenance.batch === true ? ', through the Batch API' : ''}.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
