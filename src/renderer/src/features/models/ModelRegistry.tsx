import { Badge, Button, Group, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ProviderView } from '../../../../shared/domain/provider';
import { queryKeys } from '../../api/queryKeys';
import { fieldErrors } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { useModels, useRegisterModel, useRemoveModel } from './useModels';

export function ModelRegistry({ providers }: { providers: ProviderView[] }) {
  const models = useModels(null);
  const remove = useRemoveModel();
  const nameOf = (id: string) => providers.find((p) => p.id === id)?.name ?? 'Removed provider';
  return (
    <Stack gap="lg">
      <RegisterForm providers={providers} />
      {remove.isError && <ErrorAlert error={remove.error} />}
      <QueryView query={models} loading="Loading the model registry…">
        {(list) =>
          list.length === 0 ? (
            <Text c="dimmed">No models yet. Test a provider's connection to list its models here, or register one above.</Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table aria-label="Model registry" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Model</Table.Th>
                    <Table.Th>Provider</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th>Added</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>
                        <Text ff="monospace" size="sm">
                          {m.modelId}
                        </Text>
                        {m.displayName !== m.modelId && (
                          <Text size="xs" c="dimmed">
                            {m.displayName}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{nameOf(m.providerId)}</Table.Td>
                      <Table.Td>
                        <Badge color={m.kind === 'fine-tuned' ? 'grape' : m.kind === 'registered' ? 'blue' : 'gray'}>{m.kind}</Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(m.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => remove.mutate(m.id)}
                          aria-label={`Remove ${m.modelId} from the registry`}
                        >
                          Remove
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
    </Stack>
  );
}

function RegisterForm({ providers }: { providers: ProviderView[] }) {
  const register = useRegisterModel();
  const queryClient = useQueryClient();
  const [providerId, setProviderId] = useState<string | null>(providers[0]?.id ?? null);
  const [modelId, setModelId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const errors = fieldErrors(register.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!providerId) return;
    register.mutate(
      { providerId, modelId: modelId.trim(), ...(displayName.trim() ? { displayName: displayName.trim() } : {}) },
      {
        onSuccess: () => {
          setModelId('');
          setDisplayName('');
          void queryClient.invalidateQueries({ queryKey: queryKeys.allModels });
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label="Register a model">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Register a model by its id when the provider does not list it, such as a local LoRA or an existing fine-tuned model.
        </Text>
        <Group align="flex-end" gap="sm">
          <Select
            label="Provider"
            data={providers.map((p) => ({ value: p.id, label: p.name }))}
            value={providerId}
            onChange={setProviderId}
            allowDeselect={false}
            w={220}
          />
          <TextInput
            label="Model id"
            placeholder="e.g. ft:gpt-4o-mini:lab::abc123"
            value={modelId}
            onChange={(e) => setModelId(e.currentTarget.value)}
            error={errors.modelId}
            spellCheck={false}
            style={{ flex: 1, minWidth: 220 }}
          />
          <TextInput label="Display name (optional)" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} w={220} />
          <Button type="submit" variant="light" disabled={!providerId || !modelId.trim()} loading={register.isPending}>
            Register model
          </Button>
        </Group>
        {register.isError && !errors.modelId && <ErrorAlert title="Could not register the model" error={register.error} />}
      </Stack>
    </form>
  );
}
