import { NumberInput, Stack, Switch } from '@mantine/core';
import { useState } from 'react';
import type { ModelRole } from '../../../../shared/domain/model';
import { useProviders } from '../providers/useProviders';
import { ModelFields, useRoleModel, type ProviderModel } from './ModelFields';

export interface RunSettingsValue extends ProviderModel {
  seed: number | undefined;
  budgetUsd: number | undefined;
  /** Through the provider's Batch API: half the price, answers within a day. */
  useBatch: boolean;
}

/** Provider and model start at the project's default for the role (as useRoleModel's do), once it has loaded. */
export function useRunSettings(role: ModelRole) {
  const [chosen, setChosen] = useRoleModel(role);
  const [rest, setRest] = useState<Omit<RunSettingsValue, keyof ProviderModel>>({ seed: undefined, budgetUsd: undefined, useBatch: false });
  const setValue = ({ providerId, model, ...others }: RunSettingsValue) => {
    // A seed or budget edit leaves the model alone: fixing it here would keep a default that has not loaded yet from ever showing.
    if (providerId !== chosen.providerId || model !== chosen.model) setChosen({ providerId, model });
    setRest(others);
  };
  return [{ ...chosen, ...rest }, setValue] as const;
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

/** A generation or judging run's model (ModelFields), seed and budget, and the Batch API where the provider offers it. */
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
  const offersBatch = providers.data?.find((p) => p.id === value.providerId)?.capabilities.batches === true;
  return (
    <Stack gap="xs">
      <ModelFields
        label={label}
        cols={{ sm: 2, lg: 4 }}
        value={value}
        // Another provider may not offer batches.
        onChange={(chosen) => onChange({ ...value, ...chosen, useBatch: chosen.providerId === value.providerId && value.useBatch })}
      >
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
      </ModelFields>
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
