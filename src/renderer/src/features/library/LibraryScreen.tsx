import { Anchor, Badge, Button, EmptyState, Group, Paper, Table, Text } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useState } from 'react';
import type { SessionSummary } from '../../../../shared/domain/session';
import { formatCount, formatWhen } from '../../lib/format';
import { href } from '../../lib/router';
import { SessionStatusBadge, sourceLabel } from '../../ui/badges';
import { PageHeader } from '../../ui/PageHeader';
import { Pager } from '../../ui/Pager';
import { QueryView } from '../../ui/QueryView';
import { SESSIONS_PAGE_SIZE, useSessions } from './useSessions';

export function LibraryScreen() {
  const [offset, setOffset] = useState(0);
  const sessions = useSessions(offset);
  return (
    <>
      <PageHeader title="Library" description="The counseling sessions in this project: real, synthetic and sample." />
      <Text size="sm" c="dimmed" mb="md">
        The library is read-only for now; editing sessions comes in a later version.
      </Text>
      <QueryView query={sessions} loading="Loading sessions…">
        {(page) =>
          page.total === 0 ? (
            <Paper>
              <EmptyState
                icon={<IconMessages aria-hidden />}
                withIndicatorBackground
                title="No sessions yet"
                description="Sessions arrive by importing real transcripts or by generating synthetic ones. Neither is built yet; meanwhile, set up a model provider in Settings, or open the sample project from the Project screen to look around."
              >
                <EmptyState.Actions>
                  <Button component="a" href={href('settings', 'providers')} variant="light">
                    Set up a provider
                  </Button>
                  <Button component="a" href={href('project')} variant="default">
                    Projects
                  </Button>
                </EmptyState.Actions>
              </EmptyState>
            </Paper>
          ) : (
            <Paper p={0}>
              <SessionTable rows={page.rows} />
              <Pager label="Session pages" offset={offset} limit={SESSIONS_PAGE_SIZE} total={page.total} onChange={setOffset} />
            </Paper>
          )
        }
      </QueryView>
    </>
  );
}

function SessionTable({ rows }: { rows: SessionSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover aria-label="Sessions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Title</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Tags</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Turns</Table.Th>
            <Table.Th>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Anchor href={href('library', s.id)} fw={600}>
                  {s.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{sourceLabel(s.source)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <SessionStatusBadge status={s.status} />
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  {s.tags.map((t) => (
                    <Badge key={t} color="gray" variant="outline">
                      {t}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatCount(s.turnCount)}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatWhen(s.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
