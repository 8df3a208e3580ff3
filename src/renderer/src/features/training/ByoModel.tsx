import {
  Alert,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPackageImport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ModelEntry } from '../../../../shared/domain/model';
import type { ProviderView } from '../../../../shared/domain/provider';
import { queryKeys } from '../../api/queryKeys';
import { fieldErrors } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { href } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { Section } from '../../ui/Section';
import { useModels, useRegisterModel } from '../models/useModels';
import { useProviders } from '../providers/useProviders';
import { BYO_FIELD_ID } from './OtherRoutes';
import { shortHash, versionLabel } from './trainingForm';
import { useFrozenVersions, type FrozenVersion } from './useFineTune';

/** A model trained anywhere (a LoRA served by vLLM or Ollama, an existing ft: id), registered with where it came from. */
export function ByoModel() {
  const providers = useProviders();
  const versions = useFrozenVersions();
  return (
    <Section label="Bring your own model">
      <Title order={2} size="h3">
        Bring your own model
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        Trained it yourself, or elsewhere? Register the model id at the provider that serves it, such as a LoRA served by vLLM or Ollama, or
        an existing ft: model, with the base model and dataset version it came from.
      </Text>
      <QueryView query={providers} loading="Loading the providers…">
        {(list) =>
          list.length === 0 ? (
            <Alert variant="light" color="yellow" title="No provider yet" role="status">
              <Text size="sm">
                Add the provider that serves the model (Ollama, vLLM, OpenAI…) in{' '}
                <Anchor href={href('settings', 'providers')}>Settings › Providers</Anchor>, then register it here.
              </Text>
            </Alert>
          ) : (
            <RegisterForm providers={list} versions={versions.data ?? []} />
          )
        }
      </QueryView>
      <TrainedModels providers={providers.data ?? []} versions={versions.data ?? []} />
    </Section>
  );
}

function RegisterForm({ providers, versions }: { providers: ProviderView[]; versions: FrozenVersion[] }) {
  const register = useRegisterModel();
  const queryClient = useQueryClient();
  const [providerId, setProviderId] = useState<string | null>(null);
  const [modelId, setModelId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [baseModel, setBaseModel] = useState('');
  const [versionId, setVersionId] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [registered, setRegistered] = useState<string | null>(null);
  const chosenProvider = providerId ?? providers[0]?.id ?? null;
  const errors = fieldErrors(register.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosenProvider || !modelId.trim()) return;
    const version = versions.find((v) => v.id === versionId);
    const lineage: Record<string, unknown> = {
      source: 'registered',
      ...(baseModel.trim() ? { baseModel: baseModel.trim() } : {}),
      ...(version
        ? {
            datasetVersionId: version.id,
            datasetId: version.datasetId,
            datasetName: version.datasetName,
            datasetVersion: version.version,
            datasetHash: version.contentHash,
          }
        : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    };
    register.mutate(
      { providerId: chosenProvider, modelId: modelId.trim(), ...(displayName.trim() ? { displayName: displayName.trim() } : {}), lineage },
      {
        onSuccess: (entry) => {
          setRegistered(entry.modelId);
          setModelId('');
          setDisplayName('');
          setBaseModel('');
          setVersionId(null);
          setNotes('');
          void queryClient.invalidateQueries({ queryKey: queryKeys.allModels });
        },
      },
    );
  };
  const change =
    <T,>(setter: (v: T) => void) =>
    (v: T) => {
      setter(v);
      setRegistered(null);
      register.reset();
    };

  return (
    <form onSubmit={submit} aria-label="Register a model">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <Select
            label="Provider"
            description="Where the model is served"
            data={providers.map((p) => ({ value: p.id, label: p.name }))}
            value={chosenProvider}
            onChange={change(setProviderId)}
            allowDeselect={false}
          />
          <TextInput
            id={BYO_FIELD_ID}
            label="Model id"
            description="As the provider names it"
            placeholder="e.g. esconv-lora or ft:gpt-4o-mini-2024-07-18:lab::abc123"
            value={modelId}
            onChange={(e) => change(setModelId)(e.currentTarget.value)}
            error={errors.modelId}
            spellCheck={false}
            required
          />
          <TextInput
            label="Display name (optional)"
            description="How the app shows it"
            value={displayName}
            onChange={(e) => change(setDisplayName)(e.currentTarget.value)}
            error={errors.displayName}
          />
          <TextInput
            label="Base model (optional)"
            description="What it was trained from"
            placeholder="e.g. meta-llama/Llama-3.1-8B-Instruct"
            value={baseModel}
            onChange={(e) => change(setBaseModel)(e.currentTarget.value)}
            spellCheck={false}
          />
          <Select
            label="Dataset version (optional)"
            description={versions.length === 0 ? 'No frozen versions in this project yet' : 'The frozen version it was trained on'}
            placeholder="Not from this project"
            data={versions.map((v) => ({ value: v.id, label: versionLabel(v) }))}
            value={versionId}
            onChange={change(setVersionId)}
            clearable
            searchable
            disabled={versions.length === 0}
          />
          <Textarea
            label="Notes (optional)"
            description="How it was trained: tool, LoRA rank, epochs…"
            autosize
            minRows={1}
            maxRows={4}
            value={notes}
            onChange={(e) => change(setNotes)(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Group gap="sm">
          <Button
            type="submit"
            variant="light"
            leftSection={<IconPackageImport size={18} aria-hidden />}
            disabled={!chosenProvider || !modelId.trim()}
            loading={register.isPending}
          >
            Register model
          </Button>
          {registered && (
            <Text size="sm" role="status">
              Registered {registered}.
            </Text>
          )}
        </Group>
        {register.isError && Object.keys(errors).length === 0 && <ErrorAlert title="Could not register the model" error={register.error} />}
      </Stack>
    </form>
  );
}

function TrainedModels({ providers, versions }: { providers: ProviderView[]; versions: FrozenVersion[] }) {
  const models = useModels(null);
  const nameOf = (id: string) => providers.find((p) => p.id === id)?.name ?? 'Removed provider';
  return (
    <Stack gap="xs" component="section" aria-label="Trained and registered models">
      <Title order={3} size="h4">
        Trained and registered models
      </Title>
      <QueryView query={models} loading="Loading the model registry…">
        {(all) => {
          const list = all.filter((m) => m.kind !== 'base').sort((a, b) => b.createdAt - a.createdAt);
          return list.length === 0 ? (
            <EmptyState
              size="sm"
              icon={<IconPackageImport aria-hidden />}
              withIndicatorBackground
              title="No trained or registered models yet"
              description="A successful training run adds its model here; a model trained elsewhere can be registered above."
            />
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table aria-label="Trained and registered models" striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Model</Table.Th>
                    <Table.Th scope="col">Provider</Table.Th>
                    <Table.Th scope="col">Kind</Table.Th>
                    <Table.Th scope="col">Lineage</Table.Th>
                    <Table.Th scope="col">Added</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>
                        <Text ff="monospace" size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {m.modelId}
                        </Text>
                        {m.displayName !== m.modelId && (
                          <Text size="xs" c="dimmed">
                            {m.displayName}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{nameOf(m.providerId)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={m.kind === 'fine-tuned' ? 'grape' : 'blue'}>{m.kind}</Badge>
                      </Table.Td>
                      <Table.Td>
                        <Lineage entry={m} versions={versions} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(m.createdAt)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          );
        }}
      </QueryView>
    </Stack>
  );
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Lineage is free-form JSON: only the parts this app writes are read, each if present. */
function Lineage({ entry, versions }: { entry: ModelEntry; versions: FrozenVersion[] }) {
  const l = entry.lineage ?? {};
  const baseModel = str(l.baseModel);
  const versionId = str(l.datasetVersionId);
  const version = versions.find((v) => v.id === versionId);
  const datasetName = version?.datasetName ?? str(l.datasetName);
  const datasetVersion = version?.version ?? (typeof l.datasetVersion === 'number' ? l.datasetVersion : null);
  const hash = version?.contentHash ?? str(l.datasetHash);
  const runId = str(l.trainingRunId);
  const notes = str(l.notes);
  const parts = [
    baseModel ? `from ${baseModel}` : null,
    datasetName || datasetVersion !== null
      ? `on ${datasetName ?? 'a dataset'}${datasetVersion !== null ? ` v${datasetVersion}` : ''}${hash ? ` (hash ${shortHash(hash)})` : ''}`
      : null,
  ].filter(Boolean);
  if (parts.length === 0 && !runId && !notes) {
    return (
      <Text size="sm" c="dimmed">
        Not recorded
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      {parts.length > 0 && <Text size="sm">{parts.join(' ')}</Text>}
      {runId && (
        <Text size="sm">
          <Anchor href={href('finetune', runId)}>Open its training run</Anchor>
        </Text>
      )}
      {notes && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          {notes}
        </Text>
      )}
    </Stack>
  );
}
