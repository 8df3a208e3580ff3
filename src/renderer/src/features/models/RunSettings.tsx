import { NumberInput, Select, SimpleGrid, Stack, Switch, Autocomplete } from '@mantine/core';
import { useState } from 'react';
import type { ModelRole } from '../../../../shared/domain/model';
import { isChatModel } from '../../../../shared/domain/model';
import { useProviders } from '../providers/useProviders';
import { useModels, useRoleDefaults } from './useModels';

export interface RunSettingsValue {
  providerId: string | null;
  model: string;
  seed: number | undefined;
  budgetUsd: number | undefined;
  /** Through the provider's Batch API: half the price, answers within a day. */
  useBatch: boolean;
}

/** Provider and model start at the project's default for the role, once it has loaded. */
export function useRunSettings(role: ModelRole) {
  const defaults = useRoleDefaults();
  const [value, setValue] = useState<RunSettingsValue>({
    providerId: null,
    model: '',
    seed: undefined,
    budgetUsd: undefined,
    useBatch: false,
  });
  const fallback = defaults.data?.find((d) => d.role === role);
  const shown =
    !value.providerId && fallback?.providerId ? { ...value, providerId: fallback.providerId, model: fallback.modelId ?? '' } : value;
  return [shown, setValue] as const;
}

/** The run's fields as the API takes them; null until a provider and a model are chosen. */
export function runInput(value: RunSettingsValue) {
  if (!value.providerId || !value.model.trim()) return null;
  return {
    providerId: value.providerId,
    model: value.model.trim(),
    ...(value.seed !== undefined ? { seed: value.seed } : {}),
    ...(value.budgetUsd !== undefined ? { budgetUsd: value.budgetUsd } : {}),
    ...(value.useBatch ? { useBatch: true } : {}),
  };
}

export function RunSettings({
  value,
  onChange,
  label,
  seed = true,
}: {
  value: RunSettingsValue;
  onChange: (v: RunSettingsValue) => void;
  label: string;
  seed?: boolean;
}) {
  const providers = useProviders();
  const models = useModels(value.providerId);
  const modelOptions = [...new Set((models.data ?? []).map((m) => m.modelId).filter(isChatModel))];
  const offersBatch = providers.data?.find((p) => p.id === value.providerId)?.capabilities.batches === true;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <Select
          label={`${label} provider`}
          placeholder="Choose a provider"
          data={(providers.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={value.providerId}
          onChange={(providerId) => onChange({ ...value, providerId, model: '', useBatch: false })}
          allowDeselect={false}
        />
        <Autocomplete
          label={`${label} model`}
          placeholder="e.g. gpt-4o-mini"
          data={modelOptions}
          value={value.model}
          onChange={(model) => onChange({ ...value, model })}
        />
        {seed && (
          <NumberInput
            label="Seed"
            description="The same seed gives the same choices"
            min={0}
            allowDecimal={false}
            value={value.seed ?? ''}
            onChange={(v) => onChange({ ...value, seed: typeof v === 'number' ? v : undefined })}
          />
        )}
        <NumberInput
          label="Budget (USD)"
          description="Stops the run when reached"
          min={0.01}
          decimalScale={2}
          prefix="$"
          value={value.budgetUsd ?? ''}
          onChange={(v) => onChange({ ...value, budgetUsd: typeof v === 'number' && v > 0 ? v : undefined })}
        />
      </SimpleGrid>
      {offersBatch && (
        <Switch
          label="Cheaper and slower: send it as one Batch API batch"
          description="Half the price; the provider answers within a day. The job keeps polling, also after a restart."
          checked={value.useBatch}
          onChange={(e) => onChange({ ...value, useBatch: e.currentTarget.checked })}
        />
      )}
    </Stack>
  );
}
