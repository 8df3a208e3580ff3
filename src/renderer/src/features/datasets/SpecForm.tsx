import {
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Slider,
  Stack,
  TagsInput,
  Text,
  Textarea,
} from '@mantine/core';
import type { DatasetMix, DatasetSpec } from '../../../../shared/api/datasets';
import { useSessionTags } from '../library/useSessions';
import { useDatasets } from './useDatasets';

const mixes: { value: DatasetMix; label: string }[] = [
  { value: 'real-only', label: 'Real only' },
  { value: 'synthetic-only', label: 'Synthetic only' },
  { value: 'hybrid', label: 'Hybrid' },
];

const statusChoices: { value: DatasetSpec['filters']['statuses'][number]; label: string }[] = [
  { value: 'approved', label: 'Approved' },
  { value: 'needs_review', label: 'Needs review' },
  { value: 'draft', label: 'Draft' },
];

const numberOrNull = (v: string | number) => (typeof v === 'number' ? v : null);

/** Which sessions go in, how they are mixed and split: every field of a dataset's spec, labelled. */
export function SpecForm({ spec, onChange, selfId }: { spec: DatasetSpec; onChange: (spec: DatasetSpec) => void; selfId?: string }) {
  const tags = useSessionTags();
  const datasets = useDatasets();
  // Datasets with a frozen version have a size to match.
  const sized = (datasets.data ?? []).filter((d) => d.id !== selfId && d.versions.length > 0);
  const sizes = sized.map((d) => ({
    value: d.id,
    label: `${d.name} (v${d.versions.at(-1)!.version}, ${d.versions.at(-1)!.examples} examples)`,
  }));
  const matchedExamples = sized.find((d) => d.id === spec.sameSizeAs)?.versions.at(-1)?.examples;
  const filters = spec.filters;
  const setFilters = (f: Partial<DatasetSpec['filters']>) => onChange({ ...spec, filters: { ...filters, ...f } });
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Text size="sm" fw={500} id="mix-label">
          Mix
        </Text>
        <SegmentedControl
          aria-labelledby="mix-label"
          data={mixes}
          value={spec.mix}
          onChange={(v) => onChange({ ...spec, mix: v as DatasetMix })}
        />
      </Stack>
      {spec.mix === 'hybrid' && (
        <Stack gap={4}>
          <Text size="sm" fw={500} id="share-label">
            Synthetic share: {Math.round(spec.syntheticShare * 100)}%
          </Text>
          <Slider
            aria-labelledby="share-label"
            min={0.05}
            max={0.95}
            step={0.05}
            value={spec.syntheticShare}
            onChange={(v) => onChange({ ...spec, syntheticShare: v })}
            label={(v) => `${Math.round(v * 100)}% synthetic`}
            marks={[
              { value: 0.25, label: '25%' },
              { value: 0.5, label: '50%' },
              { value: 0.75, label: '75%' },
            ]}
            mb="md"
          />
        </Stack>
      )}
      {/* Two to a row: four side by side left "Same size as…" too narrow for its placeholder at laptop width. */}
      <SimpleGrid cols={{ base: 1, sm: 2 }} verticalSpacing="md">
        <NumberInput
          label="Examples"
          description={spec.sameSizeAs ? 'Set by “Same size as”' : 'Empty takes all the filters let in'}
          min={1}
          allowDecimal={false}
          disabled={Boolean(spec.sameSizeAs)}
          value={spec.sameSizeAs ? (matchedExamples ?? '') : (spec.total ?? '')}
          onChange={(v) => onChange({ ...spec, total: numberOrNull(v) })}
        />
        <Select
          label="Same size as…"
          description="Match another dataset’s total, so a comparison is about the data, not its amount"
          placeholder={sizes.length ? 'Choose a dataset' : 'Freeze another dataset first'}
          data={sizes}
          value={spec.sameSizeAs ?? null}
          onChange={(v) => onChange({ ...spec, sameSizeAs: v })}
          disabled={sizes.length === 0 && !spec.sameSizeAs}
          clearable
        />
        <NumberInput
          label="Validation share"
          description="Held out to measure validation loss"
          min={0}
          max={50}
          suffix="%"
          allowDecimal={false}
          value={Math.round(spec.validationShare * 100)}
          onChange={(v) => onChange({ ...spec, validationShare: typeof v === 'number' ? v / 100 : 0 })}
        />
        <NumberInput
          label="Seed"
          description="The same seed picks the same sessions"
          min={0}
          allowDecimal={false}
          value={spec.seed}
          onChange={(v) => onChange({ ...spec, seed: typeof v === 'number' ? v : 0 })}
        />
      </SimpleGrid>
      <Checkbox.Group
        label="Session status"
        description="Only approved sessions, unless you choose otherwise. Sessions whose personal details await review are always left out."
        value={filters.statuses}
        onChange={(v) => setFilters({ statuses: v as DatasetSpec['filters']['statuses'] })}
      >
        <Group mt={6}>
          {statusChoices.map((s) => (
            <Checkbox key={s.value} value={s.value} label={s.label} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group grow align="flex-start">
        <TagsInput
          label="Tags"
          description="Every tag listed must be on the session"
          data={(tags.data ?? []).map((t) => t.tag)}
          value={filters.tags}
          onChange={(v) => setFilters({ tags: v })}
          clearable
        />
        <NumberInput
          label="Lowest judge score"
          description="Empty: any score, or none"
          decimalScale={2}
          value={filters.minScore ?? ''}
          onChange={(v) => setFilters({ minScore: numberOrNull(v) })}
        />
      </Group>
      <Group grow align="flex-start">
        <NumberInput
          label="Fewest turns"
          min={0}
          allowDecimal={false}
          value={filters.minTurns ?? ''}
          onChange={(v) => setFilters({ minTurns: numberOrNull(v) })}
        />
        <NumberInput
          label="Most turns"
          min={1}
          allowDecimal={false}
          value={filters.maxTurns ?? ''}
          onChange={(v) => setFilters({ maxTurns: numberOrNull(v) })}
        />
      </Group>
      <Textarea
        label="System prompt for sessions without one"
        description="Sent before each conversation in training; a session's own system prompt wins. Empty: none."
        autosize
        minRows={2}
        maxRows={8}
        value={spec.systemPrompt ?? ''}
        onChange={(e) => onChange({ ...spec, systemPrompt: e.currentTarget.value === '' ? null : e.currentTarget.value })}
      />
    </Stack>
  );
}
