import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { ArenaColumn, ArenaConversation } from '../../../../shared/api/arena';
import { numberOrEmpty } from '../../lib/forms';
import { href } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { TemperatureInput } from '../../ui/TemperatureInput';
import { QueryView } from '../../ui/QueryView';
import { ModelFields } from '../models/ModelFields';
import { Section } from '../../ui/Section';
import { useProviders } from '../providers/useProviders';
import { useArenaActions } from './useArena';
import { useRoleDefaults } from '../models/useModels';

const MIN_COLUMNS = 2;
const MAX_COLUMNS = 4;

interface ColumnDraft {
  /** For React lists only. */
  key: number;
  providerId: string | null;
  model: string;
  ownPrompt: boolean;
  systemPrompt: string;
  temperature: number | '';
  maxTokens: number | '';
}

let nextKey = 1;
const newColumn = (providerId: string | null): ColumnDraft => ({
  key: nextKey++,
  providerId,
  model: '',
  ownPrompt: false,
  systemPrompt: '',
  temperature: '',
  maxTokens: '',
});

function toColumn(d: ColumnDraft): ArenaColumn {
  return {
    providerId: d.providerId!,
    model: d.model.trim(),
    systemPrompt: d.ownPrompt ? d.systemPrompt : null,
    temperature: d.temperature === '' ? null : d.temperature,
    maxTokens: d.maxTokens === '' ? null : d.maxTokens,
  };
}

/** A new side-by-side chat: 2–4 models (exactly two in blind mode), each with its own settings. */
export function NewChatForm({ onCreated }: { onCreated: (c: ArenaConversation) => void }) {
  const providers = useProviders();
  const defaults = useRoleDefaults();
  const counselor = defaults.data?.find((d) => d.role === 'counselor');
  return (
    <Section label="New chat">
      <Title order={2} size="h3">
        New chat
      </Title>
      <QueryView query={providers} loading="Loading the providers…">
        {(list) =>
          list.length === 0 ? (
            <Alert color="yellow" variant="light" title="No provider yet" role="status">
              <Text size="sm">
                Add a provider in <Anchor href={href('settings', 'providers')}>Settings › Providers</Anchor>, then come back to put its
                models side by side.
              </Text>
            </Alert>
          ) : (
            <ChatFields
              // Waits for the defaults, so the first column can start at the counselor's default model.
              key={defaults.isPending ? 'loading' : 'ready'}
              firstProvider={list[0]?.id ?? null}
              counselor={counselor?.providerId && counselor.modelId ? { providerId: counselor.providerId, model: counselor.modelId } : null}
              onCreated={onCreated}
            />
          )
        }
      </QueryView>
    </Section>
  );
}

function ChatFields({
  firstProvider,
  counselor,
  onCreated,
}: {
  firstProvider: string | null;
  counselor: { providerId: string; model: string } | null;
  onCreated: (c: ArenaConversation) => void;
}) {
  const { create } = useArenaActions();
  const [mode, setMode] = useState<'named' | 'blind'>('named');
  const [title, setTitle] = useState('');
  const [shared, setShared] = useState('');
  const [columns, setColumns] = useState<ColumnDraft[]>(() => [
    counselor ? { ...newColumn(counselor.providerId), model: counselor.model } : newColumn(firstProvider),
    newColumn(firstProvider),
  ]);
  const shown = mode === 'blind' ? columns.slice(0, 2) : columns;
  const update = (key: number, patch: Partial<ColumnDraft>) => setColumns((cs) => cs.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  const missing = shown.findIndex((c) => !c.providerId || !c.model.trim());
  const sameTwice =
    mode === 'blind' &&
    shown.length === 2 &&
    shown[0]!.providerId === shown[1]!.providerId &&
    shown[0]!.model.trim() !== '' &&
    shown[0]!.model.trim() === shown[1]!.model.trim();
  const name = (i: number) => (mode === 'blind' ? `Model ${i + 1}` : `Column ${i + 1}`);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (missing >= 0) return;
    create.mutate(
      {
        ...(title.trim() ? { title: title.trim() } : {}),
        mode,
        sharedSystemPrompt: shared.trim() ? shared : null,
        columns: shown.map(toColumn),
      },
      { onSuccess: onCreated },
    );
  };

  return (
    <form onSubmit={submit} aria-label="New chat">
      <Stack gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="arena-mode-label">
            Mode
          </Text>
          <SegmentedControl
            aria-labelledby="arena-mode-label"
            data={[
              { value: 'named', label: 'Named' },
              { value: 'blind', label: 'Blind' },
            ]}
            value={mode}
            onChange={(v) => setMode(v as 'named' | 'blind')}
            style={{ alignSelf: 'flex-start' }}
          />
          <Text size="sm" c="dimmed">
            {mode === 'named'
              ? 'Each column shows which model answers. Compare 2 to 4 models at once.'
              : 'Two models, shown as Model A and Model B in a random order. You vote on the answers; the names appear after your vote and the vote counts towards the leaderboard.'}
          </Text>
        </Stack>
        <TextInput
          label="Title (optional)"
          description="Without one, the chat is named after its models (or “Blind comparison”)."
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          maxLength={200}
        />
        <Textarea
          label="Shared system prompt (optional)"
          description="Every column that has no prompt of its own uses this one."
          autosize
          minRows={2}
          maxRows={8}
          value={shared}
          onChange={(e) => setShared(e.currentTarget.value)}
        />
        {shown.map((col, i) => (
          <Paper key={col.key} p="sm" role="group" aria-label={name(i)}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Text fw={600}>{name(i)}</Text>
                {mode === 'named' && shown.length > MIN_COLUMNS && (
                  <Tooltip label="Remove this column">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove column ${i + 1}`}
                      onClick={() => setColumns((cs) => cs.filter((c) => c.key !== col.key))}
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
              <ModelFields label={name(i)} value={{ providerId: col.providerId, model: col.model }} onChange={(v) => update(col.key, v)} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TemperatureInput
                  description="Empty: the provider's default"
                  value={col.temperature}
                  onChange={(v) => update(col.key, { temperature: v })}
                />
                <NumberInput
                  label="Max tokens"
                  description="Empty: no limit of our own"
                  min={1}
                  max={32_000}
                  step={100}
                  allowDecimal={false}
                  value={col.maxTokens}
                  onChange={(v) => update(col.key, { maxTokens: numberOrEmpty(v) })}
                />
              </SimpleGrid>
              <Switch
                label="Its own system prompt"
                description="Off: the shared prompt above."
                checked={col.ownPrompt}
                onChange={(e) => update(col.key, { ownPrompt: e.currentTarget.checked })}
              />
              {col.ownPrompt && (
                <Textarea
                  label={`System prompt of ${name(i).toLowerCase()}`}
                  autosize
                  minRows={2}
                  maxRows={8}
                  value={col.systemPrompt}
                  onChange={(e) => update(col.key, { systemPrompt: e.currentTarget.value })}
                />
              )}
            </Stack>
          </Paper>
        ))}
        {mode === 'named' && (
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              disabled={columns.length >= MAX_COLUMNS}
              onClick={() => setColumns((cs) => [...cs, newColumn(firstProvider)])}
            >
              Add a column
            </Button>
            <Text size="sm" c="dimmed">
              {columns.length} of at most {MAX_COLUMNS}.
            </Text>
          </Group>
        )}
        {sameTwice && (
          <Text size="sm" c="orange.9" role="note">
            Both sides are the same model: the vote will compare it with itself.
          </Text>
        )}
        {create.error && <ErrorAlert title="Could not start the chat" error={create.error} />}
        <Group>
          <Button type="submit" disabled={missing >= 0} loading={create.isPending}>
            {mode === 'blind' ? 'Start a blind comparison' : 'Start the chat'}
          </Button>
          {missing >= 0 && (
            <Text size="sm" c="dimmed">
              Choose a provider and a model for {name(missing).toLowerCase()}.
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
