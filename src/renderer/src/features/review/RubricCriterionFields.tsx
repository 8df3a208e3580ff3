import { ActionIcon, Button, Fieldset, Group, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { blankAnchor, rubricFieldId, toId, type CriterionDraft } from './rubricForm';

import { mono, num } from './rubricFields';

interface CriterionProps {
  index: number;
  count: number;
  criterion: CriterionDraft;
  errors: Record<string, string>;
  onChange: (patch: Partial<CriterionDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  focusLater: (id: string) => void;
}

export function CriterionFields({ index: i, count, criterion: c, errors, onChange, onMove, onRemove, focusLater }: CriterionProps) {
  const key = (field: string) => `criteria.${i}.${field}`;
  const err = (field: string) => errors[key(field)];
  const name = c.label.trim() ? ` “${c.label.trim()}”` : '';
  const changeAnchor = (j: number, patch: Partial<CriterionDraft['anchors'][number]>) =>
    onChange({ anchors: c.anchors.map((a, k) => (k === j ? { ...a, ...patch } : a)) });
  const span = typeof c.min === 'number' && typeof c.max === 'number' && c.max > c.min && c.max - c.min <= 20 ? c.max - c.min + 1 : 0;
  const missing = span
    ? Array.from({ length: span }, (_, k) => (c.min as number) + k).filter((s) => !c.anchors.some((a) => a.score === s))
    : [];

  return (
    <Fieldset legend={`Criterion ${i + 1}${c.label.trim() ? `: ${c.label.trim()}` : ''}`} variant="filled">
      <Stack gap="sm">
        <Group gap="sm" align="flex-start" wrap="nowrap">
          <SimpleGrid cols={{ base: 1, sm: 2 }} style={{ flex: 1 }}>
            <TextInput
              id={rubricFieldId(key('label'))}
              label="Name"
              required
              value={c.label}
              error={err('label')}
              onChange={(e) => {
                const label = e.currentTarget.value;
                onChange({ label, ...(c.autoId ? { id: toId(label, '_') } : {}) });
              }}
            />
            <TextInput
              id={rubricFieldId(key('id'))}
              label="ID"
              description="What the judge writes back, such as empathy"
              required
              value={c.id}
              error={err('id')}
              onChange={(e) => onChange({ id: e.currentTarget.value, autoId: false })}
              styles={mono}
            />
          </SimpleGrid>
          <Group gap={4} pt={24} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={`Move criterion ${i + 1}${name} up`}
              disabled={i === 0}
              onClick={() => onMove(-1)}
            >
              <IconArrowUp size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={`Move criterion ${i + 1}${name} down`}
              disabled={i === count - 1}
              onClick={() => onMove(1)}
            >
              <IconArrowDown size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="subtle" color="red" size="lg" aria-label={`Remove criterion ${i + 1}${name}`} onClick={onRemove}>
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        <Textarea
          id={rubricFieldId(key('description'))}
          label="What the judge looks for"
          required
          autosize
          minRows={2}
          value={c.description}
          error={err('description')}
          onChange={(e) => onChange({ description: e.currentTarget.value })}
        />
        <Group gap="sm" align="flex-start">
          <NumberInput
            id={rubricFieldId(key('scale.min'))}
            label="Lowest score"
            allowDecimal={false}
            w={140}
            value={c.min}
            error={err('scale.min') ?? err('scale')}
            onChange={(v) => onChange({ min: num(v) })}
          />
          <NumberInput
            id={rubricFieldId(key('scale.max'))}
            label="Highest score"
            allowDecimal={false}
            w={140}
            value={c.max}
            error={err('scale.max')}
            onChange={(v) => onChange({ max: num(v) })}
          />
          <NumberInput
            id={rubricFieldId(key('flagBelow'))}
            label="Flag scores below"
            description="Lower scores send the session to review; empty: never"
            w={300}
            value={c.flagBelow}
            error={err('flagBelow')}
            onChange={(v) => onChange({ flagBelow: num(v) })}
          />
        </Group>
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            Anchors: what a score means
          </Text>
          <Text size="xs" c="dimmed">
            Describe at least the two ends of the scale; a score between two anchors means between their descriptions.
          </Text>
          {err('anchors') && (
            <Text size="sm" c="red.8">
              {err('anchors')}
            </Text>
          )}
          {c.anchors.map((a, j) => (
            <Group
              key={a.key}
              gap="sm"
              align="flex-start"
              wrap="nowrap"
              role="group"
              aria-label={`Anchor ${j + 1}${a.score === '' ? '' : ` (score ${a.score})`}`}
            >
              <NumberInput
                id={rubricFieldId(key(`anchors.${j}.score`))}
                label="Score"
                allowDecimal={false}
                w={100}
                size="sm"
                value={a.score}
                error={err(`anchors.${j}.score`)}
                onChange={(v) => changeAnchor(j, { score: num(v) })}
              />
              <TextInput
                id={rubricFieldId(key(`anchors.${j}.description`))}
                label="What this score means"
                size="sm"
                style={{ flex: 1 }}
                value={a.description}
                error={err(`anchors.${j}.description`)}
                onChange={(e) => changeAnchor(j, { description: e.currentTarget.value })}
              />
              <Stack pt={24}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove anchor ${j + 1}${a.score === '' ? '' : ` (score ${a.score})`} of criterion ${i + 1}`}
                  onClick={() => {
                    focusLater(rubricFieldId(key('add-anchor')));
                    onChange({ anchors: c.anchors.filter((_, k) => k !== j) });
                  }}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Stack>
            </Group>
          ))}
          <Group gap="sm">
            <Button
              id={rubricFieldId(key('add-anchor'))}
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => {
                focusLater(rubricFieldId(key(`anchors.${c.anchors.length}.score`)));
                onChange({ anchors: [...c.anchors, blankAnchor(missing[0] ?? '')] });
              }}
            >
              Add an anchor
            </Button>
            {missing.length > 0 && (
              <Button
                size="xs"
                variant="subtle"
                onClick={() =>
                  onChange({ anchors: [...c.anchors, ...missing.map(blankAnchor)].sort((x, y) => Number(x.score) - Number(y.score)) })
                }
              >
                Add an anchor for every score ({missing.length} missing)
              </Button>
            )}
          </Group>
        </Stack>
      </Stack>
    </Fieldset>
  );
}
