import { Anchor, Badge, Button, Code, Grid, Group, NavLink, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCopy, IconLock, IconPlus } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import type { RubricView } from '../../../../shared/api/judging';
import { href } from '../../lib/router';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { PageHeader } from '../../ui/PageHeader';
import { QueryView } from '../../ui/QueryView';
import { Section } from '../../ui/Section';
import { RubricEditor } from './RubricEditor';
import { draftOf, duplicateOf, newRubric, type RubricDraft } from './rubricForm';
import { useRubrics } from './useReview';

type Selection = { kind: 'saved'; id: string } | { kind: 'draft'; draft: RubricDraft; nonce: number };

/** The rubrics the judge scores on: the built-in ones to read and copy, the project's own to edit. */
export function RubricsScreen({ initial }: { initial: string | null }) {
  const rubrics = useRubrics();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Rubrics"
        description={
          <>
            What the judge model scores sessions on: criteria, what each score means, and the score below which a session goes to{' '}
            <Anchor href={href('review')}>Review</Anchor>.
          </>
        }
      />
      <QueryView query={rubrics} loading="Loading the rubrics…">
        {(list) => <Workspace rubrics={list} initial={initial} />}
      </QueryView>
    </Stack>
  );
}

function Workspace({ rubrics, initial }: { rubrics: RubricView[]; initial: string | null }) {
  const builtIn = rubrics.filter((r) => r.builtin);
  const own = rubrics.filter((r) => !r.builtin);
  const first = rubrics.find((r) => r.id === initial) ?? own[0] ?? builtIn[0];
  const [selection, setSelection] = useState<Selection | null>(first ? { kind: 'saved', id: first.id } : null);
  const [dirty, setDirty] = useState(false);
  const [pending, setPending] = useState<Selection | null>(null);
  const [notice, setNotice] = useState<{ id: string; text: string } | null>(null);
  const taken = useMemo(() => new Map(rubrics.map((r) => [r.id, r.builtin])), [rubrics]);
  const drafts = useRef(0);

  const go = (next: Selection) => {
    setNotice(null);
    setSelection(next);
  };
  const choose = (next: Selection) => (dirty ? setPending(next) : go(next));
  const draftFrom = (draft: RubricDraft): Selection => ({ kind: 'draft', draft, nonce: (drafts.current += 1) });
  const duplicate = (r: RubricView) => choose(draftFrom(duplicateOf(r, taken.keys())));

  const selected = selection?.kind === 'saved' ? rubrics.find((r) => r.id === selection.id) : undefined;
  const onSaved = (saved: RubricView) => {
    setDirty(false);
    setSelection({ kind: 'saved', id: saved.id });
    setNotice({ id: saved.id, text: `Saved “${saved.name}” as version ${saved.version}. Review offers it under Judge sessions.` });
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder p="sm" component="section" aria-label="Rubric list">
          <Stack gap="sm">
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => choose(draftFrom(newRubric()))}>
              New rubric
            </Button>
            <Title order={2} size="h5" mt="xs">
              This project&apos;s rubrics
            </Title>
            <Stack gap={2} component="nav" aria-label="Project rubrics">
              {own.map((r) => (
                <RubricLink
                  key={r.id}
                  rubric={r}
                  active={selection?.kind === 'saved' && selection.id === r.id}
                  onClick={() => choose({ kind: 'saved', id: r.id })}
                />
              ))}
              {selection?.kind === 'draft' && (
                <NavLink
                  component="button"
                  active
                  aria-current="true"
                  label={selection.draft.name.trim() || 'New rubric'}
                  description="not saved yet"
                  styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
                />
              )}
            </Stack>
            {own.length === 0 && selection?.kind !== 'draft' && (
              <Text size="sm" c="dimmed">
                None yet. Start a new rubric, or open a built-in one below and duplicate it to edit.
              </Text>
            )}
            <Title order={2} size="h5" mt="xs">
              Built-in
            </Title>
            <Stack gap={2} component="nav" aria-label="Built-in rubrics">
              {builtIn.map((r) => (
                <RubricLink
                  key={r.id}
                  rubric={r}
                  active={selection?.kind === 'saved' && selection.id === r.id}
                  onClick={() => choose({ kind: 'saved', id: r.id })}
                />
              ))}
            </Stack>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="sm">
          {notice && selection?.kind === 'saved' && selection.id === notice.id && (
            <Text role="status" aria-label="Rubric saved" c="teal.8" size="sm" fw={600}>
              {notice.text}
            </Text>
          )}
          {selection?.kind === 'draft' ? (
            <RubricEditor key={selection.nonce} initial={selection.draft} taken={taken} onSaved={onSaved} onDirtyChange={setDirty} />
          ) : selected?.builtin ? (
            <RubricDetails rubric={selected} onDuplicate={() => duplicate(selected)} />
          ) : selected ? (
            <RubricEditor
              key={`${selected.id}-${selected.version}`}
              initial={draftOf(selected)}
              taken={taken}
              onSaved={onSaved}
              onDirtyChange={setDirty}
              actions={
                <Button variant="default" leftSection={<IconCopy size={16} aria-hidden />} onClick={() => duplicate(selected)}>
                  Duplicate
                </Button>
              }
            />
          ) : (
            <Paper withBorder p="lg">
              <Text>Choose a rubric on the left to read it, or start a new one with “New rubric”.</Text>
            </Paper>
          )}
        </Stack>
      </Grid.Col>
      <ConfirmModal
        opened={pending !== null}
        title="Discard your unsaved changes?"
        confirmLabel="Discard changes"
        onClose={() => setPending(null)}
        onConfirm={() => {
          if (pending) go(pending);
          setDirty(false);
          setPending(null);
        }}
      >
        The rubric you are editing has changes that are not saved.
      </ConfirmModal>
    </Grid>
  );
}

function RubricLink({ rubric, active, onClick }: { rubric: RubricView; active: boolean; onClick: () => void }) {
  return (
    <NavLink
      component="button"
      active={active}
      aria-current={active ? 'true' : undefined}
      onClick={onClick}
      label={rubric.name}
      description={`v${rubric.version} · ${rubric.criteria.length} ${rubric.criteria.length === 1 ? 'criterion' : 'criteria'}${rubric.safety ? ' · safety check' : ''}`}
      styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' }, label: { whiteSpace: 'normal' } }}
    />
  );
}

/** A built-in rubric, to read; it changes only by duplicating it into a project rubric. */
function RubricDetails({ rubric, onDuplicate }: { rubric: RubricView; onDuplicate: () => void }) {
  return (
    <Section label="Rubric details">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} size="h3">
            {rubric.name}
          </Title>
          <Group gap="xs">
            <Badge variant="light" color="gray" leftSection={<IconLock size={12} aria-hidden />} tt="none">
              Built-in, read-only
            </Badge>
            <Badge variant="light" tt="none">
              version {rubric.version}
            </Badge>
            {rubric.safety && (
              <Badge variant="light" color="red" tt="none">
                with safety check
              </Badge>
            )}
          </Group>
        </Stack>
        <Button leftSection={<IconCopy size={16} aria-hidden />} onClick={onDuplicate}>
          Duplicate to edit
        </Button>
      </Group>
      <Text>{rubric.description}</Text>
      <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Criteria">
        {rubric.criteria.map((c) => (
          <Paper key={c.id} component="li" withBorder p="sm">
            <Stack gap={6}>
              <Group gap="xs">
                <Text fw={600}>{c.label}</Text>
                <Code>{c.id}</Code>
                <Text size="sm" c="dimmed">
                  scores {c.scale.min}–{c.scale.max}
                  {c.flagBelow !== undefined ? ` · flags below ${c.flagBelow}` : ''}
                </Text>
              </Group>
              <Text size="sm">{c.description}</Text>
              <Table withRowBorders={false} verticalSpacing={2} aria-label={`Anchors of ${c.label}`}>
                <Table.Tbody>
                  {[...c.anchors]
                    .sort((a, b) => a.score - b.score)
                    .map((a) => (
                      <Table.Tr key={a.score}>
                        <Table.Td w={48} fw={600} style={{ verticalAlign: 'top' }}>
                          {a.score}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{a.description}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Section>
  );
}
