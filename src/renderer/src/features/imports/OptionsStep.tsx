import {
  Checkbox,
  Grid,
  Group,
  Loader,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { formatCount, plural } from '../../lib/format';
import { numberOrEmpty } from '../../lib/forms';
import { useSessionTags } from '../library/useSessions';
import { defaultCleaning, useImportWizard, type Cleaning } from './importWizard';
import { TurnsPreview } from './TurnsPreview';
import type { Previews } from './useImport';

const switches: { key: Exclude<keyof Cleaning, 'maxTokens'>; label: string; description: string }[] = [
  { key: 'stripTimestamps', label: 'Strip timestamps', description: 'Times such as [00:01:23] at the start of lines and inside the text.' },
  {
    key: 'stripCaptionArtifacts',
    label: 'Strip caption artefacts',
    description: '[inaudible], [music], (laughs) and >> speaker-change markers.',
  },
  { key: 'removeFillers', label: 'Remove filler words', description: 'um, uh, you know… Off by default: hesitation can carry meaning.' },
  { key: 'normalizeText', label: 'Normalise text', description: 'Whitespace, Unicode forms and invisible characters.' },
  { key: 'mergeConsecutive', label: 'Merge consecutive turns', description: 'Two turns in a row by the same side become one.' },
  { key: 'dropEmpty', label: 'Drop empty turns', description: 'Turns with no words left after cleaning.' },
  { key: 'addSystemPrompt', label: "Add the project's system prompt", description: 'To sessions whose file does not bring its own.' },
];

const redactionChoices = [
  { value: 'off', label: 'Off' },
  { value: 'review', label: 'Detect for review' },
  { value: 'apply', label: 'Apply all now' },
];

const redactionHelp = {
  off: 'Transcripts are imported as they are. You can still look for personal details later from a session.',
  review:
    'Names, places, phone numbers, emails, dates and other details are found and marked; each session waits in “Needs review” until someone accepts or rejects each one.',
  apply: 'Every detail found is replaced at once, without review. Faster, but a wrong detection changes the text unseen.',
};

/** Step 3: cleaning (with its effect previewed), personal details and tags. */
export function OptionsStep({ previews }: { previews: Previews }) {
  const { state, dispatch } = useImportWizard();
  const tags = useSessionTags();
  const { cleaning } = state;
  const setCleaning = (patch: Partial<Cleaning>) => dispatch({ type: 'cleaning', patch });
  const splitOn = cleaning.maxTokens !== null;
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack gap="lg">
          <Paper p="md" component="section" aria-labelledby="cleaning-title">
            <Stack gap="sm">
              <Title order={2} size="h3" id="cleaning-title">
                Cleaning
              </Title>
              {switches.map((s) => (
                <Switch
                  key={s.key}
                  label={s.label}
                  description={s.description}
                  checked={cleaning[s.key]}
                  onChange={(e) => setCleaning({ [s.key]: e.currentTarget.checked })}
                />
              ))}
              <Stack gap={4}>
                <Group gap="sm" wrap="nowrap">
                  <Checkbox
                    label="Split sessions longer than"
                    checked={splitOn}
                    onChange={(e) => setCleaning({ maxTokens: e.currentTarget.checked ? (defaultCleaning.maxTokens ?? 65_536) : null })}
                  />
                  <NumberInput
                    aria-label="Longest session in tokens"
                    value={cleaning.maxTokens ?? ''}
                    onChange={(v) => {
                      const n = numberOrEmpty(v);
                      if (n !== '' && n >= 256) setCleaning({ maxTokens: Math.round(n) });
                    }}
                    disabled={!splitOn}
                    min={256}
                    max={1_000_000}
                    step={1024}
                    thousandSeparator=","
                    w={130}
                    size="sm"
                  />
                  <Text size="sm">tokens</Text>
                </Group>
                <Text size="xs" c="dimmed" pl={32}>
                  Into windows that start with a client turn and end with a counselor turn. 65,536 fits most training limits.
                </Text>
              </Stack>
            </Stack>
          </Paper>
          <Paper p="md" component="section" aria-labelledby="privacy-title">
            <Stack gap="sm">
              <Title order={2} size="h3" id="privacy-title">
                Personal details
              </Title>
              <SegmentedControl
                aria-label="Personal details"
                data={redactionChoices}
                value={state.redaction}
                onChange={(v) => dispatch({ type: 'redaction', redaction: v as typeof state.redaction })}
              />
              <Text size="sm">{redactionHelp[state.redaction]}</Text>
              {state.redaction !== 'off' && (
                <Stack gap={4}>
                  <Text size="sm" fw={600}>
                    Replace them with
                  </Text>
                  <SegmentedControl
                    aria-label="Replace personal details with"
                    data={[
                      { value: 'placeholder', label: 'Placeholders' },
                      { value: 'surrogate', label: 'Realistic stand-ins' },
                    ]}
                    value={state.redactionMode}
                    onChange={(v) => dispatch({ type: 'redaction', mode: v as typeof state.redactionMode })}
                  />
                  <Text size="xs" c="dimmed">
                    {state.redactionMode === 'placeholder'
                      ? 'Such as [CLIENT_NAME_1]: the same placeholder for each repeat of a detail.'
                      : 'Made-up names, numbers and places of the same kind, consistent within a session.'}
                  </Text>
                </Stack>
              )}
            </Stack>
          </Paper>
          <Paper p="md" component="section" aria-labelledby="tags-title">
            <Stack gap="xs">
              <Title order={2} size="h3" id="tags-title">
                Tags
              </Title>
              <TagsInput
                label="Tags for the imported sessions"
                description="Handy for finding this batch later in the library."
                placeholder={state.tags.length ? '' : 'Type a tag and press Enter'}
                data={(tags.data ?? []).map((t) => t.tag)}
                value={state.tags}
                onChange={(value) => dispatch({ type: 'tags', tags: value.map((t) => t.trim()).filter(Boolean) })}
                maxTags={20}
                clearable
              />
            </Stack>
          </Paper>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Effect previews={previews} />
      </Grid.Col>
    </Grid>
  );
}

/** The first turns of one transcript with the current choices, and what the whole import adds up to. */
function Effect({ previews }: { previews: Previews }) {
  const { state } = useImportWizard();
  const transcripts = state.files.flatMap((f) => {
    const p = f.path ? previews.byPath.get(f.path) : undefined;
    return p && !p.error
      ? p.transcripts.map((t) => ({
          value: `${p.path}\u0000${t.key}`,
          label: p.transcripts.length > 1 ? `${f.name}: ${t.title}` : f.name,
          transcript: t,
        }))
      : [];
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const current = transcripts.find((t) => t.value === chosen) ?? transcripts[0];
  const sessions = transcripts.reduce((n, t) => n + t.transcript.windows, 0);
  const tokens = transcripts.reduce((n, t) => n + t.transcript.tokenCount, 0);
  return (
    <Paper p="md" component="section" aria-labelledby="effect-title" style={{ position: 'sticky', top: 80 }}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="effect-title">
            Effect
          </Title>
          {previews.refreshing && <Loader size="xs" aria-label="Updating" />}
        </Group>
        <Text size="sm" role="status">
          {plural(transcripts.length, 'transcript')} → {plural(sessions, 'session')}, {formatCount(tokens)} tokens in all.
        </Text>
        {transcripts.length > 1 && (
          <Select
            label="Show the first turns of"
            data={transcripts.slice(0, 200).map(({ value, label }) => ({ value, label }))}
            value={current?.value ?? null}
            onChange={setChosen}
            allowDeselect={false}
            searchable
          />
        )}
        {current && (
          <>
            <Text size="xs" c="dimmed">
              {formatCount(current.transcript.tokenCount)} tokens
              {current.transcript.windows > 1 ? `, split into ${current.transcript.windows} sessions` : ', one session'}
            </Text>
            <TurnsPreview turns={current.transcript.firstTurns} label={`First turns of ${current.transcript.title} after cleaning`} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
