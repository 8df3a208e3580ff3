import { Alert, Anchor, Button, Group, MultiSelect, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { EvalSetView } from '../../../../shared/api/evaluation';
import { href } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Section } from '../../ui/Section';
import { useDatasetVersions, useEvalSetActions } from './useEvaluation';

/**
 * A scenario that is nearly a session the model was trained on flatters that model. The check
 * compares a frozen version of the set with the chosen dataset versions and lists the close pairs.
 */
export function LeakagePanel({ set }: { set: EvalSetView }) {
  const datasets = useDatasetVersions();
  const { leakage } = useEvalSetActions();
  const [versionId, setVersionId] = useState<string | null>(set.versions.at(-1)?.id ?? null);
  const [datasetVersionIds, setDatasetVersionIds] = useState<string[]>([]);
  const [checked, setChecked] = useState<string | null>(null);
  const key = `${versionId}|${datasetVersionIds.join(',')}`;
  const pairs = leakage.data && checked === key ? leakage.data : null;
  const datasetLabel = (id: string) => datasets.data?.find((d) => d.id === id)?.label ?? id;

  return (
    <Section label="Leakage check">
      <Title order={3} size="h4">
        Leakage check
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        A model trained on a session close to a test scenario has seen the answer. Check a frozen version of this set against the dataset
        versions the models were trained on.
      </Text>
      {set.versions.length === 0 ? (
        <Text size="sm">Freeze a version of the set first; the check runs on frozen versions.</Text>
      ) : datasets.isSuccess && datasets.data.length === 0 ? (
        <Text size="sm">
          No frozen dataset version in this project to compare with. Freeze one in <Anchor href={href('datasets')}>Datasets</Anchor>.
        </Text>
      ) : (
        <>
          <Group align="flex-end" gap="md">
            <Select
              label="Set version"
              data={set.versions.map((v) => ({ value: v.id, label: `v${v.version} · ${v.scenarios} scenarios` }))}
              value={versionId}
              onChange={setVersionId}
              allowDeselect={false}
              w={240}
            />
            <MultiSelect
              label="Dataset versions"
              placeholder={datasetVersionIds.length ? undefined : 'Choose the training data'}
              data={(datasets.data ?? []).map((d) => ({ value: d.id, label: d.label }))}
              value={datasetVersionIds}
              onChange={setDatasetVersionIds}
              searchable
              maxValues={20}
              miw={320}
              style={{ flex: 1 }}
            />
            <Button
              variant="light"
              disabled={!versionId || datasetVersionIds.length === 0}
              loading={leakage.isPending}
              onClick={() => {
                if (!versionId) return;
                setChecked(key);
                leakage.mutate({ versionId, datasetVersionIds });
              }}
            >
              Check for leakage
            </Button>
          </Group>
          {leakage.error && checked === key && <ErrorAlert title="Could not run the check" error={leakage.error} />}
          {pairs &&
            (pairs.length === 0 ? (
              <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} title="No leakage found" role="status">
                No scenario is a near duplicate of a training session in{' '}
                {datasetVersionIds.length === 1 ? 'that dataset version' : 'those dataset versions'}.
              </Alert>
            ) : (
              <Stack gap="xs">
                <Alert
                  color="orange"
                  variant="light"
                  icon={<IconAlertTriangle aria-hidden />}
                  title={`${pairs.length} close pair${pairs.length === 1 ? '' : 's'}`}
                  role="status"
                >
                  Consider removing these scenarios, or the sessions from the training data, and freezing again.
                </Alert>
                <Table.ScrollContainer minWidth={640}>
                  <Table aria-label="Leakage pairs" striped verticalSpacing={6}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">Scenario</Table.Th>
                        <Table.Th scope="col">Training session</Table.Th>
                        <Table.Th scope="col">Dataset version</Table.Th>
                        <Table.Th scope="col" style={{ textAlign: 'right' }}>
                          Similarity
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {pairs.map((p) => (
                        <Table.Tr key={`${p.scenarioId}|${p.sessionId}|${p.datasetVersionId}`}>
                          <Table.Td>{p.title}</Table.Td>
                          <Table.Td>
                            <Anchor href={href('library', p.sessionId)}>{p.sessionTitle}</Anchor>
                          </Table.Td>
                          <Table.Td>{datasetLabel(p.datasetVersionId)}</Table.Td>
                          <Table.Td style={{ textAlign: 'right' }}>{Math.round(p.similarity * 100)}%</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            ))}
        </>
      )}
    </Section>
  );
}
