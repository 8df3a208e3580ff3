import { Alert, Anchor, Autocomplete, Badge, Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { IconCircleCheck, IconCoin } from '@tabler/icons-react';
import { useState } from 'react';
import type { DatasetVersionView } from '../../../../shared/api/datasets';
import { formatCount, formatUsd } from '../../lib/format';
import { href } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useDatasetActions } from './useDatasets';

/** Suggested fine-tuning snapshots; any id can be typed. */
const trainableModels = ['gpt-4o-mini-2024-07-18', 'gpt-4.1-mini-2025-04-14', 'gpt-4.1-2025-04-14', 'gpt-4o-2024-08-06'];

/** The OpenAI format checks per example, and what training would cost. */
export function ValidatePanel({ version }: { version: DatasetVersionView }) {
  const { validate } = useDatasetActions();
  const [model, setModel] = useState('gpt-4o-mini-2024-07-18');
  const [epochs, setEpochs] = useState(3);
  const report = validate.data;
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm">
        <Autocomplete
          label="Target model"
          description="Its training price prices the run"
          data={trainableModels}
          value={model}
          onChange={setModel}
          w={280}
        />
        <NumberInput
          label="Epochs"
          min={1}
          max={50}
          allowDecimal={false}
          value={epochs}
          onChange={(v) => setEpochs(typeof v === 'number' ? v : 1)}
          w={120}
        />
        <Button
          onClick={() => validate.mutate({ versionId: version.id, epochs, ...(model.trim() ? { model: model.trim() } : {}) })}
          loading={validate.isPending}
        >
          Check the format
        </Button>
      </Group>
      {validate.error && <ErrorAlert error={validate.error} />}
      {report && (
        <Stack gap="sm" role="region" aria-label="Validation report">
          {report.ok ? (
            <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} title="Ready to train">
              All {formatCount(report.examples)} examples pass OpenAI's chat-format checks and the limit of {formatCount(report.tokenLimit)}{' '}
              tokens per example
              {report.warnings ? `, with ${formatCount(report.warnings)} warning${report.warnings === 1 ? '' : 's'} below` : ''}.{' '}
              <Anchor href={href('finetune')}>Fine-tune it</Anchor>.
            </Alert>
          ) : (
            <Alert
              color="red"
              variant="light"
              title={`${formatCount(report.errors)} error${report.errors === 1 ? '' : 's'} to fix before training`}
            >
              Each is listed with its example number in the training (or validation) file and the session it came from. Edit the session in
              the Library, then freeze a new version.
            </Alert>
          )}
          {report.trainingCost && (
            <Alert
              color="blue"
              variant="light"
              icon={<IconCoin aria-hidden />}
              title="Training cost"
              role="status"
              aria-label="Training cost"
            >
              {report.trainingCost.costUsd === null ? 'Unknown. ' : `About ${formatUsd(report.trainingCost.costUsd)}. `}
              {report.trainingCost.basis}
            </Alert>
          )}
          {report.issues.length > 0 && (
            <Table.ScrollContainer minWidth={640}>
              <Table aria-label="Issues by example" verticalSpacing={4} striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Example</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th>What to fix</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.issues.map((i, n) => (
                    <Table.Tr key={n}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {i.example === 0 ? (
                          'Whole file'
                        ) : i.sessionId ? (
                          <Anchor href={href('library', i.sessionId)}>#{i.example}</Anchor>
                        ) : (
                          `#${i.example}`
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={i.severity === 'error' ? 'red' : 'yellow'} variant="light">
                          {i.severity}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{i.message}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </Stack>
  );
}
