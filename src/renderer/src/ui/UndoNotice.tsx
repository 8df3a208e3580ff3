import { Alert, Button, CloseButton, Group, Text } from '@mantine/core';
import { IconArrowBackUp, IconCheck } from '@tabler/icons-react';
import { errorMessage } from '../lib/errors';

export interface UndoableChange {
  /** What was done, in a sentence ("Added the tag “pilot” to 12 sessions."). */
  message: string;
  opId: string;
}

/**
 * Says what a change did with a way to take it back; after undoing, says that too. Changes to many
 * sessions are not confirmed beforehand: this is the safety net instead.
 */
export function UndoNotice({
  change,
  undoing,
  undone,
  error,
  onUndo,
  onDismiss,
}: {
  change: UndoableChange;
  undoing: boolean;
  undone: string | null;
  error: unknown;
  onUndo(): void;
  onDismiss(): void;
}) {
  return (
    <Alert
      color={error ? 'red' : undone ? 'gray' : 'sea'}
      variant="light"
      py="xs"
      role="status"
      aria-label="Last change"
      icon={undone ? <IconArrowBackUp aria-hidden /> : <IconCheck aria-hidden />}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
          {error ? `Could not undo: ${errorMessage(error)}` : (undone ?? change.message)}
        </Text>
        <Group gap="xs" wrap="nowrap">
          {!undone && (
            <Button
              size="compact-sm"
              variant="white"
              onClick={onUndo}
              loading={undoing}
              leftSection={<IconArrowBackUp size={16} aria-hidden />}
            >
              Undo
            </Button>
          )}
          <CloseButton size="sm" aria-label="Dismiss" onClick={onDismiss} />
        </Group>
      </Group>
    </Alert>
  );
}
