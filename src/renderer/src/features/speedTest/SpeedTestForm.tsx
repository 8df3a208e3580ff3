import { Anchor, Autocomplete, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { ProviderView } from '../../../../shared/domain/provider';
import { fieldErrors } from '../../lib/errors';
import { numberOrEmpty } from '../../lib/forms';
import { href } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useJobsPanel } from '../jobs/jobsPanel';
import { useModels } from '../models/useModels';
import { useStartSpeedTest } from './useSpeedTest';
import { isChatModel } from '../../../../shared/domain/model';

export function SpeedTestForm({ providers }: { providers: ProviderView[] }) {
  const chatProviders = providers.filter((p) => p.capabilities.chat);
  const [providerId, setProviderId] = useState<string | null>(chatProviders[0]?.id ?? null);
  const provider = chatProviders.find((p) => p.id === providerId);
  const models = useModels(providerId);
  const [model, setModel] = useState('');
  const [calls, setCalls] = useState<number | ''>(20);
  const [concurrency, setConcurrency] = useState<number | ''>('');
  const [maxTokens, setMaxTokens] = useState<number | ''>(64);
  const [budget, setBudget] = useState<number | ''>('');
  const start = useStartSpeedTest();
  const panel = useJobsPanel();
  const errors = fieldErrors(start.error);
  const shownConcurrency = concurrency === '' ? (provider?.concurrency ?? 1) : concurrency;

  if (chatProviders.length === 0) {
    return (
      <Text c="dimmed">
        A speed test needs a provider that can chat. <Anchor href={href('settings', 'providers')}>Add a provider</Anchor> first.
      </Text>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!providerId) return;
    start.mutate(
      {
        providerId,
        model: model.trim(),
        calls: calls === '' ? 20 : calls,
        concurrency: shownConcurrency,
        maxTokens: maxTokens === '' ? 64 : maxTokens,
        budgetUsd: budget === '' ? null : budget,
      },
      { onSuccess: panel.open },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Start a speed test">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label="Provider"
            data={chatProviders.map((p) => ({ value: p.id, label: p.name }))}
            value={providerId}
            onChange={(id) => {
              setProviderId(id);
              setConcurrency('');
            }}
            allowDeselect={false}
          />
          <Autocomplete
            label="Model"
            placeholder={models.data?.length ? 'Choose or type a model' : 'Type a model id, or test the connection to list models'}
            data={[...new Set((models.data ?? []).map((m) => m.modelId).filter(isChatModel))]}
            value={model}
            onChange={setModel}
            error={errors.model}
            required
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <NumberInput
            label="Calls"
            description="1–1000"
            value={calls}
            onChange={(v) => setCalls(numberOrEmpty(v))}
            min={1}
            max={1000}
            allowDecimal={false}
            error={errors.calls}
          />
          <NumberInput
            label="Concurrency"
            description={`1–64; the provider allows ${provider?.concurrency ?? 1}`}
            value={shownConcurrency}
            onChange={(v) => setConcurrency(numberOrEmpty(v))}
            min={1}
            max={64}
            allowDecimal={false}
            error={errors.concurrency}
          />
          <NumberInput
            label="Max tokens per answer"
            description="1–4096"
            value={maxTokens}
            onChange={(v) => setMaxTokens(numberOrEmpty(v))}
            min={1}
            max={4096}
            allowDecimal={false}
            error={errors.maxTokens}
          />
          <NumberInput
            label="Budget cap (USD)"
            description="Optional"
            value={budget}
            onChange={(v) => setBudget(numberOrEmpty(v))}
            min={0.01}
            decimalScale={2}
            prefix="$"
            error={errors.budgetUsd}
          />
        </SimpleGrid>
        {start.isError && Object.keys(errors).length === 0 && <ErrorAlert title="Could not start the speed test" error={start.error} />}
        <Group>
          <Button type="submit" leftSection={<IconPlayerPlay size={16} aria-hidden />} loading={start.isPending} disabled={!model.trim()}>
            Start speed test
          </Button>
          <Text size="sm" c="dimmed">
            Runs as a job: follow it in the Jobs panel.
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
