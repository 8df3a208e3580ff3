import { ActionIcon, Button, Group, Kbd, Loader, Popover, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconArrowForwardUp, IconCheck, IconCircleCheck, IconCircleX, IconEye, IconKeyboard } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { SessionDetail, SessionStatus } from '../../../../shared/domain/session';
import { errorMessage } from '../../lib/errors';
import { formatCount, formatWhen } from '../../lib/format';
import { SessionStatusBadge, sourceLabel } from '../../ui/badges';
import type { EditorSnapshot } from './editorStore';
import classes from './editor.module.css';

interface EditorHeaderProps {
  session: SessionDetail;
  snapshot: EditorSnapshot;
  onTitle(title: string): void;
  onTitleBlur(): void;
  onStatus(status: SessionStatus): void;
  onUndo(): void;
  onRedo(): void;
  onRetry(): void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';

export function EditorHeader({ session, snapshot, onTitle, onTitleBlur, onStatus, onUndo, onRedo, onRetry }: EditorHeaderProps) {
  const { draft } = snapshot;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="lg">
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <TextInput
            aria-label="Title"
            value={draft.title}
            onChange={(e) => onTitle(e.currentTarget.value)}
            onBlur={onTitleBlur}
            error={draft.title.trim() ? undefined : 'A title is required; the old one is kept until you type one.'}
            maxLength={300}
            classNames={{ input: classes.titleInput }}
            variant="unstyled"
          />
          <Group gap="xs">
            <SessionStatusBadge status={draft.status} />
            <Text size="sm" c="dimmed">
              {sourceLabel(session.source)} · {formatCount(draft.turns.length)} turns · {formatCount(session.tokenCount)} tokens · updated{' '}
              {formatWhen(session.updatedAt)}
            </Text>
          </Group>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <SaveIndicator save={snapshot.save} onRetry={onRetry} />
          <Tooltip label={snapshot.undoLabel ? `Undo: ${snapshot.undoLabel} (${MOD}+Z)` : 'Nothing to undo'}>
            <ActionIcon variant="default" size="lg" aria-label="Undo" onClick={onUndo} disabled={!snapshot.undoLabel}>
              <IconArrowBackUp size={20} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={snapshot.redoLabel ? `Redo: ${snapshot.redoLabel} (${MOD}+Shift+Z)` : 'Nothing to redo'}>
            <ActionIcon variant="default" size="lg" aria-label="Redo" onClick={onRedo} disabled={!snapshot.redoLabel}>
              <IconArrowForwardUp size={20} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <ShortcutsHelp />
        </Group>
      </Group>
      <Group gap="xs" role="group" aria-label="Status">
        <StatusButton
          status="approved"
          current={draft.status}
          onStatus={onStatus}
          color="green"
          icon={<IconCircleCheck size={18} aria-hidden />}
          label="Approve"
        />
        <StatusButton
          status="needs_review"
          current={draft.status}
          onStatus={onStatus}
          color="yellow"
          icon={<IconEye size={18} aria-hidden />}
          label="Needs review"
        />
        <StatusButton
          status="rejected"
          current={draft.status}
          onStatus={onStatus}
          color="red"
          icon={<IconCircleX size={18} aria-hidden />}
          label="Reject"
        />
        {draft.status !== 'draft' && (
          <Button variant="subtle" color="gray" size="sm" onClick={() => onStatus('draft')}>
            Back to draft
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function StatusButton({
  status,
  current,
  onStatus,
  color,
  icon,
  label,
}: {
  status: SessionStatus;
  current: SessionStatus;
  onStatus(s: SessionStatus): void;
  color: string;
  icon: ReactNode;
  label: string;
}) {
  const active = status === current;
  return (
    <Button
      size="sm"
      color={color}
      variant={active ? 'filled' : 'light'}
      leftSection={icon}
      aria-pressed={active}
      onClick={() => !active && onStatus(status)}
    >
      {label}
    </Button>
  );
}

function SaveIndicator({ save, onRetry }: { save: EditorSnapshot['save']; onRetry(): void }) {
  if (save.kind === 'error') {
    return (
      <Group gap={6} wrap="nowrap" role="alert">
        <Text size="sm" c="red.8" maw={260} lineClamp={2} title={errorMessage(save.error)}>
          Not saved: {errorMessage(save.error)}
        </Text>
        <Button size="compact-sm" color="red" variant="light" onClick={onRetry}>
          Retry
        </Button>
      </Group>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" role="status" aria-live="polite" miw={92}>
      {save.kind === 'saving' ? (
        <Loader size={14} aria-hidden />
      ) : save.kind === 'saved' ? (
        <IconCheck size={16} color="var(--mantine-color-dimmed)" aria-hidden />
      ) : null}
      <Text size="sm" c="dimmed">
        {save.kind === 'saving' ? 'Saving…' : save.kind === 'pending' ? 'Editing…' : 'Saved'}
      </Text>
    </Group>
  );
}

const shortcuts: [keys: string[], what: string][] = [
  [[MOD, 'Z'], 'Undo'],
  [[MOD, 'Shift', 'Z'], 'Redo (also Ctrl+Y)'],
  [['Alt', '↑'], 'Move the turn up'],
  [['Alt', '↓'], 'Move the turn down'],
  [[MOD, 'Enter'], 'New turn after this one'],
  [[MOD, 'Shift', 'S'], 'Split the turn at the cursor'],
  [[MOD, 'Shift', 'M'], 'Merge with the next turn'],
  [[MOD, 'Shift', 'A'], 'Approve the session'],
  [['Esc'], 'Stop editing the turn'],
];

function ShortcutsHelp() {
  return (
    <Popover position="bottom-end" shadow="md" withArrow>
      <Popover.Target>
        <ActionIcon variant="default" size="lg" aria-label="Keyboard shortcuts" title="Keyboard shortcuts">
          <IconKeyboard size={20} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Text fw={700} size="sm" mb="xs">
          Keyboard shortcuts
        </Text>
        <Text size="xs" c="dimmed" mb="xs" maw={300}>
          Turn shortcuts act on the turn you are in; click a turn&apos;s text to edit it.
        </Text>
        <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing="xs" aria-label="Keyboard shortcuts">
          <Table.Tbody>
            {shortcuts.map(([keys, what]) => (
              <Table.Tr key={what}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && ' + '}
                      <Kbd size="xs">{k}</Kbd>
                    </span>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{what}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Popover.Dropdown>
    </Popover>
  );
}
