import { Fieldset, NumberInput, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { memo } from 'react';
import type { DomainPack } from '../../../../../shared/domain/domainPack';
import { fieldId, pathKey } from '../packForm';
import { mono, type Errors, type Update } from './shared';

export const GeneralFields = memo(function GeneralFields({ pack, update, errors }: { pack: DomainPack; update: Update; errors: Errors }) {
  const text = (key: 'name' | 'id' | 'description' | 'disclaimer' | 'systemPrompt') => ({
    id: fieldId([key]),
    value: pack[key],
    error: errors[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => update(key, e.currentTarget.value),
  });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <TextInput label="Pack name" required {...text('name')} />
        <TextInput label="Pack ID" description="A short name without spaces, such as cbt" required {...text('id')} />
        <NumberInput
          id={fieldId(['version'])}
          label="Pack version"
          description="Raise it when the taxonomy changes"
          min={1}
          allowDecimal={false}
          value={pack.version}
          error={errors.version}
          onChange={(v) => update('version', typeof v === 'number' ? v : 0)}
        />
      </SimpleGrid>
      <Textarea label="Description" autosize minRows={2} {...text('description')} />
      <Textarea label="Disclaimer" description="Shown with generated material" autosize minRows={2} {...text('disclaimer')} />
      <Textarea
        label="System prompt"
        description="The counselor's standing instructions in generated sessions"
        autosize
        minRows={4}
        maxRows={16}
        required
        {...text('systemPrompt')}
      />
    </Stack>
  );
});

interface StringListProps {
  listKey: 'ageBands' | 'cognitiveModelFields';
  values: string[];
  update: Update;
  errors: Errors;
  label: string;
  description: string;
}

export const StringList = memo(function StringList({ listKey, values, update, errors, label, description }: StringListProps) {
  const problems = Object.entries(errors)
    .filter(([k]) => k === listKey || k.startsWith(`${listKey}.`))
    .map(([, m]) => m);
  return (
    <TagsInput
      id={fieldId([listKey])}
      label={label}
      description={description}
      value={values}
      onChange={(v) => update(listKey, v)}
      error={problems.length ? problems.join(' ') : undefined}
      clearable
      acceptValueOnBlur
    />
  );
});

export const PromptTemplates = memo(function PromptTemplates({
  prompts,
  update,
  errors,
}: {
  prompts: DomainPack['prompts'];
  update: Update;
  errors: Errors;
}) {
  const names = Object.keys(prompts);
  const change = (name: string, patch: Partial<DomainPack['prompts'][string]>) => {
    const current = prompts[name];
    if (current) update('prompts', { ...prompts, [name]: { ...current, ...patch } });
  };
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        The pack&apos;s own prompt templates. A version saved in the Prompts tab takes precedence over the pack&apos;s version of the same
        prompt.
      </Text>
      {names.length === 0 && <Text size="sm">This pack has no prompt templates. Add them with “Advanced: edit as JSON”.</Text>}
      {names.map((name) => {
        const p = prompts[name];
        if (!p) return null;
        return (
          <Fieldset key={name} legend={`Prompt “${name}”`} variant="filled">
            <Stack gap="sm">
              <NumberInput
                id={fieldId(['prompts', name, 'version'])}
                label="Version"
                min={1}
                allowDecimal={false}
                w={160}
                value={p.version}
                error={errors[pathKey(['prompts', name, 'version'])]}
                onChange={(v) => change(name, { version: typeof v === 'number' ? v : 0 })}
              />
              <Textarea
                id={fieldId(['prompts', name, 'template'])}
                label="Template"
                value={p.template}
                error={errors[pathKey(['prompts', name, 'template'])]}
                onChange={(e) => change(name, { template: e.currentTarget.value })}
                autosize
                minRows={4}
                maxRows={16}
                spellCheck={false}
                styles={mono}
              />
            </Stack>
          </Fieldset>
        );
      })}
    </Stack>
  );
});
