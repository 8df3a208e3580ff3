import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ProviderView } from '../../../../shared/domain/provider';
import { fieldErrors } from '../../lib/errors';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useUpdateProvider } from './useProviders';

export function EditProviderModal({ provider, onClose }: { provider: ProviderView | null; onClose: () => void }) {
  return (
    <Modal opened={provider !== null} onClose={onClose} title={provider ? `Edit ${provider.name}` : 'Edit provider'} size="lg">
      {provider && <EditProviderForm provider={provider} onDone={onClose} />}
    </Modal>
  );
}

const asNumber = (v: number | string, fallback: number) => (typeof v === 'number' ? v : fallback);

function EditProviderForm({ provider, onDone }: { provider: ProviderView; onDone: () => void }) {
  const update = useUpdateProvider();
  const [name, setName] = useState(provider.name);
  const [baseUrl, setBaseUrl] = useState(provider.baseUrl);
  const [concurrency, setConcurrency] = useState(provider.concurrency);
  const [timeoutSec, setTimeoutSec] = useState(Math.round(provider.timeoutMs / 1000));
  const [maxRetries, setMaxRetries] = useState(provider.maxRetries);
  const [apiKeyEnv, setApiKeyEnv] = useState(provider.apiKeyEnv ?? '');
  const errors = fieldErrors(update.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      {
        id: provider.id,
        name: name.trim(),
        baseUrl: baseUrl.trim(),
        concurrency,
        timeoutMs: timeoutSec * 1000,
        maxRetries,
        apiKeyEnv: apiKeyEnv.trim() ? apiKeyEnv.trim() : null,
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={submit} aria-label={`Edit ${provider.name}`}>
      <Stack gap="md">
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required />
        <TextInput
          label="Base URL"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.currentTarget.value)}
          error={errors.baseUrl}
          spellCheck={false}
          required
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label="Concurrency"
            description="1–64 calls at once"
            value={concurrency}
            onChange={(v) => setConcurrency(asNumber(v, concurrency))}
            min={1}
            max={64}
            allowDecimal={false}
            error={errors.concurrency}
          />
          <NumberInput
            label="Timeout (seconds)"
            description="Per call, 1–600"
            value={timeoutSec}
            onChange={(v) => setTimeoutSec(asNumber(v, timeoutSec))}
            min={1}
            max={600}
            allowDecimal={false}
            error={errors.timeoutMs}
          />
          <NumberInput
            label="Retries"
            description="After a failure, 0–10"
            value={maxRetries}
            onChange={(v) => setMaxRetries(asNumber(v, maxRetries))}
            min={0}
            max={10}
            allowDecimal={false}
            error={errors.maxRetries}
          />
        </SimpleGrid>
        <TextInput
          label="API key environment variable"
          description="Optional. Browser mode and the command line read the key from this variable when no key is set here."
          placeholder="e.g. OPENAI_API_KEY"
          value={apiKeyEnv}
          onChange={(e) => setApiKeyEnv(e.currentTarget.value)}
          error={errors.apiKeyEnv}
          spellCheck={false}
        />
        {update.isError && Object.keys(errors).length === 0 && <ErrorAlert title="Could not save the changes" error={update.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
