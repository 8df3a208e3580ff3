import { Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatDateTime } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { useCurrentProject, useForgetRecent, useOpenProject, useRecentProjects } from './useProjects';

/** Recently opened projects; a file that was moved or deleted says so and can be forgotten. */
export function RecentProjects({ onOpened }: { onOpened?: () => void }) {
  const recent = useRecentProjects();
  const current = useCurrentProject();
  const open = useOpenProject();
  const forget = useForgetRecent();
  return (
    <Stack gap="sm">
      {open.isError && <ErrorAlert title="Could not open that project" error={open.error} />}
      {forget.isError && <ErrorAlert error={forget.error} />}
      <QueryView query={recent} loading="Loading recent projects…">
        {(rows) =>
          rows.length === 0 ? (
            <Text c="dimmed">No recent projects yet. Projects you create or open will be listed here.</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label="Recent projects">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Project</Table.Th>
                    <Table.Th>Last opened</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => {
                    const isOpen = current.data?.file === r.file;
                    return (
                      <Table.Tr key={r.file}>
                        <Table.Td>
                          <Group gap="xs">
                            <Text fw={600}>{r.name}</Text>
                            {isOpen && <Badge color="sea">Open now</Badge>}
                            {!r.exists && <Badge color="orange">Missing</Badge>}
                          </Group>
                          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                            {r.file}
                          </Text>
                          {!r.exists && (
                            <Text size="xs" c="orange.8">
                              The file is no longer there; it may have been moved or deleted.
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDateTime(r.openedAt)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap="xs" justify="flex-end" wrap="nowrap">
                            <Button
                              size="xs"
                              variant="light"
                              disabled={!r.exists || isOpen}
                              loading={open.isPending && open.variables === r.file}
                              onClick={() => open.mutate(r.file, { onSuccess: () => onOpened?.() })}
                              aria-label={`Open ${r.name}`}
                            >
                              Open
                            </Button>
                            <Button
                              size="xs"
                              variant="subtle"
                              color="gray"
                              disabled={isOpen}
                              onClick={() => forget.mutate(r.file)}
                              aria-label={`Forget ${r.name}`}
                            >
                              Forget
                            </Button>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
    </Stack>
  );
}
