import { Badge, Button, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { SessionEdit } from '../../../../shared/domain/session';
import { formatDateTime, formatWhen, plural } from '../../lib/format';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { useSessionHistory } from '../library/useSessions';
import type { SessionEditorStore } from './editorStore';
import { useUndoOperation } from './useSessionEditor';

const kindLabel: Record<string, string> = {
  edit: 'Edit',
  bulk: 'Bulk change',
  replace: 'Find and replace',
  delete: 'Deleted',
  undo: 'Undo',
  redaction: 'Personal details',
  import: 'Import',
};

/** What changed in this session and when, each change undoable (also bulk changes made in the library). */
export function HistoryPanel({ id, store }: { id: string; store: SessionEditorStore }) {
  const history = useSessionHistory(id);
  const undo = useUndoOperation(store);
  const [confirm, setConfirm] = useState<{ edit: SessionEdit; later: number } | null>(null);
  const run = (edit: SessionEdit) => undo.mutate(edit.opId, { onSuccess: () => setConfirm(null) });
  return (
    <Stack gap="xs">
      {undo.isError && <ErrorAlert error={undo.error} />}
      <QueryView query={history} loading="Loading the history…">
        {(edits) =>
          edits.length === 0 ? (
            <Text size="sm" c="dimmed">
              No changes yet. Each save lands here, and any of them can be undone.
            </Text>
          ) : (
            <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
              <Stack gap={0} component="ol" aria-label="Edit history" p={0} m={0} style={{ listStyle: 'none' }}>
                {edits.map((edit, i) => {
                  const later = edits.slice(0, i).filter((e) => !e.undone).length;
                  return (
                    <Stack key={edit.id} component="li" gap={2} py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
                      <Text
                        size="sm"
                        td={edit.undone ? 'line-through' : undefined}
                        c={edit.undone ? 'dimmed' : undefined}
                        style={{ wordBreak: 'break-word' }}
                      >
                        {edit.summary}
                      </Text>
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Text size="xs" c="dimmed" title={formatDateTime(edit.at)}>
                          {formatWhen(edit.at, { seconds: true })} · {kindLabel[edit.kind] ?? edit.kind}
                        </Text>
                        {edit.undone ? (
                          <Badge color="gray" variant="outline" size="sm">
                            Undone
                          </Badge>
                        ) : (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            aria-label={`Undo this change: ${edit.summary}`}
                            loading={undo.isPending && undo.variables === edit.opId}
                            onClick={() => (later > 0 ? setConfirm({ edit, later }) : run(edit))}
                          >
                            Undo
                          </Button>
                        )}
                      </Group>
                    </Stack>
                  );
                })}
              </Stack>
            </ScrollArea.Autosize>
          )
        }
      </QueryView>
      {confirm && (
        <ConfirmModal
          opened
          title="Undo an earlier change?"
          confirmLabel="Undo it and the later changes"
          onConfirm={() => run(confirm.edit)}
          onClose={() => setConfirm(null)}
          busy={undo.isPending}
          error={undo.error}
        >
          “{confirm.edit.summary}” is not the latest change. Undoing it puts the session back as it was before it, which also takes back the{' '}
          {plural(confirm.later, 'later change')}. The undo is recorded too, so it can itself be undone.
        </ConfirmModal>
      )}
    </Stack>
  );
}
