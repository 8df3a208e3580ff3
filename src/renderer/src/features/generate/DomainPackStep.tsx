import { Accordion, Badge, Button, Group, Paper, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
  sectionOf,
  serverIssues,
  type PackIssue,
  type PackPath,
  type PackSectionKey,
} from './packForm';
import { SectionBody } from './packEditor/PackSection';
import { mono, type Update } from './packEditor/shared';
import { usePackEdit } from './useGeneration';
import { IssueList } from '../../ui/IssueList';

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
  return (
    <PackEditor key={saved} pack={pack} savedJson={saved} edit={edit} notice={notice} setNotice={setNotice} onDirtyChange={onDirtyChange} />
  );
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
      <Paper
        withBorder
        p="sm"
        style={{ position: 'sticky', top: 'var(--app-shell-header-height, 64px)', zIndex: 3 }}
        aria-label="Domain pack actions"
        component="section"
      >
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
        The project&apos;s taxonomy: the lists personas, scenarios and sessions are built from. Changes apply to what you generate next. To
        work in another domain (customer support, for instance), replace these lists and the prompts; no code changes are needed.
      </Text>

      {issues && issues.length > 0 && <IssueList id={PROBLEMS_ID} issues={issues} onGoTo={mode === 'form' ? goTo : null} />}
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
        Every list and prompt in this project&apos;s pack is replaced by the built-in CBT pack
        {dirty ? ', and your unsaved changes are lost' : ''}. Personas already made keep the IDs they were made with.
      </ConfirmModal>
      <ConfirmModal
        opened={confirm === 'discard'}
        title="Discard your changes?"
        confirmLabel="Discard changes"
        onClose={() => setConfirm(null)}
        onConfirm={discard}
      >
        The pack goes back to how it was last saved.
      </ConfirmModal>
    </Stack>
  );
}

/** The form field an issue points at; a problem with a whole list or item points at its first field. */

function fieldIdFor(path: PackPath): string {
  const last = path[path.length - 1];
  if (path.length === 2 && typeof last === 'number' && (path[0] === 'ageBands' || path[0] === 'cognitiveModelFields'))
    return fieldId([path[0]]);
  if (typeof last === 'number') return fieldId([...path, 'label']);
  return fieldId(path);
}

const PROBLEMS_ID = 'pack-problems';

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
