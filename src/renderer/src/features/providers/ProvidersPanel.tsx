import { Button, EmptyState, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPlus, IconServer } from '@tabler/icons-react';
import { useState } from 'react';
import type { ProviderView } from '../../../../shared/domain/provider';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { QueryView } from '../../ui/QueryView';
import { AddProviderModal } from './AddProviderModal';
import { EditProviderModal } from './EditProviderModal';
import { ProviderCard } from './ProviderCard';
import { SetKeyModal } from './SetKeyModal';
import { usePresets, useProviders, useRemoveProvider } from './useProviders';

export function ProvidersPanel() {
  const providers = useProviders();
  const presets = usePresets();
  const remove = useRemoveProvider();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ProviderView | null>(null);
  const [keyFor, setKeyFor] = useState<ProviderView | null>(null);
  const [removing, setRemoving] = useState<ProviderView | null>(null);

  const closeRemove = () => {
    setRemoving(null);
    remove.reset();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed">Model servers this project can call: OpenAI, or any OpenAI-compatible endpoint.</Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
          Add provider
        </Button>
      </Group>
      <QueryView query={providers} loading="Loading providers…">
        {(list) =>
          list.length === 0 ? (
            <Paper>
              <EmptyState
                icon={<IconServer aria-hidden />}
                withIndicatorBackground
                title="No providers yet"
                description="Add one to test connections, run speed tests and, later, generate and judge sessions. A local server such as Ollama needs no key."
              >
                <EmptyState.Actions>
                  <Button onClick={() => setAdding(true)}>Add provider</Button>
                </EmptyState.Actions>
              </EmptyState>
            </Paper>
          ) : (
            <Stack gap="md">
              {list.map((p) => (
                <ProviderCard
                  key={p.id}
                  provider={p}
                  preset={presets.data?.find((x) => x.id === p.preset)}
                  onEdit={() => setEditing(p)}
                  onSetKey={() => setKeyFor(p)}
                  onRemove={() => setRemoving(p)}
                />
              ))}
            </Stack>
          )
        }
      </QueryView>
      <AddProviderModal opened={adding} onClose={() => setAdding(false)} />
      <EditProviderModal provider={editing} onClose={() => setEditing(null)} />
      <SetKeyModal provider={keyFor} onClose={() => setKeyFor(null)} />
      <ConfirmModal
        opened={removing !== null}
        title={`Remove ${removing?.name ?? 'provider'}?`}
        confirmLabel="Remove provider"
        busy={remove.isPending}
        error={remove.error}
        onClose={closeRemove}
        onConfirm={() => removing && remove.mutate(removing.id, { onSuccess: closeRemove })}
      >
        Its key is forgotten too. Calls already in the ledger stay.
      </ConfirmModal>
    </Stack>
  );
}
