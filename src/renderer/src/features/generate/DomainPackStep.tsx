import {
  Accordion,
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DomainPack } from '../../../../shared/domain/domainPack';
import { focusField } from '../../lib/focusField';
import { plural } from '../../lib/format';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import {
  checkPack,
  checkPackText,
  errorsByKey,
  fieldId,
  PACK_SECTIONS,
  pathKey,
  sectionOf,
  serverIssues,
  slugify,
  type PackIssue,
  type PackPath,
  type PackSectionKey,
} from './packForm';
import { usePackEdit } from './useGeneration';

type Update = <K extends keyof DomainPack>(key: K, value: DomainPack[K]) => void;
type Errors = Record<string, string>;
type ListKey = 'distortions' | 'styles' | 'presentingProblems' | 'severities' | 'riskLevels' | 'techniques';
type Item = { id: string; label: string } & Record<string, unknown>;

const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, lineHeight: 1.5 } };

/**
 * The project's taxonomy as data a clinician edits: one section per part of the pack, items added,
 * changed and removed with labelled fields, checked before saving with each problem named. Power
 * users can edit the whole pack as JSON, for example to switch the project to another domain.
 */
export function DomainPackStep({ pack, onDirtyChange }: { pack: DomainPack; onDirtyChange?: (dirty: boolean) => void }) {
  const edit = usePackEdit();
  const [notice, setNotice] = useState<string | null>(null);
  // A save or a reset gives a new saved pack; the editor then starts again from what the backend holds.
  const saved = useMemo(() => JSON.stringify(pack), [pack]);
  return <PackEditor key={saved} pack={pack} savedJson={saved} edit={edit} notice={notice} setNotice={setNotice} onDirtyChange={onDirtyChange} />;
}

interface EditorProps {
  pack: DomainPack;
  savedJson: string;
  edit: ReturnType<typeof usePackEdit>;
  notice: string | null;
  setNotice: (n: string | null) => void;
  onDirtyChange: ((dirty: boolean) => void) | undefined;
}

function PackEditor({ pack, savedJson, edit, notice, setNotice, onDirtyChange }: EditorProps) {
  const [draft, setDraft] = useState<DomainPack>(pack);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [jsonText, setJsonText] = useState('');
  const [jsonBase, setJsonBase] = useState('');
  const [issues, setIssues] = useState<PackIssue[] | null>(null);
  const [opened, setOpened] = useState<string[]>(['distortions']);
  const [confirm, setConfirm] = useState<'reset' | 'discard' | null>(null);
  const focusNextRef = useRef<string | null>(null);
  const focusLater = useCallback((id: string) => {
    focusNextRef.current = id;
  }, []);

  const dirty = JSON.stringify(draft) !== savedJson || (mode === 'json' && jsonText !== jsonBase);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);
  useEffect(() => {
    if (!focusNextRef.current) return;
    focusField(focusNextRef.current);
    focusNextRef.current = null;
  });

  const update: Update = useCallback((key, value) => setDraft((d) => ({ ...d, [key]: value })), []);
  const errors = useMemo(() => errorsByKey(issues ?? []), [issues]);
  const savedIds = useMemo(() => savedIdSets(pack), [pack]);

  /** The problems, listed at the top with focus on the list (from there each links to its field), and their sections opened. */
  const showIssues = (found: PackIssue[]) => {
    setIssues(found);
    focusLater(PROBLEMS_ID);
    if (mode === 'form') setOpened((o) => [...new Set([...o, ...found.map((i) => sectionOf(i.path))])]);
  };

  const save = () => {
    const check = mode === 'json' ? checkPackText(jsonText) : checkPack(draft);
    if (!check.ok) {
      showIssues(check.issues);
      return;
    }
    setIssues(null);
    edit.save.mutate(check.pack, {
      onSuccess: () => setNotice('Saved. Personas, scenarios and the prompts now use this pack.'),
      onError: (err) => {
        const found = serverIssues(err, check.pack);
        if (found) showIssues(found);
      },
    });
  };

  const toggleJson = (on: boolean) => {
    if (on) {
      const text = JSON.stringify(draft, null, 2);
      setJsonText(text);
      setJsonBase(text);
      setIssues(null);
      setMode('json');
      return;
    }
    const check = checkPackText(jsonText);
    if (!check.ok) {
      showIssues(check.issues);
      return;
    }
    setDraft(check.pack);
    setIssues(null);
    setMode('form');
  };

  const discard = () => {
    setDraft(pack);
    const text = JSON.stringify(pack, null, 2);
    setJsonText(text);
    setJsonBase(text);
    setIssues(null);
    edit.save.reset();
    setConfirm(null);
  };

  const goTo = (issue: PackIssue) => {
    const section = sectionOf(issue.path);
    setOpened((o) => (o.includes(section) ? o : [...o, section]));
    const target = fieldIdFor(issue.path);
    // An open section's field is there now; a closed one's appears once the section opens.
    if (!focusField(target)) focusLater(target);
  };

  const issueCount = (section: PackSectionKey) => (issues ?? []).filter((i) => sectionOf(i.path) === section).length;
  const saveError = edit.save.error && !serverIssues(edit.save.error, draft) ? edit.save.error : null;

  return (
    <Stack gap="md">
      <Paper withBorder p="sm" style={{ position: 'sticky', top: 'var(--app-shell-header-height, 64px)', zIndex: 3 }} aria-label="Domain pack actions" component="section">
        <Group justify="space-between" gap="sm">
          <Group gap="sm">
            <Title order={2} size="h4">
              {draft.name.trim() || 'Untitled pack'}
            </Title>
            <Text size="sm" c="dimmed">
              version {draft.version}
            </Text>
            <Text role="status" aria-label="Pack save state" size="sm" component="span">
              {dirty ? (
                <Badge color="yellow" variant="light" tt="none" size="lg">
                  Unsaved changes
                </Badge>
              ) : notice ? (
                <Text span size="sm" c="teal.8">
                  {notice}
                </Text>
              ) : null}
            </Text>
          </Group>
          <Group gap="sm">
            <Switch label="Advanced: edit as JSON" checked={mode === 'json'} onChange={(e) => toggleJson(e.currentTarget.checked)} />
            <Button variant="default" disabled={!dirty} onClick={() => setConfirm('discard')}>
              Discard changes
            </Button>
            <Button variant="default" color="red" onClick={() => setConfirm('reset')}>
              Reset to built-in CBT pack
            </Button>
            <Button onClick={save} loading={edit.save.isPending} disabled={!dirty}>
              Save pack
            </Button>
          </Group>
        </Group>
      </Paper>

      <Text size="sm" c="dimmed" maw={900}>
        The project&apos;s taxonomy: the lists personas, scenarios and sessions are built from. Changes apply to what you generate next. To work in another domain (customer
        support, for instance), replace these lists and the prompts; no code changes are needed.
      </Text>

      {issues && issues.length > 0 && <IssueList issues={issues} onGoTo={mode === 'form' ? goTo : null} />}
      {saveError ? <ErrorAlert title="The pack was not saved" error={saveError} /> : null}

      {mode === 'json' ? (
        <Textarea
          label="The whole pack as JSON"
          description="Checked when you save or switch back to the form. Paste another domain's pack here to switch domain."
          value={jsonText}
          onChange={(e) => setJsonText(e.currentTarget.value)}
          autosize
          minRows={20}
          maxRows={40}
          spellCheck={false}
          error={issues?.length ? 'See the problems listed above.' : undefined}
          styles={mono}
        />
      ) : (
        <Accordion multiple value={opened} onChange={setOpened} variant="separated" order={3}>
          {PACK_SECTIONS.map((s) => (
            <Accordion.Item key={s.key} value={s.key}>
              <Accordion.Control>
                <Group gap="sm">
                  <Text fw={600}>{s.title}</Text>
                  {s.key !== 'general' && (
                    <Badge variant="light" color="gray" tt="none">
                      {countOf(draft, s.key)}
                    </Badge>
                  )}
                  {issueCount(s.key) > 0 && (
                    <Badge variant="filled" color="red" tt="none">
                      {plural(issueCount(s.key), 'problem')}
                    </Badge>
                  )}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <SectionBody section={s.key} draft={draft} update={update} errors={errors} savedIds={savedIds} focusLater={focusLater} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}

      <ConfirmModal
        opened={confirm === 'reset'}
        title="Reset to the built-in CBT pack?"
        confirmLabel="Reset the pack"
        onClose={() => setConfirm(null)}
        busy={edit.reset.isPending}
        error={edit.reset.error}
        onConfirm={() =>
          edit.reset.mutate(undefined, {
            onSuccess: (builtIn) => {
              setDraft(builtIn);
              setIssues(null);
              setMode('form');
              setConfirm(null);
              setNotice('Reset to the built-in CBT pack.');
            },
          })
        }
      >
        Every list and prompt in this project&apos;s pack is replaced by the built-in CBT pack{dirty ? ', and your unsaved changes are lost' : ''}. Personas already made keep
        the IDs they were made with.
      </ConfirmModal>
      <ConfirmModal opened={confirm === 'discard'} title="Discard your changes?" confirmLabel="Discard changes" onClose={() => setConfirm(null)} onConfirm={discard}>
        The pack goes back to how it was last saved.
      </ConfirmModal>
    </Stack>
  );
}

/** The form field an issue points at; a problem with a whole list or item points at its first field. */
function fieldIdFor(path: PackPath): string {
  const last = path[path.length - 1];
  if (path.length === 2 && typeof last === 'number' && (path[0] === 'ageBands' || path[0] === 'cognitiveModelFields')) return fieldId([path[0]]);
  if (typeof last === 'number') return fieldId([...path, 'label']);
  return fieldId(path);
}

const PROBLEMS_ID = 'pack-problems';

function IssueList({ issues, onGoTo }: { issues: PackIssue[]; onGoTo: ((issue: PackIssue) => void) | null }) {
  return (
    <Alert id={PROBLEMS_ID} tabIndex={-1} color="red" variant="light" icon={<IconAlertCircle aria-hidden />} title={`Not saved: ${plural(issues.length, 'problem')} to fix`} role="alert">
      <List size="sm" spacing={4}>
        {issues.map((i, n) => (
          <List.Item key={`${i.key}-${n}`}>
            {onGoTo ? (
              <Anchor component="button" type="button" size="sm" onClick={() => onGoTo(i)} fw={600}>
                {i.where}
              </Anchor>
            ) : (
              <Text span size="sm" fw={600}>
                {i.where}
              </Text>
            )}
            : {i.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function countOf(pack: DomainPack, key: PackSectionKey): number {
  if (key === 'general') return 0;
  if (key === 'prompts') return Object.keys(pack.prompts).length;
  if (key === 'coreBeliefs') return pack.coreBeliefs.reduce((n, g) => n + g.beliefs.length, 0);
  return pack[key].length;
}

function savedIdSets(pack: DomainPack): Record<string, Set<string>> {
  return {
    distortions: new Set(pack.distortions.map((x) => x.id)),
    styles: new Set(pack.styles.map((x) => x.id)),
    presentingProblems: new Set(pack.presentingProblems.map((x) => x.id)),
    severities: new Set(pack.severities.map((x) => x.id)),
    riskLevels: new Set(pack.riskLevels.map((x) => x.id)),
    techniques: new Set(pack.techniques.map((x) => x.id)),
    coreBeliefGroups: new Set(pack.coreBeliefs.map((g) => g.group)),
    coreBeliefs: new Set(pack.coreBeliefs.flatMap((g) => g.beliefs.map((b) => b.id))),
  };
}

/** A new item's id follows its name until the person types an id of their own; saved ids never change by themselves. */
function followName(item: { id: string; label: string }, label: string, saved: Set<string> | undefined, separator = '-'): string {
  const auto = !saved?.has(item.id) && (item.id === '' || item.id === slugify(item.label, separator));
  return auto ? slugify(label, separator) : item.id;
}

interface SectionProps {
  section: PackSectionKey;
  draft: DomainPack;
  update: Update;
  errors: Errors;
  savedIds: Record<string, Set<string>>;
  focusLater: (id: string) => void;
}

/** One section's fields; only the sections whose data changed render again on a keystroke. */
function SectionBody({ section, draft, update, errors, savedIds, focusLater }: SectionProps) {
  switch (section) {
    case 'general':
      return <GeneralFields pack={draft} update={update} errors={errors} />;
    case 'coreBeliefs':
      return <CoreBeliefs groups={draft.coreBeliefs} update={update} errors={errors} savedGroups={savedIds.coreBeliefGroups} savedBeliefs={savedIds.coreBeliefs} focusLater={focusLater} />;
    case 'ageBands':
      return (
        <StringList
          listKey="ageBands"
          values={draft.ageBands}
          update={update}
          errors={errors}
          label="Age bands"
          description="The age ranges personas are drawn from, such as 25-34 or 65+. Type one and press Enter; Backspace removes the last."
        />
      );
    case 'cognitiveModelFields':
      return (
        <StringList
          listKey="cognitiveModelFields"
          values={draft.cognitiveModelFields}
          update={update}
          errors={errors}
          label="Fields of a scenario's cognitive model"
          description="The parts each scenario fills in (situation, automatic thought…). Type one and press Enter."
        />
      );
    case 'prompts':
      return <PromptTemplates prompts={draft.prompts} update={update} errors={errors} />;
    default:
      return <LabelledList spec={LIST_SPECS[section]} items={draft[section] as unknown as Item[]} update={update} errors={errors} saved={savedIds[section]} focusLater={focusLater} />;
  }
}

const GeneralFields = memo(function GeneralFields({ pack, update, errors }: { pack: DomainPack; update: Update; errors: Errors }) {
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
      <Textarea label="System prompt" description="The counselor's standing instructions in generated sessions" autosize minRows={4} maxRows={16} required {...text('systemPrompt')} />
    </Stack>
  );
});

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

const LIST_SPECS: Record<ListKey, ListSpec> = {
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

const LabelledList = memo(function LabelledList({ spec, items, update, errors, saved, focusLater }: ListProps) {
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
    <ActionIcon variant="subtle" color="red" size="lg" aria-label={`Remove ${spec.noun} ${i + 1}${item.label ? ` “${item.label}”` : ''}`} onClick={() => remove(i)}>
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

interface BeliefProps {
  groups: DomainPack['coreBeliefs'];
  update: Update;
  errors: Errors;
  savedGroups: Set<string> | undefined;
  savedBeliefs: Set<string> | undefined;
  focusLater: (id: string) => void;
}

const CoreBeliefs = memo(function CoreBeliefs({ groups, update, errors, savedGroups, savedBeliefs, focusLater }: BeliefProps) {
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
                  onChange={(e) => change(i, { label: e.currentTarget.value, group: followName({ id: g.group, label: g.label }, e.currentTarget.value, savedGroups) })}
                />
                <TextInput id={fieldId(['coreBeliefs', i, 'group'])} label="Group ID" required value={g.group} error={err(i, 'group')} onChange={(e) => change(i, { group: e.currentTarget.value })} styles={mono} />
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
                <Group key={k} gap="sm" align="flex-start" wrap="nowrap" role="group" aria-label={`Belief ${k + 1}${b.label ? `: ${b.label}` : ''}`}>
                  <TextInput
                    id={fieldId(['coreBeliefs', i, 'beliefs', k, 'label'])}
                    label="Belief"
                    required
                    value={b.label}
                    error={err(i, 'beliefs', k, 'label')}
                    onChange={(e) => changeBelief(i, k, { label: e.currentTarget.value, id: followName(b, e.currentTarget.value, savedBeliefs) })}
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

interface StringListProps {
  listKey: 'ageBands' | 'cognitiveModelFields';
  values: string[];
  update: Update;
  errors: Errors;
  label: string;
  description: string;
}

const StringList = memo(function StringList({ listKey, values, update, errors, label, description }: StringListProps) {
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

const PromptTemplates = memo(function PromptTemplates({ prompts, update, errors }: { prompts: DomainPack['prompts']; update: Update; errors: Errors }) {
  const names = Object.keys(prompts);
  const change = (name: string, patch: Partial<DomainPack['prompts'][string]>) => {
    const current = prompts[name];
    if (current) update('prompts', { ...prompts, [name]: { ...current, ...patch } });
  };
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        The pack&apos;s own prompt templates. A version saved in the Prompts tab takes precedence over the pack&apos;s version of the same prompt.
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

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
