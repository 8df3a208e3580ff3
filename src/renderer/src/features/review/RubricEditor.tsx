import { Badge, Button, Group, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RubricView } from '../../../../shared/api/judging';
import { focusField } from '../../lib/focusField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { IssueList } from '../../ui/IssueList';
import { Section } from '../../ui/Section';
import {
  blankCriterion,
  checkRubric,
  rubricFieldId,
  rubricOf,
  serverRubricIssues,
  toId,
  type CriterionDraft,
  type RubricDraft,
  type RubricIssue,
} from './rubricForm';
import { useSaveRubric } from './useRubricEdit';

import { CriterionFields } from './RubricCriterionFields';
import { mono } from './rubricFields';

interface RubricEditorProps {
  initial: RubricDraft;
  /** Ids already in use, and whether each is built-in. */
  taken: Map<string, boolean>;
  onSaved: (rubric: RubricView) => void;
  onDirtyChange: (dirty: boolean) => void;
  /** Extra buttons for the header (Duplicate…). */
  actions?: React.ReactNode;
}

/** Create or edit one of the project's rubrics: criteria with anchored scales and a flag threshold. */
export function RubricEditor({ initial, taken, onSaved, onDirtyChange, actions }: RubricEditorProps) {
  const [draft, setDraft] = useState(initial);
  const [issues, setIssues] = useState<RubricIssue[] | null>(null);
  const save = useSaveRubric();
  const focusNextRef = useRef<string | null>(null);
  const focusLater = useCallback((id: string) => {
    focusNextRef.current = id;
  }, []);
  const initialJson = useMemo(() => JSON.stringify(rubricOf(initial)), [initial]);
  const dirty = draft.isNew || JSON.stringify(rubricOf(draft)) !== initialJson;

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);
  useEffect(() => {
    if (!focusNextRef.current) return;
    focusField(focusNextRef.current);
    focusNextRef.current = null;
  });

  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    for (const i of issues ?? []) out[i.key] ??= i.message;
    return out;
  }, [issues]);

  const setCriteria = (criteria: CriterionDraft[]) => setDraft((d) => ({ ...d, criteria }));
  const changeCriterion = (i: number, patch: Partial<CriterionDraft>) =>
    setCriteria(draft.criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  const submit = () => {
    const found = checkRubric(draft, taken);
    // The problems are listed at the top with focus on the list; from there each links to its field.
    if (found.length) {
      setIssues(found);
      focusLater(PROBLEMS_ID);
      return;
    }
    setIssues(null);
    save.mutate(rubricOf(draft), {
      onSuccess: onSaved,
      onError: (err) => {
        const fromServer = serverRubricIssues(err, draft);
        setIssues(fromServer);
        if (fromServer) focusLater(PROBLEMS_ID);
      },
    });
  };

  const saveError = save.error && !serverRubricIssues(save.error, draft) ? save.error : null;
  const nextVersion = draft.isNew ? 1 : draft.version + 1;

  return (
    <Section label="Rubric editor">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2} size="h3">
            {draft.isNew ? 'New rubric' : `Edit “${initial.name}”`}
          </Title>
          <Text size="sm" c="dimmed">
            {draft.isNew
              ? 'A rubric of this project; it is saved as version 1.'
              : `Version ${draft.version}; saving your changes makes version ${nextVersion}.`}
          </Text>
        </Stack>
        <Group gap="sm">
          <Text role="status" aria-label="Rubric save state" component="span">
            {dirty && (
              <Badge color="yellow" variant="light" tt="none" size="lg">
                {draft.isNew ? 'Not saved yet' : 'Unsaved changes'}
              </Badge>
            )}
          </Text>
          {actions}
        </Group>
      </Group>

      {issues && issues.length > 0 && <IssueList id={PROBLEMS_ID} issues={issues} onGoTo={(i) => focusField(rubricFieldId(i.key))} />}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TextInput
          id={rubricFieldId('name')}
          label="Name"
          required
          value={draft.name}
          error={errors.name}
          onChange={(e) => {
            const name = e.currentTarget.value;
            setDraft((d) => ({ ...d, name, id: d.isNew && d.autoId ? toId(name, '-') : d.id }));
          }}
        />
        <TextInput
          id={rubricFieldId('id')}
          label="ID"
          required
          description={
            draft.isNew ? 'Lower-case letters, digits and "-"; it cannot change after saving' : 'The ID stays: judgments refer to it'
          }
          value={draft.id}
          readOnly={!draft.isNew}
          error={errors.id}
          onChange={(e) => {
            const id = e.currentTarget.value;
            setDraft((d) => ({ ...d, id, autoId: false }));
          }}
          styles={mono}
        />
      </SimpleGrid>
      <Textarea
        id={rubricFieldId('description')}
        label="Description"
        description="What the rubric measures; the judge reads it first"
        required
        autosize
        minRows={2}
        value={draft.description}
        error={errors.description}
        onChange={(e) => {
          const description = e.currentTarget.value;
          setDraft((d) => ({ ...d, description }));
        }}
      />
      <Switch
        label="Also run the safety check"
        description="The judge also says whether risk of harm is present and whether the counselor handled it appropriately"
        checked={draft.safety}
        onChange={(e) => {
          const safety = e.currentTarget.checked;
          setDraft((d) => ({ ...d, safety }));
        }}
      />

      <Title order={3} size="h4">
        Criteria ({draft.criteria.length})
      </Title>
      {errors.criteria && (
        <Text size="sm" c="red.8" role="alert">
          {errors.criteria}
        </Text>
      )}
      {draft.criteria.length === 0 && (
        <Text size="sm">No criteria yet. Add one below: a name, what the judge looks for, and what each score means.</Text>
      )}
      {draft.criteria.map((c, i) => (
        <CriterionFields
          key={c.key}
          index={i}
          count={draft.criteria.length}
          criterion={c}
          errors={errors}
          onChange={(patch) => changeCriterion(i, patch)}
          onMove={(by) => {
            const next = [...draft.criteria];
            const [moved] = next.splice(i, 1);
            if (!moved) return;
            next.splice(i + by, 0, moved);
            setCriteria(next);
          }}
          onRemove={() => {
            focusLater('rubric-add-criterion');
            setCriteria(draft.criteria.filter((_, j) => j !== i));
          }}
          focusLater={focusLater}
        />
      ))}
      <Group>
        <Button
          id="rubric-add-criterion"
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => {
            focusLater(rubricFieldId(`criteria.${draft.criteria.length}.label`));
            setCriteria([...draft.criteria, blankCriterion()]);
          }}
        >
          Add a criterion
        </Button>
      </Group>

      {saveError ? <ErrorAlert title="The rubric was not saved" error={saveError} /> : null}
      <Group gap="sm">
        <Button onClick={submit} loading={save.isPending} disabled={!dirty}>
          Save rubric
        </Button>
        {!draft.isNew && (
          <Button
            variant="default"
            disabled={!dirty}
            onClick={() => {
              setDraft(initial);
              setIssues(null);
              save.reset();
            }}
          >
            Discard changes
          </Button>
        )}
      </Group>
    </Section>
  );
}

const PROBLEMS_ID = 'rubric-problems';
