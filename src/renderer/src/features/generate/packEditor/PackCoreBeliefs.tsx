import { ActionIcon, Button, Fieldset, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { memo } from 'react';
import type { DomainPack } from '../../../../../shared/domain/domainPack';
import { fieldId, pathKey, type PackPath } from '../packForm';
import { followName, mono, type Errors, type Update } from './shared';

interface BeliefProps {
  groups: DomainPack['coreBeliefs'];
  update: Update;
  errors: Errors;
  savedGroups: Set<string> | undefined;
  savedBeliefs: Set<string> | undefined;
  focusLater: (id: string) => void;
}

export const CoreBeliefs = memo(function CoreBeliefs({ groups, update, errors, savedGroups, savedBeliefs, focusLater }: BeliefProps) {
  type BeliefGroup = DomainPack['coreBeliefs'][number];
  const set = (next: BeliefGroup[]) => update('coreBeliefs', next);
  const change = (i: number, patch: Partial<BeliefGroup>) => set(groups.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const changeBelief = (i: number, k: number, patch: Partial<BeliefGroup['beliefs'][number]>) =>
    change(i, { beliefs: (groups[i]?.beliefs ?? []).map((b, j) => (j === k ? { ...b, ...patch } : b)) });
  const err = (...path: PackPath) => errors[pathKey(['coreBeliefs', ...path])];

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Core beliefs in groups (in the CBT pack: helpless, unlovable, worthless). Each persona holds beliefs from these lists.
      </Text>
      {groups.length === 0 && <Text size="sm">No belief groups yet. The pack needs at least one: use “Add a belief group” below.</Text>}
      {groups.map((g, i) => (
        <Fieldset key={i} legend={`Belief group ${i + 1}${g.label.trim() ? `: ${g.label.trim()}` : ''}`} variant="filled">
          <Stack gap="sm">
            <Group gap="sm" align="flex-start" wrap="nowrap">
              <SimpleGrid cols={{ base: 1, sm: 2 }} style={{ flex: 1 }}>
                <TextInput
                  id={fieldId(['coreBeliefs', i, 'label'])}
                  label="Group name"
                  required
                  value={g.label}
                  error={err(i, 'label')}
                  onChange={(e) =>
                    change(i, {
                      label: e.currentTarget.value,
                      group: followName({ id: g.group, label: g.label }, e.currentTarget.value, savedGroups),
                    })
                  }
                />
                <TextInput
                  id={fieldId(['coreBeliefs', i, 'group'])}
                  label="Group ID"
                  required
                  value={g.group}
                  error={err(i, 'group')}
                  onChange={(e) => change(i, { group: e.currentTarget.value })}
                  styles={mono}
                />
              </SimpleGrid>
              <Stack pt={24}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={`Remove belief group ${i + 1}${g.label ? ` “${g.label}”` : ''} and its beliefs`}
                  onClick={() => {
                    focusLater(fieldId(['coreBeliefs', 'add']));
                    set(groups.filter((_, j) => j !== i));
                  }}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Stack>
            </Group>
            {err(i, 'beliefs') && (
              <Text size="sm" c="red.8">
                {err(i, 'beliefs')}
              </Text>
            )}
            <Stack gap={6} pl="md">
              {g.beliefs.map((b, k) => (
                <Group
                  key={k}
                  gap="sm"
                  align="flex-start"
                  wrap="nowrap"
                  role="group"
                  aria-label={`Belief ${k + 1}${b.label ? `: ${b.label}` : ''}`}
                >
                  <TextInput
                    id={fieldId(['coreBeliefs', i, 'beliefs', k, 'label'])}
                    label="Belief"
                    required
                    value={b.label}
                    error={err(i, 'beliefs', k, 'label')}
                    onChange={(e) =>
                      changeBelief(i, k, { label: e.currentTarget.value, id: followName(b, e.currentTarget.value, savedBeliefs) })
                    }
                    style={{ flex: 1 }}
                    size="sm"
                  />
                  <TextInput
                    id={fieldId(['coreBeliefs', i, 'beliefs', k, 'id'])}
                    label="ID"
                    required
                    value={b.id}
                    error={err(i, 'beliefs', k, 'id')}
                    onChange={(e) => changeBelief(i, k, { id: e.currentTarget.value })}
                    w={200}
                    size="sm"
                    styles={mono}
                  />
                  <Stack pt={24}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove belief ${k + 1}${b.label ? ` “${b.label}”` : ''}`}
                      onClick={() => {
                        focusLater(fieldId(['coreBeliefs', i, 'add']));
                        change(i, { beliefs: g.beliefs.filter((_, j) => j !== k) });
                      }}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Stack>
                </Group>
              ))}
              <Group>
                <Button
                  id={fieldId(['coreBeliefs', i, 'add'])}
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => {
                    focusLater(fieldId(['coreBeliefs', i, 'beliefs', g.beliefs.length, 'label']));
                    change(i, { beliefs: [...g.beliefs, { id: '', label: '' }] });
                  }}
                >
                  Add a belief to {g.label.trim() || `group ${i + 1}`}
                </Button>
              </Group>
            </Stack>
          </Stack>
        </Fieldset>
      ))}
      <Group>
        <Button
          id={fieldId(['coreBeliefs', 'add'])}
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => {
            focusLater(fieldId(['coreBeliefs', groups.length, 'label']));
            set([...groups, { group: '', label: '', beliefs: [{ id: '', label: '' }] }]);
          }}
        >
          Add a belief group
        </Button>
      </Group>
    </Stack>
  );
});
