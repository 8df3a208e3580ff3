import { Autocomplete, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ModelRole } from '../../../../shared/domain/model';
import { isChatModel } from '../../../../shared/domain/model';
import { useModels, useRoleDefaults } from './useModels';
import { useProviders } from '../providers/useProviders';

export interface ProviderModel {
  providerId: string | null;
  model: string;
}

/** A provider and model that start at the project's default for the role, once it has loaded, until the person picks. */
export function useRoleModel(role: ModelRole) {
  const defaults = useRoleDefaults();
  const [value, setValue] = useState<ProviderModel | null>(null);
  const fallback = defaults.data?.find((d) => d.role === role);
  const shown: ProviderModel = value ?? { providerId: fallback?.providerId ?? null, model: fallback?.modelId ?? '' };
  return [shown, setValue] as const;
}

/**
 * Provider and model as two labelled fields; the model is offered from the registry but may be typed.
 * `children` are more fields in the same grid (a temperature, a seed); `cols` is its width from small
 * screens up, and another for large ones.
 */
export function ModelFields({
  label,
  value,
  onChange,
  description,
  cols = 2,
  children,
}: {
  label: string;
  value: ProviderModel;
  onChange: (v: ProviderModel) => void;
  description?: string;
  cols?: number | { sm: number; lg: number };
  children?: React.ReactNode;
}) {
  const providers = useProviders();
  const models = useModels(value.providerId);
  const options = [...new Set((models.data ?? []).map((m) => m.modelId).filter(isChatModel))];
  return (
    <Stack gap={4}>
      <SimpleGrid cols={{ base: 1, ...(typeof cols === 'number' ? { sm: cols } : cols) }} spacing="sm">
        <Select
          label={`${label} provider`}
          placeholder={providers.data?.length === 0 ? 'No provider yet' : 'Choose a provider'}
          data={(providers.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={value.providerId}
          onChange={(providerId) => onChange({ providerId, model: '' })}
          allowDeselect={false}
        />
        <Autocomplete
          label={`${label} model`}
          placeholder="e.g. gpt-4o-mini"
          data={options}
          value={value.model}
          onChange={(model) => onChange({ ...value, model })}
          spellCheck={false}
        />
        {children}
      </SimpleGrid>
      {description && (
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      )}
    </Stack>
  );
}
