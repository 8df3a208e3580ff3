import { Alert, Button, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useEffect } from 'react';
import { plural } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/QueryView';
import { useApplySelection } from './usePersonalDetails';

const SHOWN = 30;

/**
 * Shows what placeholders would do to the selected sessions' detected details (a detail someone chose
 * to keep stays), then applies them as one change the caller offers to undo.
 */
export function ApplyPlaceholdersModal({
  ids,
  onClose,
  onApplied,
}: {
  ids: string[];
  onClose(): void;
  onApplied(r: { opId: string; sessions: number; places: number }): void;
}) {
  const preview = useApplySelection();
  const apply = useApplySelection();
  const { mutate } = preview;
  useEffect(() => mutate({ ids, apply: false }), [ids, mutate]);
  const data = preview.data;
  return (
    <Modal opened onClose={onClose} title="Apply placeholders" size="xl">
      <Stack gap="sm">
        {preview.isPending && <Loading label="Preparing the preview…" />}
        {preview.error && <ErrorAlert error={preview.error} />}
        {data && data.sessions === 0 && (
          <Alert color="gray">None of the selected sessions has personal details awaiting review; there is nothing to replace.</Alert>
        )}
        {data && data.sessions > 0 && (
          <>
            <Text size="sm">
              Replaces {plural(data.places, 'detected detail')} in {plural(data.sessions, 'session')} with placeholders such as [NAME_1].
              {data.skipped > 0 &&
                ` ${plural(data.skipped, 'selected session')} ${data.skipped === 1 ? 'has' : 'have'} nothing awaiting review and ${data.skipped === 1 ? 'stays' : 'stay'} as ${data.skipped === 1 ? 'it is' : 'they are'}.`}
            </Text>
            <ScrollArea.Autosize mah={360}>
              <Table striped aria-label="Preview of the replaced turns">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Session</Table.Th>
                    <Table.Th>Before</Table.Th>
                    <Table.Th>After</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.preview.slice(0, SHOWN).map((p) => (
                    <Table.Tr key={`${p.sessionId}-${p.turnIndex}`}>
                      <Table.Td>{p.title}</Table.Td>
                      <Table.Td>{p.before}</Table.Td>
                      <Table.Td>{p.after}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
            {data.preview.length > SHOWN && (
              <Text size="xs" c="dimmed">
                The first {SHOWN} changed turns are shown.
              </Text>
            )}
          </>
        )}
        {apply.error && <ErrorAlert error={apply.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={!data || data.sessions === 0}
            loading={apply.isPending}
            onClick={() =>
              apply.mutate(
                { ids, apply: true },
                { onSuccess: (r) => r.opId && onApplied({ opId: r.opId, sessions: r.sessions, places: r.places }) },
              )
            }
          >
            Apply to {data ? plural(data.sessions, 'session') : 'the selection'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
