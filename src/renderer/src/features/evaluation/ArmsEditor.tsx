import {
  ActionIcon,
  Alert,
  Anchor,
  Autocomplete,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ModelEntry } from '../../../../shared/domain/model';
import type { ProviderView } from '../../../../shared/domain/provider';
import { href } from '../../lib/router';
import { TemperatureInput } from '../../ui/TemperatureInput';
import { labelFor, MAX_ARMS, newArm, suggestedLabels, type ArmDraft } from './runForm';

const kindGroups: { kind: ModelEntry['kind']; label: string }[] = [
  { kind: 'base', label: 'Base models' },
  { kind: 'fine-tuned', label: 'Fine-tuned' },
  { kind: 'registered', label: 'Registered' },
];

const kindLabel: Record<ModelEntry['kind'], string> = { base: 'Base model', 'fine-tuned': 'Fine-tuned', registered: 'Registered' };

/** The models under test: each arm is a registry model with a label, and optionally its own prompt and temperature. */
export function ArmsEditor({
  arms,
  onChange,
  registry,
  providers,
}: {
  arms: ArmDraft[];
  onChange: (arms: ArmDraft[]) => void;
  registry: ModelEntry[];
  providers: ProviderView[];
}) {
  const providerName = (id: string) => providers.find((p) => p.id === id)?.name ?? 'Removed provider';
  const data = kindGroups
    .map((g) => ({
      group: g.label,
      items: registry
        .filter((e) => e.kind === g.kind)
        .map((e) => ({
          value: e.id,
          label: `${e.modelId}${e.displayName !== e.modelId ? ` · ${e.displayName}` : ''} · ${providerName(e.providerId)}`,
        })),
    }))
    .filter((g) => g.items.length > 0);
  const update = (key: number, patch: Partial<ArmDraft>) => onChange(arms.map((a) => (a.key === key ? { ...a, ...patch } : a)));

  if (registry.length === 0) {
    return (
      <Alert color="yellow" variant="light" title="No model in the registry yet" role="status">
        <Text size="sm">
          Test a provider in <Anchor href={href('settings', 'providers')}>Settings › Providers</Anchor> to list its models, train one in{' '}
          <Anchor href={href('finetune')}>Fine-tune</Anchor>, or register one you trained elsewhere.
        </Text>
      </Alert>
    );
  }

  return (
    <Stack gap="sm">
      {arms.map((arm, i) => {
        const chosen = registry.find((e) => e.id === arm.entryId);
        return (
          <Paper key={arm.key} p="sm" role="group" aria-label={`Arm ${i + 1}`}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Text fw={600}>
                  Arm {i + 1}
                  {arm.label.trim() ? `: ${arm.label.trim()}` : ''}
                </Text>
                {arms.length > 1 && (
                  <Tooltip label="Remove this arm">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove arm ${i + 1}`}
                      onClick={() => onChange(arms.filter((a) => a.key !== arm.key))}
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
              <Grid gap="sm">
                <Grid.Col span={{ base: 12, md: 6 }}>
                  <Select
                    label="Model"
                    placeholder="Choose from the registry"
                    description={
                      chosen
                        ? [kindLabel[chosen.kind], chosen.displayName !== chosen.modelId ? chosen.displayName : null]
                            .filter(Boolean)
                            .join(' · ')
                        : 'Base, fine-tuned or registered'
                    }
                    data={data}
                    value={arm.entryId}
                    searchable
                    nothingFoundMessage="No model matches"
                    onChange={(entryId) => {
                      const entry = registry.find((e) => e.id === entryId);
                      update(arm.key, { entryId, ...(entry && !arm.label.trim() ? { label: labelFor(entry) } : {}) });
                    }}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                  <Autocomplete
                    label="Label"
                    description="How the results name it"
                    data={suggestedLabels}
                    value={arm.label}
                    maxLength={60}
                    onChange={(label) => update(arm.key, { label })}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
                  <TemperatureInput
                    description="Empty: the provider's default"
                    value={arm.temperature}
                    onChange={(v) => update(arm.key, { temperature: v })}
                  />
                </Grid.Col>
              </Grid>
              <Switch
                label="Its own system prompt"
                description="Off: the shared prompt below. A base model usually gets the prompt; a fine-tuned one the prompt it was trained with."
                checked={arm.ownPrompt}
                onChange={(e) => update(arm.key, { ownPrompt: e.currentTarget.checked })}
              />
              {arm.ownPrompt && (
                <Textarea
                  label={`System prompt of arm ${i + 1}`}
                  autosize
                  minRows={3}
                  maxRows={10}
                  value={arm.systemPrompt}
                  onChange={(e) => update(arm.key, { systemPrompt: e.currentTarget.value })}
                />
              )}
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          disabled={arms.length >= MAX_ARMS}
          onClick={() => onChange([...arms, newArm()])}
        >
          Add a model
        </Button>
        <Text size="sm" c="dimmed">
          {arms.length} of at most {MAX_ARMS}. Every model meets the same simulated clients.
        </Text>
      </Group>
    </Stack>
  );
}
