import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconKey, IconPlugConnected } from '@tabler/icons-react';
import type { ProviderPreset, ProviderView, Capabilities } from '../../../../shared/domain/provider';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { capabilityLabels, describeKey } from './keyStatus';
import { SuggestedDefaults } from './SuggestedDefaults';
import { TestResult } from './TestResult';
import { useAllowKeyEnv, useClearKey, useTestProvider } from './useProviders';

interface ProviderCardProps {
  provider: ProviderView;
  preset: ProviderPreset | undefined;
  onEdit: () => void;
  onSetKey: () => void;
  onRemove: () => void;
}

export function ProviderCard({ provider, preset, onEdit, onSetKey, onRemove }: ProviderCardProps) {
  const test = useTestProvider();
  const clearKey = useClearKey();
  const allowEnv = useAllowKeyEnv();
  const held = provider.key.heldBack;
  const capabilities = (Object.keys(capabilityLabels) as (keyof Capabilities)[]).filter((c) => provider.capabilities[c]);
  const keyText = describeKey(provider);
  const needsKey = preset?.needsKey === true && !provider.key.hasKey;
  return (
    <Paper component="article" aria-label={provider.name}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Title order={3}>{provider.name}</Title>
            <Text size="sm" c="dimmed">
              {preset?.label ?? provider.preset} · {provider.baseUrl}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" size="xs" onClick={onEdit}>
              Edit
            </Button>
            <Button variant="subtle" color="red" size="xs" onClick={onRemove}>
              Remove
            </Button>
          </Group>
        </Group>
        <Group gap="xs">
          <IconKey size={16} aria-hidden />
          <Text size="sm" c={needsKey ? 'orange.8' : undefined} data-testid="key-status">
            {keyText}
            {needsKey ? ' · this provider needs one' : ''}
          </Text>
        </Group>
        {held && (
          <Alert
            color="orange"
            title={held.reason === 'env-not-chosen-here' ? `Use your ${held.env} variable here?` : 'The key was set for another address'}
          >
            <Stack gap="xs">
              <Text size="sm">
                {held.reason === 'env-not-chosen-here'
                  ? `This project asks for the key in your ${held.env} environment variable, which would be sent to ${held.baseUrl}. Nobody chose that on this computer; allow it only if you trust that address.`
                  : `The key is not sent to ${held.baseUrl}. Set the key again if this address is right.`}
              </Text>
              {held.reason === 'env-not-chosen-here' && (
                <Group>
                  <Button size="xs" color="orange" onClick={() => allowEnv.mutate(provider.id)} loading={allowEnv.isPending}>
                    Allow {held.env} for this address
                  </Button>
                </Group>
              )}
              {allowEnv.isError && <ErrorAlert error={allowEnv.error} />}
            </Stack>
          </Alert>
        )}
        <Group gap={6} aria-label="Capabilities">
          {capabilities.map((c) => (
            <Badge key={c} color="sea" variant="light" size="sm">
              {capabilityLabels[c]}
            </Badge>
          ))}
          <Badge color="gray" variant="outline" size="sm">
            {provider.concurrency} at once
          </Badge>
        </Group>
        <Group gap="sm">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlugConnected size={16} aria-hidden />}
            onClick={() => test.mutate(provider.id)}
            loading={test.isPending}
          >
            Test connection
          </Button>
          <Button size="xs" variant="default" onClick={onSetKey}>
            {provider.key.hasKey && provider.key.storage !== 'env' ? 'Replace key' : 'Set key'}
          </Button>
          {provider.key.hasKey && provider.key.storage !== 'env' && (
            <Button size="xs" variant="subtle" color="gray" onClick={() => clearKey.mutate(provider.id)} loading={clearKey.isPending}>
              Forget key
            </Button>
          )}
        </Group>
        {clearKey.isError && <ErrorAlert error={clearKey.error} />}
        {test.isError && <ErrorAlert title="The connection test failed" error={test.error} />}
        {test.isSuccess && <TestResult result={test.data} providerName={provider.name} />}
        {test.isSuccess && test.data.ok && (
          <SuggestedDefaults providerId={provider.id} providerName={provider.name} models={test.data.models} />
        )}
      </Stack>
    </Paper>
  );
}
