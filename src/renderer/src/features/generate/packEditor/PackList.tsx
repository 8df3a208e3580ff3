import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { memo } from 'react';
import { fieldId, pathKey } from '../packForm';
import { capitalise, followName, mono, type Errors, type Item, type ListKey, type Update } from './shared';

interface ItemField {
  key: string;
  label: string;
  kind: 'text' | 'long' | 'tags' | 'check';
  description?: string;
}

interface ListSpec {
  key: ListKey;
  noun: string;
  intro: string;
  fields: ItemField[];
  compact?: boolean;
  blank: () => Item;
}

export const LIST_SPECS: Record<ListKey, ListSpec> = {
  presentingProblems: {
    key: 'presentingProblems',
    noun: 'problem',
    intro: 'What brings a client to the session: the themes personas and scenarios are about.',
    fields: [],
    compact: true,
    blank: () => ({ id: '', label: '' }),
  },
  distortions: {
    key: 'distortions',
    noun: 'distortion',
    intro: 'The canonical list of cognitive distortions, each with a definition and an example the generator and the judge read.',
    fields: [
      { key: 'definition', label: 'Definition', kind: 'long' },
      { key: 'example', label: 'Example', kind: 'long', description: 'Something a client might say' },
      { key: 'aliases', label: 'Also known as', kind: 'tags', description: 'Other names; type one and press Enter' },
      { key: 'optional', label: 'Extra (beyond the canonical list)', kind: 'check' },
    ],
    blank: () => ({ id: '', label: '', definition: '', example: '', aliases: [] }),
  },
  styles: {
    key: 'styles',
    noun: 'style',
    intro: 'How a simulated client talks: each persona has one style, and the simulated client follows its instruction.',
    fields: [
      { key: 'description', label: 'Description', kind: 'long' },
      { key: 'simulatorInstruction', label: 'Instruction to the simulated client', kind: 'long' },
    ],
    blank: () => ({ id: '', label: '', description: '', simulatorInstruction: '' }),
  },
  severities: {
    key: 'severities',
    noun: 'severity',
    intro: 'How much the difficulty affects daily life.',
    fields: [{ key: 'description', label: 'Description', kind: 'long' }],
    blank: () => ({ id: '', label: '', description: '' }),
  },
  riskLevels: {
    key: 'riskLevels',
    noun: 'risk level',
    intro: 'Levels of risk of harm a persona may carry, and what each means for the session and for review.',
    fields: [{ key: 'description', label: 'Description', kind: 'long' }],
    blank: () => ({ id: '', label: '', description: '' }),
  },
  techniques: {
    key: 'techniques',
    noun: 'technique',
    intro: 'Counseling techniques a generated session may use and name.',
    fields: [],
    compact: true,
    blank: () => ({ id: '', label: '' }),
  },
};

interface ListProps {
  spec: ListSpec;
  items: Item[];
  update: Update;
  errors: Errors;
  saved: Set<string> | undefined;
  focusLater: (id: string) => void;
}

export const LabelledList = memo(function LabelledList({ spec, items, update, errors, saved, focusLater }: ListProps) {
  const set = (next: Item[]) => update(spec.key, next as never);
  const change = (i: number, patch: Partial<Item>) => set(items.map((item, j) => (j === i ? { ...item, ...patch } : item)));
  const add = () => {
    focusLater(fieldId([spec.key, items.length, 'label']));
    set([...items, spec.blank()]);
  };
  const remove = (i: number) => {
    focusLater(fieldId([spec.key, 'add']));
    set(items.filter((_, j) => j !== i));
  };
  const err = (i: number, field: string) => errors[pathKey([spec.key, i, field])];

  const nameAndId = (item: Item, i: number) => (
    <>
      <TextInput
        id={fieldId([spec.key, i, 'label'])}
        label="Name"
        required
        value={item.label}
        error={err(i, 'label')}
        onChange={(e) => change(i, { label: e.currentTarget.value, id: followName(item, e.currentTarget.value, saved) })}
        style={{ flex: 1 }}
      />
      <TextInput
        id={fieldId([spec.key, i, 'id'])}
        label="ID"
        required
        value={item.id}
        error={err(i, 'id')}
        onChange={(e) => change(i, { id: e.currentTarget.value })}
        w={spec.compact ? 200 : undefined}
        styles={mono}
      />
    </>
  );
  const removeButton = (item: Item, i: number) => (
    <ActionIcon
      variant="subtle"
      color="red"
      size="lg"
      aria-label={`Remove ${spec.noun} ${i + 1}${item.label ? ` “${item.label}”` : ''}`}
      onClick={() => remove(i)}
    >
      <IconTrash size={18} aria-hidden />
    </ActionIcon>
  );
  const legend = (item: Item, i: number) => `${capitalise(spec.noun)} ${i + 1}${item.label.trim() ? `: ${item.label.trim()}` : ''}`;

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {spec.intro} Changing or removing an ID leaves personas already made with the old one; they then show the ID instead of the name.
      </Text>
      {spec.key === 'riskLevels' && !items.some((r) => r.id === 'none') && (
        <Alert color="yellow" variant="light" title="No risk level with the ID “none”">
          Persona generation uses the level with the ID “none” unless a run asks for others. Keep a level with that ID.
        </Alert>
      )}
      {items.length === 0 && (
        <Text size="sm">
          No {spec.noun}s yet. The pack needs at least one: use “Add a {spec.noun}” below.
        </Text>
      )}
      {spec.compact ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
          {items.map((item, i) => (
            <Fieldset key={i} legend={legend(item, i)} variant="filled" p="xs">
              <Group gap="sm" align="flex-start" wrap="nowrap">
                {nameAndId(item, i)}
                <Stack pt={24}>{removeButton(item, i)}</Stack>
              </Group>
            </Fieldset>
          ))}
        </SimpleGrid>
      ) : (
        items.map((item, i) => (
          <Fieldset key={i} legend={legend(item, i)} variant="filled">
            <Stack gap="sm">
              <Group gap="sm" align="flex-start" wrap="nowrap">
                <SimpleGrid cols={{ base: 1, sm: 2 }} style={{ flex: 1 }}>
                  {nameAndId(item, i)}
                </SimpleGrid>
                <Stack pt={24}>{removeButton(item, i)}</Stack>
              </Group>
              {spec.fields.map((f) => {
                const id = fieldId([spec.key, i, f.key]);
                if (f.kind === 'check')
                  return (
                    <Checkbox
                      key={f.key}
                      id={id}
                      label={f.label}
                      checked={item[f.key] === true}
                      onChange={(e) => change(i, { [f.key]: e.currentTarget.checked ? true : undefined })}
                    />
                  );
                if (f.kind === 'tags')
                  return (
                    <TagsInput
                      key={f.key}
                      id={id}
                      label={f.label}
                      description={f.description}
                      value={Array.isArray(item[f.key]) ? (item[f.key] as string[]) : []}
                      error={err(i, f.key)}
                      onChange={(v) => change(i, { [f.key]: v })}
                      clearable
                    />
                  );
                return (
                  <Textarea
                    key={f.key}
                    id={id}
                    label={f.label}
                    description={f.description}
                    value={typeof item[f.key] === 'string' ? (item[f.key] as string) : ''}
                    error={err(i, f.key)}
                    onChange={(e) => change(i, { [f.key]: e.currentTarget.value })}
                    autosize
                    minRows={1}
                    maxRows={8}
                  />
                );
              })}
            </Stack>
          </Fieldset>
        ))
      )}
      <Group>
        <Button id={fieldId([spec.key, 'add'])} variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={add}>
          Add a {spec.noun}
        </Button>
      </Group>
    </Stack>
  );
});
