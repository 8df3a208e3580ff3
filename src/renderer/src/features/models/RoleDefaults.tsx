import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { modelRoles, modelsForRole, type ModelRole, type RoleDefault } from '../../../../shared/domain/model';
import type { ProviderView } from '../../../../shared/domain/provider';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { useModels, useRoleDefaults, useSetRoleDefault } from './useModels';

export const roleLabels: Record<ModelRole, { label: string; does: string }> = {
  generator: { label: 'Generator', does: 'Writes synthetic sessions.' },
  judge: { label: 'Judge', does: 'Scores sessions against the rubric.' },
  patientSimulator: { label: 'Patient simulator', does: 'Plays the client when a model is tested.' },
  counselor: { label: 'Counselor', does: 'The base model under test, in evaluations and the arena.' },
  transcriber: { label: 'Transcriber', does: 'Turns imported audio and video into text.' },
};

export function RoleDefaults({ providers }: { providers: ProviderView[] }) {
  const defaults = useRoleDefaults();
  return (
    <QueryView query={defaults} loading="Loading default models…">
      {(list) => (
        <Stack gap="md">
          {modelRoles.map((role) => (
            <RoleRow key={role} role={role} current={list.find((d) => d.role === role)} providers={providers} />
          ))}
        </Stack>
      )}
    </QueryView>
  );
}

function RoleRow({ role, current, providers }: { role: ModelRole; current: RoleDefault | undefined; providers: ProviderView[] }) {
  const [providerId, setProviderId] = useState<string | null>(current?.providerId ?? null);
  const models = useModels(providerId);
  const save = useSetRoleDefault();
  const { label, does } = roleLabels[role];
  // Chat roles are offered chat models only; the transcriber speech models only.
  const modelOptions = modelsForRole(role, [...new Set((models.data ?? []).map((m) => m.modelId))]);
  const currentModel = current?.providerId === providerId ? (current?.modelId ?? null) : null;
  // A default typed in before the provider listed it still shows.
  if (currentModel && !modelOptions.includes(currentModel)) modelOptions.unshift(currentModel);
  return (
    <Stack gap={4}>
      <Group align="flex-start" gap="md" wrap="wrap">
        <Stack gap={0} w={220}>
          <Text fw={600}>{label}</Text>
          <Text size="sm" c="dimmed">
            {does}
          </Text>
        </Stack>
        <Select
          aria-label={`${label}: provider`}
          placeholder="Choose a provider"
          data={providers.map((p) => ({ value: p.id, label: p.name }))}
          value={providerId}
          onChange={setProviderId}
          style={{ flex: 1, minWidth: 200 }}
        />
        <Select
          aria-label={`${label}: model`}
          placeholder={
            providerId ? (modelOptions.length ? 'Choose a model' : 'Test the connection to list models') : 'Choose a provider first'
          }
          data={modelOptions}
          value={currentModel}
          searchable
          disabled={!providerId}
          onChange={(modelId) => providerId && save.mutate({ role, providerId, modelId })}
          style={{ flex: 1, minWidth: 200 }}
        />
        <Button
          variant="subtle"
          color="gray"
          disabled={!current?.modelId}
          aria-label={`Clear the ${label.toLowerCase()} default`}
          onClick={() => {
            setProviderId(null);
            save.mutate({ role, providerId: null, modelId: null });
          }}
        >
          Clear
        </Button>
      </Group>
      {current?.modelId && current.providerId !== providerId && (
        <Text size="sm" c="dimmed">
          Now: {providers.find((p) => p.id === current.providerId)?.name ?? 'a removed provider'} · {current.modelId}
        </Text>
      )}
      {save.isError && <ErrorAlert error={save.error} />}
    </Stack>
  );
}
