import { Accordion, Alert, Anchor, Button, CloseButton, Grid, Group, Paper, Stack, TagsInput, Text, Textarea, Title } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconPlus, IconShieldSearch } from '@tabler/icons-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ApiCallError } from '../../../../shared/api/client';
import type { SessionDetail, SessionStatus } from '../../../../shared/domain/session';
import { errorMessage } from '../../lib/errors';
import { plural } from '../../lib/format';
import { href } from '../../lib/router';
import { sessionStatusLabel } from '../../ui/badges';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { useApplyRedactions, useDetectRedactions, useSession, useSessionTags } from '../library/useSessions';
import { EditorHeader } from './EditorHeader';
import { STATUS_SUMMARY } from './editorStore';
import { HistoryPanel } from './HistoryPanel';
import { ImportDetails } from './ImportDetails';
import { RedactionPanel } from './RedactionPanel';
import { decideMention } from '../../../../shared/domain/mentionDecisions';
import { readRedaction, type Decision, type Detection, type RedactionMode } from './redaction';
import { TurnCard } from './TurnCard';
import { useSessionEditor } from './useSessionEditor';
import { useTurnEditing } from './useTurnEditing';

/** A session opened from the library (`#/library/<id>`): read it as a chat, edit, review, approve. */
export function SessionEditor({ id }: { id: string }) {
  const session = useSession(id);
  return (
    <Stack gap="md">
      <Anchor href={href('library')} size="sm" style={{ alignSelf: 'flex-start' }}>
        <Group gap={4}>
          <IconArrowLeft size={16} aria-hidden />
          Back to the library
        </Group>
      </Anchor>
      <QueryView query={session} loading="Loading the session…">
        {(s) => <EditorBody key={s.id} session={s} />}
      </QueryView>
    </Stack>
  );
}

const noDetections: Detection[] = [];
const noDecisions: Record<string, Decision> = {};

/** The editor itself, for a loaded session: used by the library's editor page and in place in the review queue. */
export function EditorBody({ session }: { session: SessionDetail }) {
  const { store, snapshot } = useSessionEditor(session);
  const { draft } = snapshot;
  const tags = useSessionTags();
  const redaction = useMemo(() => readRedaction(session.redaction), [session.redaction]);
  const pending = redaction?.status === 'pending' ? redaction : null;
  const [ownDecisions, setDecisions] = useState<Record<string, Decision>>({});
  // Decisions taken in the Personal details queue show here too; the person's own ones win.
  const storedDecisions = pending?.decisions;
  const decisions = useMemo(() => ({ ...storedDecisions, ...ownDecisions }), [storedDecisions, ownDecisions]);
  const [mode, setMode] = useState<RedactionMode | null>(null);
  const apply = useApplyRedactions();
  const detect = useDetectRedactions();
  const panelRef = useRef<HTMLDivElement>(null);
  const { editingKey, activeKey, focus, turnOps, onTurn } = useTurnEditing(store);
  const locked = pending !== null;

  const setStatus = (status: SessionStatus) =>
    store.apply(`${STATUS_SUMMARY}${sessionStatusLabel(status)}`, (d) => (d.status === status ? d : { ...d, status }), { immediate: true });

  const showPanel = () => {
    panelRef.current?.scrollIntoView({ block: 'start' });
    panelRef.current?.focus({ preventScroll: true });
  };

  useWindowEvent('keydown', (e) => {
    if (e.defaultPrevented || (e.target instanceof Element && e.target.closest('[role="dialog"]'))) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const turnKey = editingKey ?? activeKey;
    const run = (f: () => void) => {
      e.preventDefault();
      f();
    };
    if (mod && !e.shiftKey && !e.altKey && key === 'z') return run(() => store.undo());
    if ((mod && e.shiftKey && key === 'z') || (mod && !e.shiftKey && key === 'y')) return run(() => store.redo());
    if (mod && e.shiftKey && key === 'a') return run(() => setStatus('approved'));
    if (locked) return;
    if (e.altKey && !mod && (e.key === 'ArrowUp' || e.key === 'ArrowDown') && turnKey)
      return run(() => turnOps.move(turnKey, e.key === 'ArrowUp' ? -1 : 1));
    if (mod && !e.shiftKey && e.key === 'Enter') return run(() => turnOps.insertAfter(turnKey ?? draft.turns.at(-1)?.key ?? null));
    if (mod && e.shiftKey && key === 's' && turnKey) return run(() => turnOps.split(turnKey));
    if (mod && e.shiftKey && key === 'm' && turnKey) return run(() => turnOps.mergeWithNext(turnKey));
  });

  const detectionsByTurn = useMemo(() => {
    const map = new Map<number, Detection[]>();
    for (const d of pending?.detections ?? []) map.set(d.turnIndex, [...(map.get(d.turnIndex) ?? []), d]);
    return map;
  }, [pending]);
  const decide = (ids: string[], decision: Decision) =>
    setDecisions((current) => ({ ...current, ...Object.fromEntries(ids.map((i) => [i, decision])) }));
  // Toggling one mention decides the whole entity's undecided mentions too ("Maria" kept keeps "MARIA").
  const pendingDetections = pending?.detections;
  const toggleDetection = useCallback(
    (id: string) =>
      setDecisions((current) =>
        decideMention(
          pendingDetections ?? [],
          { ...storedDecisions, ...current },
          id,
          ({ ...storedDecisions, ...current }[id] ?? 'accepted') === 'accepted' ? 'rejected' : 'accepted',
        ),
      ),
    [pendingDetections, storedDecisions],
  );
  const applyRedactions = () => {
    if (!pending) return;
    const all = Object.fromEntries(pending.detections.map((d) => [d.id, decisions[d.id] ?? 'accepted'])) as Record<string, Decision>;
    void store
      .flush()
      .then(() => apply.mutate({ id: session.id, decisions: all, mode: mode ?? pending.mode }, { onSuccess: (s) => store.receive(s) }));
  };

  const refused = snapshot.refused;

  return (
    <Stack gap="lg">
      <EditorHeader
        session={session}
        snapshot={snapshot}
        onTitle={(title) => store.apply('Renamed', (d) => ({ ...d, title }), { coalesce: 'title' })}
        onTitleBlur={() => store.endTyping()}
        onStatus={setStatus}
        onUndo={() => store.undo()}
        onRedo={() => store.redo()}
        onRetry={() => store.retry()}
      />
      {refused && (
        <Alert
          color="orange"
          variant="light"
          role="alert"
          icon={<IconAlertTriangle aria-hidden />}
          title={`Not ${sessionStatusLabel(refused.status).toLowerCase()}`}
        >
          <Group justify="space-between" wrap="nowrap" gap="md">
            <Text size="sm">{errorMessage(refused.error)}</Text>
            <Group gap="xs" wrap="nowrap">
              {pending && (
                <Button size="xs" color="orange" onClick={showPanel} style={{ flexShrink: 0 }}>
                  Review the personal details
                </Button>
              )}
              <CloseButton size="sm" aria-label="Dismiss" onClick={() => store.dismissRefusal()} />
            </Group>
          </Group>
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: pending ? 7 : 8 }}>
          <Stack gap="md">
            {pending && !refused && (
              <Alert
                color="orange"
                variant="light"
                icon={<IconShieldSearch aria-hidden />}
                title={`${plural(pending.detections.length, 'personal detail')} to review`}
              >
                <Group justify="space-between" wrap="nowrap" gap="md">
                  <Text size="sm">
                    They are marked in the conversation. Turn text can be edited once they are reviewed, so their positions stay right.
                  </Text>
                  <Button size="xs" color="orange" variant="white" onClick={showPanel} style={{ flexShrink: 0 }}>
                    Review them
                  </Button>
                </Group>
              </Alert>
            )}
            <Accordion variant="contained">
              <Accordion.Item value="system">
                <Accordion.Control>System prompt</Accordion.Control>
                <Accordion.Panel>
                  <Textarea
                    aria-label="System prompt"
                    description="Sent before the conversation when training on this session. Empty: none."
                    value={draft.systemPrompt ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      store.apply('Edited the system prompt', (d) => ({ ...d, systemPrompt: value === '' ? null : value }), {
                        coalesce: 'system',
                      });
                    }}
                    onBlur={() => store.endTyping()}
                    autosize
                    minRows={3}
                    maxRows={16}
                  />
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
            {draft.turns.length === 0 ? (
              <Paper>
                <Text c="dimmed">This session has no turns.</Text>
              </Paper>
            ) : (
              <Stack gap="sm" component="ol" aria-label="Conversation" p={0} m={0} style={{ listStyle: 'none' }}>
                {draft.turns.map((turn, i) => (
                  <TurnCard
                    key={turn.key}
                    turn={turn}
                    index={i}
                    count={draft.turns.length}
                    editing={editingKey === turn.key}
                    active={activeKey === turn.key}
                    locked={locked}
                    focusToken={focus.key === turn.key ? focus.token : 0}
                    detections={detectionsByTurn.get(i) ?? noDetections}
                    decisions={locked ? decisions : noDecisions}
                    onToggleDetection={toggleDetection}
                    onTurn={onTurn}
                  />
                ))}
              </Stack>
            )}
            {!locked && (
              <Button
                variant="default"
                leftSection={<IconPlus size={18} aria-hidden />}
                onClick={() => turnOps.insertAfter(draft.turns.at(-1)?.key ?? null)}
                style={{ alignSelf: 'center' }}
              >
                Add a turn at the end
              </Button>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: pending ? 5 : 4 }}>
          <Stack gap="md">
            {pending && (
              <RedactionPanel
                ref={panelRef}
                detections={pending.detections}
                decisions={decisions}
                onDecide={decide}
                mode={mode ?? pending.mode}
                onMode={setMode}
                onApply={applyRedactions}
                applying={apply.isPending}
                error={apply.error}
              />
            )}
            <Paper p="md">
              <Stack gap="sm">
                <Title order={2} size="h3">
                  About this session
                </Title>
                <TagsInput
                  label="Tags"
                  placeholder={draft.tags.length ? '' : 'Add a tag and press Enter'}
                  data={(tags.data ?? []).map((t) => t.tag)}
                  value={draft.tags}
                  onChange={(value) => store.apply('Changed the tags', (d) => ({ ...d, tags: value.map((t) => t.trim()).filter(Boolean) }))}
                  clearable
                  maxTags={50}
                />
                <Textarea
                  label="Notes"
                  placeholder="For you and your team; not used in training."
                  value={draft.notes ?? ''}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    store.apply('Edited the notes', (d) => ({ ...d, notes: value === '' ? null : value }), { coalesce: 'notes' });
                  }}
                  onBlur={() => store.endTyping()}
                  autosize
                  minRows={2}
                  maxRows={10}
                />
                {!pending && redaction?.status !== 'applied' && session.source === 'real' && (
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={<IconShieldSearch size={16} aria-hidden />}
                    onClick={() => detect.mutate(session.id)}
                    loading={detect.isPending}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    Find personal details
                  </Button>
                )}
                {detect.isError && <DetectError error={detect.error} />}
              </Stack>
            </Paper>
            <Paper p="md">
              <Title order={2} size="h3" mb="xs">
                Edit history
              </Title>
              <HistoryPanel id={session.id} store={store} />
            </Paper>
            <Accordion variant="contained">
              <Accordion.Item value="details">
                <Accordion.Control>Import details</Accordion.Control>
                <Accordion.Panel>
                  <ImportDetails session={session} />
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function DetectError({ error }: { error: unknown }) {
  if (error instanceof ApiCallError && error.code === 'NOT_FOUND') {
    return (
      <Text size="sm" c="red.8" role="alert">
        This version of the backend cannot look for personal details in a saved session yet.
      </Text>
    );
  }
  return <ErrorAlert error={error} />;
}
