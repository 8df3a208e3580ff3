import { Button, Group, List, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { suggestRoleDefaults } from '../../../../shared/domain/model';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { roleLabels } from '../models/RoleDefaults';
import { useRoleDefaults, useSetRoleDefault } from '../models/useModels';

/**
 * After a connection test: a default model per role from what the provider lists, so the forms that
 * need a generator, a judge, a simulated client or a counselor start filled in instead of empty.
 */
export function SuggestedDefaults({ providerId, providerName, models }: { providerId: string; providerName: string; models: string[] }) {
  const suggested = suggestRoleDefaults(models);
  const current = useRoleDefaults();
  const setDefault = useSetRoleDefault();
  const apply = useMutation({
    mutationFn: async () => {
      for (const s of suggested) await setDefault.mutateAsync({ role: s.role, providerId, modelId: s.modelId });
    },
  });
  if (suggested.length === 0) return null;
  const inUse = suggested.every((s) =>
    current.data?.some((d) => d.role === s.role && d.providerId === providerId && d.modelId === s.modelId),
  );
  return (
    <Stack gap={6} component="section" aria-label={`Default models from ${providerName}`}>
      <Text size="sm" fw={600}>
        Default models for every form
      </Text>
      <List size="sm" spacing={0}>
        {suggested.map((s) => (
          <List.Item key={s.role}>
            {roleLabels[s.role].label}:{' '}
            <Text span ff="monospace" size="sm">
              {s.modelId}
            </Text>
          </List.Item>
        ))}
      </List>
      <Group gap="sm">
        <Button size="xs" variant={inUse ? 'default' : 'filled'} onClick={() => apply.mutate()} loading={apply.isPending} disabled={inUse}>
          {inUse ? 'These are the defaults' : 'Use these as defaults'}
        </Button>
        <Text size="xs" c="dimmed">
          Change any of them in Settings › Models.
        </Text>
      </Group>
      {apply.error && <ErrorAlert title="Could not set the defaults" error={apply.error} />}
    </Stack>
  );
}
