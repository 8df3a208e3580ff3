import { Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { PresetId, ProviderPreset } from '../../../../shared/domain/provider';
import { fieldErrors } from '../../lib/errors';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAddProvider, usePresets } from './useProviders';

export function AddProviderModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add a provider" size="lg">
      {/* Mounted only while open, so every opening starts from a clean form. */}
      {opened && <AddProviderForm onDone={onClose} />}
    </Modal>
  );
}

function AddProviderForm({ onDone }: { onDone: () => void }) {
  const presets = usePresets();
  const add = useAddProvider();
  const [presetId, setPresetId] = useState<PresetId>('openai');
  const [name, setName] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  const [concurrency, setConcurrency] = useState<number | null>(null);
  const preset: ProviderPreset | undefined = presets.data?.find((p) => p.id === presetId);
  const errors = fieldErrors(add.error);

  // Until the person types their own values, the fields follow the chosen preset.
  const shownName = nameTouched ? name : (preset?.label ?? '');
  const shownUrl = baseUrl ?? preset?.baseUrl ?? '';
  const shownConcurrency = concurrency ?? preset?.concurrency ?? 2;

  const choosePreset = (id: string | null) => {
    if (!id) return;
    setPresetId(id as PresetId);
    setBaseUrl(null);
    setConcurrency(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { name: shownName.trim(), preset: presetId, baseUrl: shownUrl.trim(), concurrency: shownConcurrency },
      { onSuccess: onDone },
    );
  };

  if (presets.isError)
    return <ErrorAlert title="Could not load the provider presets" error={presets.error} onRetry={() => void presets.refetch()} />;
  return (
    <form onSubmit={submit} aria-label="Add a provider">
      <Stack gap="md">
        <Select
          label="Kind of provider"
          data={(presets.data ?? []).map((p) => ({ value: p.id, label: p.label }))}
          value={presetId}
          onChange={choosePreset}
          allowDeselect={false}
          description={preset?.hint}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label="Name"
          description="How this provider is shown across the app."
          value={shownName}
          onChange={(e) => {
            setNameTouched(true);
            setName(e.currentTarget.value);
          }}
          error={errors.name}
          required
        />
        <TextInput
          label="Base URL"
          description="The address of its OpenAI-compatible API, usually ending in /v1."
          value={shownUrl}
          onChange={(e) => setBaseUrl(e.currentTarget.value)}
          error={errors.baseUrl}
          spellCheck={false}
          autoComplete="off"
          required
        />
        <NumberInput
          label="Concurrency"
          description="How many calls may run at once (1–64). Local servers usually want 1."
          value={shownConcurrency}
          onChange={(v) => setConcurrency(typeof v === 'number' ? v : null)}
          min={1}
          max={64}
          allowDecimal={false}
          error={errors.concurrency}
        />
        {preset?.needsKey && (
          <Text size="sm" c="dimmed">
            This provider needs an API key: set it after adding the provider.
          </Text>
        )}
        {add.isError && Object.keys(errors).length === 0 && <ErrorAlert title="Could not add the provider" error={add.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending}>
            Add provider
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
