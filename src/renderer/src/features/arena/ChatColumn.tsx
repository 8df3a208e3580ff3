import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconBooks, IconPencil, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { memo, useCallback, useDeferredValue, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ArenaColumn, ArenaMessage, ArenaMessageStatus } from '../../../../shared/api/arena';
import { href } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import classes from './arena.module.css';
import { useLiveText } from './liveText';
import { SafeMarkdown, StreamingMarkdown } from './SafeMarkdown';
import { useSaveToLibrary } from './useArena';

const statusInfo: Record<ArenaMessageStatus, { label: string; color: string }> = {
  streaming: { label: 'Writing…', color: 'blue' },
  done: { label: 'Answered', color: 'green' },
  stopped: { label: 'Stopped', color: 'gray' },
  error: { label: 'Failed', color: 'red' },
};

export interface ColumnProps {
  conversationId: string;
  index: number;
  column: ArenaColumn & { label: string; revealed: boolean };
  providerName: string | null;
  /** The column's active thread, oldest first. */
  messages: ArenaMessage[];
  /** Per message id: how many earlier versions of it are kept as branches. */
  branches: Record<string, number>;
  /** Another column is writing, or the conversation is closed to new turns. */
  busy: boolean;
  closed: boolean;
  /** Blind and not voted yet: nothing here may name the model. */
  hidden: boolean;
  onStop: (column: number) => void;
  onRegenerate: (column: number) => void;
  onEdit: (messageId: string, text: string) => Promise<unknown>;
}

/** One model's side of the chat: its header and actions, then its thread, which scrolls on its own. */
export const ChatColumn = memo(ChatColumnView, sameColumn);

/**
 * Threads are rebuilt whenever any message of the conversation changes; a column whose own messages
 * are the same objects as before skips its render.
 */
function sameColumn(a: ColumnProps, b: ColumnProps): boolean {
  for (const key of Object.keys(a) as (keyof ColumnProps)[]) {
    if (key === 'messages') {
      if (a.messages.length !== b.messages.length || a.messages.some((m, i) => m !== b.messages[i])) return false;
    } else if (a[key] !== b[key]) return false;
  }
  return true;
}

function ChatColumnView({
  conversationId,
  index,
  column,
  providerName,
  messages,
  branches,
  busy,
  closed,
  hidden,
  onStop,
  onRegenerate,
  onEdit,
}: ColumnProps) {
  const head = messages.at(-1) ?? null;
  const streaming = head?.status === 'streaming';
  const lastAnswer = head?.role === 'assistant' ? head : null;
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  /** Where this code last scrolled to, so its own scrolling is not taken for the reader's. */
  const autoTop = useRef<number | null>(null);
  const name = `column ${index + 1} (${column.label})`;

  // Follows the thread as it grows while the reader is at the bottom; scrolling up stops following.
  const follow = useCallback(() => {
    const el = scroller.current;
    if (!el || !pinned.current) return;
    el.scrollTop = el.scrollHeight;
    autoTop.current = el.scrollTop;
  }, []);
  useEffect(() => {
    if (!content.current) return;
    const observer = new ResizeObserver(follow);
    observer.observe(content.current);
    return () => observer.disconnect();
  }, [follow]);

  const settings = [
    providerName,
    column.temperature !== null ? `temperature ${column.temperature}` : null,
    column.maxTokens !== null ? `max ${column.maxTokens} tokens` : null,
    column.systemPrompt !== null ? 'own system prompt' : null,
  ].filter(Boolean);

  return (
    <Paper component="section" aria-label={`Column ${index + 1}: ${column.label}`} p="sm" style={{ minWidth: 0 }}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Title
              order={3}
              size="h4"
              style={{ overflowWrap: 'anywhere' }}
              title={hidden ? undefined : `${column.model}${providerName ? ` at ${providerName} (provider id ${column.providerId})` : ''}`}
            >
              {column.label}
            </Title>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {hidden ? 'The model is hidden until you vote.' : settings.join(' · ') || 'Provider defaults'}
            </Text>
          </div>
          <div role="status" aria-label={`Status of ${name}`}>
            {head?.role === 'assistant' && <Badge color={statusInfo[head.status].color}>{statusInfo[head.status].label}</Badge>}
          </div>
        </Group>
        <Group gap="xs">
          {streaming ? (
            <Button
              size="xs"
              variant="light"
              color="red"
              leftSection={<IconPlayerStop size={16} aria-hidden />}
              onClick={() => onStop(index)}
              aria-label={`Stop ${name}`}
            >
              Stop
            </Button>
          ) : (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={16} aria-hidden />}
              onClick={() => onRegenerate(index)}
              disabled={!lastAnswer || busy || closed}
              aria-label={`Regenerate ${name}`}
            >
              Regenerate
            </Button>
          )}
          {!hidden && (
            <SaveToLibrary
              conversationId={conversationId}
              column={index}
              name={name}
              disabled={streaming || !messages.some((m) => m.role === 'assistant' && m.text.trim() !== '')}
            />
          )}
        </Group>
        <div
          ref={scroller}
          className={classes.scroller}
          tabIndex={0}
          role="log"
          aria-label={`Messages of ${name}`}
          onScroll={(e) => {
            const el = e.currentTarget;
            if (autoTop.current !== null && Math.abs(el.scrollTop - autoTop.current) < 2) return;
            autoTop.current = null;
            pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
          }}
        >
          <div ref={content}>
            {messages.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing asked yet. Write a message below; this model’s answer appears here.
              </Text>
            ) : (
              <Stack gap="sm">
                {messages.map((m) =>
                  m.role === 'user' ? (
                    <UserTurn key={m.id} message={m} branches={branches[m.id] ?? 0} editable={!busy && !closed} onEdit={onEdit} />
                  ) : (
                    <AssistantTurn key={m.id} message={m} branches={branches[m.id] ?? 0} />
                  ),
                )}
              </Stack>
            )}
          </div>
        </div>
      </Stack>
    </Paper>
  );
}

function SaveToLibrary({
  conversationId,
  column,
  name,
  disabled,
}: {
  conversationId: string;
  column: number;
  name: string;
  disabled: boolean;
}) {
  const save = useSaveToLibrary();
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconBooks size={16} aria-hidden />}
        onClick={() => save.mutate({ id: conversationId, column })}
        loading={save.isPending}
        disabled={disabled}
        aria-label={`Save ${name} to the library`}
      >
        Save to library
      </Button>
      {save.data && (
        <Anchor size="sm" href={href('library', save.data.sessionId)}>
          Saved: open in the library
        </Anchor>
      )}
      {save.error && <ErrorAlert title="Could not save to the library" error={save.error} />}
    </>
  );
}

function UserTurn({
  message,
  branches,
  editable,
  onEdit,
}: {
  message: ArenaMessage;
  branches: number;
  editable: boolean;
  onEdit: (messageId: string, text: string) => Promise<unknown>;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!draft?.trim() || pending) return;
    setPending(true);
    onEdit(message.id, draft)
      .then(
        () => setDraft(null),
        () => undefined,
      )
      .finally(() => setPending(false));
  };
  if (draft !== null) {
    return (
      <form onSubmit={submit} aria-label="Edit your message">
        <Stack gap={6}>
          <Textarea
            label="Your message, edited"
            description="Sends it again to every column; the later turns stay on the old branch. Ctrl+Enter sends."
            autosize
            minRows={2}
            maxRows={10}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e: KeyboardEvent) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
              if (e.key === 'Escape') setDraft(null);
            }}
            data-autofocus
            autoFocus
          />
          <Group gap="xs">
            <Button size="xs" type="submit" loading={pending} disabled={!draft.trim() || !editable}>
              Send edited message
            </Button>
            <Button size="xs" variant="default" onClick={() => setDraft(null)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    );
  }
  return (
    <div>
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed" fw={600}>
          You{branches > 0 ? ' · edited (the earlier version is kept as a branch)' : ''}
        </Text>
        {editable && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPencil size={14} aria-hidden />}
            onClick={() => setDraft(message.text)}
            aria-label="Edit this message"
          >
            Edit
          </Button>
        )}
      </Group>
      <div className={classes.user}>{message.text}</div>
    </div>
  );
}

function AssistantTurn({ message, branches }: { message: ArenaMessage; branches: number }) {
  return (
    <div className={classes.assistant} data-status={message.status} role="article" aria-label="Answer">
      <Text size="xs" c="dimmed" fw={600}>
        Answer{branches > 0 ? ` · ${branches} earlier answer${branches === 1 ? '' : 's'} kept` : ''}
        {message.status === 'stopped' ? ' · stopped' : ''}
      </Text>
      {message.status === 'error' ? (
        <Alert color="red" variant="light" title="This answer failed" role="alert" p="xs">
          <Text size="sm">{message.error ?? 'The provider gave no reason.'}</Text>
          <Text size="sm" c="dimmed">
            Regenerate to try again.
          </Text>
        </Alert>
      ) : (
        <AnswerBody message={message} />
      )}
    </div>
  );
}

/**
 * An answer's text. While it streams only this component re-renders, at most once a frame, and
 * only its last markdown block is parsed again. Rendering is deferred (interruptible, lower
 * priority than typing and clicks), and so is the one full parse when the answer finishes.
 */
function AnswerBody({ message }: { message: ArenaMessage }) {
  const streaming = message.status === 'streaming';
  const live = useLiveText(message.id, message.text);
  const shown = useDeferredValue(streaming ? live : message.text);
  const whole = useDeferredValue(!streaming);
  if (shown.trim() === '') {
    return (
      <Text size="sm" c="dimmed" aria-busy={streaming || undefined}>
        {streaming
          ? 'Waiting for the first words…'
          : message.status === 'stopped'
            ? 'Stopped before the first words.'
            : 'The model answered with nothing.'}
      </Text>
    );
  }
  return <div aria-busy={streaming || undefined}>{whole ? <SafeMarkdown text={shown} /> : <StreamingMarkdown text={shown} />}</div>;
}
