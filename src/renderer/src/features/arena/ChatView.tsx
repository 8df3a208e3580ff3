import { ActionIcon, Anchor, Badge, Button, Group, SimpleGrid, Stack, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconPencil, IconPlayerStop, IconSend, IconTrash } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ArenaConversation } from '../../../../shared/api/arena';
import { href, navigate } from '../../lib/router';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { useProviders } from '../providers/useProviders';
import { ChatColumn } from './ChatColumn';
import { headOf, siblingCount, thread } from './threads';
import { useArenaActions, useArenaConversation } from './useArena';
import { VoteBar } from './VoteBar';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A saved side-by-side chat: its columns, one message box for all of them and, in blind mode, the vote. */
export function ChatView({ id }: { id: string }) {
  const conversation = useArenaConversation(id);
  return (
    <Stack gap="md">
      <Anchor href={href('arena')} size="sm" style={{ alignSelf: 'flex-start' }}>
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          All chats and a new one
        </Group>
      </Anchor>
      <QueryView query={conversation} loading="Loading the chat…">
        {(c) => <Chat conversation={c} />}
      </QueryView>
    </Stack>
  );
}

function Chat({ conversation: c }: { conversation: ArenaConversation }) {
  const actions = useArenaActions();
  const providers = useProviders();
  const threads = useMemo(() => c.columns.map((_, i) => thread(c.messages, c.heads[i] ?? null)), [c.columns, c.messages, c.heads]);
  // As text, so the object (and the memoized columns) change only when a branch appears.
  const branchText = useMemo(() => {
    const out: Record<string, number> = {};
    for (const m of c.messages) {
      const n = siblingCount(c.messages, m);
      if (n > 0) out[m.id] = n;
    }
    return JSON.stringify(out);
  }, [c.messages]);
  const branches = useMemo(() => JSON.parse(branchText) as Record<string, number>, [branchText]);
  const heads = c.columns.map((_, i) => headOf(c, i));
  const streaming = heads.some((h) => h?.status === 'streaming');
  const hidden = c.mode === 'blind' && c.vote === null;
  const closed = c.mode === 'blind' && c.vote !== null;

  const { mutate: stop } = actions.stop;
  const { mutate: regenerate } = actions.regenerate;
  const { mutateAsync: edit } = actions.edit;
  const onStop = useCallback((column: number) => stop({ id: c.id, column }), [stop, c.id]);
  const onRegenerate = useCallback((column: number) => regenerate({ id: c.id, column }), [regenerate, c.id]);
  const onEdit = useCallback((messageId: string, text: string) => edit({ id: c.id, messageId, text }), [edit, c.id]);
  const actionError = actions.stop.error ?? actions.regenerate.error ?? actions.edit.error;

  return (
    <Stack gap="md">
      <ChatHeader conversation={c} />
      {actionError && <ErrorAlert error={actionError} />}
      <SimpleGrid cols={{ base: 1, sm: Math.min(c.columns.length, 2), lg: c.columns.length }} spacing="md">
        {c.columns.map((col, i) => (
          <ChatColumn
            key={i}
            conversationId={c.id}
            index={i}
            column={col}
            providerName={providers.data?.find((p) => p.id === col.providerId)?.name ?? null}
            messages={threads[i]!}
            branches={branches}
            busy={streaming}
            closed={closed}
            hidden={hidden}
            onStop={onStop}
            onRegenerate={onRegenerate}
            onEdit={onEdit}
          />
        ))}
      </SimpleGrid>
      {c.mode === 'blind' && <VoteBar conversation={c} answered={heads.every((h) => h?.role === 'assistant' && h.status === 'done')} />}
      <MessageBox id={c.id} many={c.columns.length > 1} empty={c.messages.length === 0} streaming={streaming} closed={closed} />
    </Stack>
  );
}

function ChatHeader({ conversation: c }: { conversation: ArenaConversation }) {
  const { rename, remove } = useArenaActions();
  const [title, setTitle] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title?.trim()) return;
    rename.mutate({ id: c.id, title: title.trim() }, { onSuccess: () => setTitle(null) });
  };
  return (
    <Stack gap={4}>
      <Group justify="space-between" align="flex-start" gap="sm">
        {title === null ? (
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
              {c.title}
            </Title>
            <Tooltip label="Rename">
              <ActionIcon variant="subtle" aria-label="Rename this chat" onClick={() => setTitle(c.title)}>
                <IconPencil size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
        ) : (
          <form onSubmit={submit} aria-label="Rename the chat">
            <Group gap="xs" align="flex-end">
              <TextInput
                label="Title"
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                maxLength={200}
                autoFocus
                onKeyDown={(e) => e.key === 'Escape' && setTitle(null)}
              />
              <Button type="submit" loading={rename.isPending} disabled={!title.trim()}>
                Save
              </Button>
              <Button variant="default" onClick={() => setTitle(null)}>
                Cancel
              </Button>
            </Group>
          </form>
        )}
        <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setConfirm(true)}>
          Delete chat
        </Button>
      </Group>
      <Group gap="xs">
        <Badge color={c.mode === 'blind' ? 'grape' : 'gray'}>{c.mode === 'blind' ? 'Blind' : 'Named'}</Badge>
        {c.origin && (
          <Text size="sm" c="dimmed">
            Continues a conversation from <Anchor href={href('evaluate', `run:${c.origin.evalRunId}`)}>an evaluation run</Anchor>.
          </Text>
        )}
        {c.sharedSystemPrompt && (
          <Text size="sm" c="dimmed" lineClamp={1} title={c.sharedSystemPrompt} style={{ maxWidth: 640 }}>
            Shared system prompt: {c.sharedSystemPrompt}
          </Text>
        )}
      </Group>
      {rename.error && <ErrorAlert title="Could not rename the chat" error={rename.error} />}
      <ConfirmModal
        opened={confirm}
        title="Delete this chat?"
        confirmLabel="Delete chat"
        onClose={() => setConfirm(false)}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(c.id, {
            onSuccess: () => {
              setConfirm(false);
              navigate('arena');
            },
          })
        }
      >
        “{c.title}” and every answer in it go for good. Sessions already saved to the library stay
        {c.vote ? ', and so does its vote on the leaderboard' : ''}.
      </ConfirmModal>
    </Stack>
  );
}

/** Memoized on plain values: the box (and its autosize measuring) stays still while answers stream. */
const MessageBox = memo(function MessageBox({
  id,
  many,
  empty,
  streaming,
  closed,
}: {
  id: string;
  many: boolean;
  empty: boolean;
  streaming: boolean;
  closed: boolean;
}) {
  const { send, stop } = useArenaActions();
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (empty) box.current?.focus();
  }, [empty, id]);
  const canSend = text.trim() !== '' && !streaming && !closed && !send.isPending;
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!canSend) return;
    send.mutate({ id, text }, { onSuccess: () => setText('') });
  };
  return (
    <form onSubmit={submit} aria-label="Message">
      <Stack gap="xs">
        <Textarea
          ref={box}
          label={many ? 'Your message to every column' : 'Your message'}
          description={
            closed
              ? 'This blind comparison has been voted on. Start another round to keep comparing.'
              : `${isMac ? '⌘' : 'Ctrl'}+Enter sends it${many ? '; every column gets the same message and answers side by side' : ''}.`
          }
          placeholder={empty ? 'Ask something to compare the answers…' : 'Continue the conversation…'}
          autosize
          minRows={2}
          maxRows={12}
          value={text}
          disabled={closed}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e: KeyboardEvent) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <Group gap="sm">
          <Button type="submit" leftSection={<IconSend size={16} aria-hidden />} disabled={!canSend} loading={send.isPending}>
            {many ? 'Send to all' : 'Send'}
          </Button>
          {streaming && (
            <Button
              variant="light"
              color="red"
              leftSection={<IconPlayerStop size={16} aria-hidden />}
              onClick={() => stop.mutate({ id })}
              loading={stop.isPending}
            >
              Stop all
            </Button>
          )}
          {streaming && (
            <Text size="sm" c="dimmed">
              Answers are being written; send again once they are done, or stop them.
            </Text>
          )}
        </Group>
        {send.error && <ErrorAlert title="Could not send the message" error={send.error} />}
      </Stack>
    </form>
  );
});
