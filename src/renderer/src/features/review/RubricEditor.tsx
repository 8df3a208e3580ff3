import { ActionIcon, Alert, Anchor, Badge, Button, Fieldset, Group, List, NumberInput, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RubricView } from '../../../../shared/api/judging';
import { focusField } from '../../lib/focusField';
import { plural } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Section } from '../generate/RunSettings';
import {
  blankAnchor,
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

const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
const num = (v: number | string): number | '' => (typeof v === 'number' ? v : '');

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
  const changeCriterion = (i: number, patch: Partial<CriterionDraft>) => setCriteria(draft.criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)));

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
            {draft.isNew ? 'A rubric of this project; it is saved as version 1.' : `Version ${draft.version}; saving your changes makes version ${nextVersion}.`}
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

      {issues && issues.length > 0 && <IssueList issues={issues} />}

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
          description={draft.isNew ? 'Lower-case letters, digits and "-"; it cannot change after saving' : 'The ID stays: judgments refer to it'}
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
      {draft.criteria.length === 0 && <Text size="sm">No criteria yet. Add one below: a name, what the judge looks for, and what each score means.</Text>}
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

function IssueList({ issues }: { issues: RubricIssue[] }) {
  return (
    <Alert id={PROBLEMS_ID} tabIndex={-1} color="red" variant="light" icon={<IconAlertCircle aria-hidden />} title={`Not saved: ${plural(issues.length, 'problem')} to fix`} role="alert">
      <List size="sm" spacing={4}>
        {issues.map((i, n) => (
          <List.Item key={`${i.key}-${n}`}>
            <Anchor component="button" type="button" size="sm" fw={600} onClick={() => focusField(rubricFieldId(i.key))}>
              {i.where}
            </Anchor>
            : {i.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

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

function CriterionFields({ index: i, count, criterion: c, errors, onChange, onMove, onRemove, focusLater }: CriterionProps) {
  const key = (field: string) => `criteria.${i}.${field}`;
  const err = (field: string) => errors[key(field)];
  const name = c.label.trim() ? ` “${c.label.trim()}”` : '';
  const changeAnchor = (j: number, patch: Partial<CriterionDraft['anchors'][number]>) => onChange({ anchors: c.anchors.map((a, k) => (k === j ? { ...a, ...patch } : a)) });
  const span = typeof c.min === 'number' && typeof c.max === 'number' && c.max > c.min && c.max - c.min <= 20 ? c.max - c.min + 1 : 0;
  const missing = span ? Array.from({ length: span }, (_, k) => (c.min as number) + k).filter((s) => !c.anchors.some((a) => a.score === s)) : [];

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
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Move criterion ${i + 1}${name} up`} disabled={i === 0} onClick={() => onMove(-1)}>
              <IconArrowUp size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Move criterion ${i + 1}${name} down`} disabled={i === count - 1} onClick={() => onMove(1)}>
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
            <Group key={a.key} gap="sm" align="flex-start" wrap="nowrap" role="group" aria-label={`Anchor ${j + 1}${a.score === '' ? '' : ` (score ${a.score})`}`}>
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
              <Button size="xs" variant="subtle" onClick={() => onChange({ anchors: [...c.anchors, ...missing.map(blankAnchor)].sort((x, y) => Number(x.score) - Number(y.score)) })}>
                Add an anchor for every score ({missing.length} missing)
              </Button>
            )}
          </Group>
        </Stack>
      </Stack>
    </Fieldset>
  );
}
