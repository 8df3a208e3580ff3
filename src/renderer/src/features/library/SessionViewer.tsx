import { Accordion, Anchor, Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { SessionDetail, Turn } from '../../../../shared/domain/session';
import { formatDateTime } from '../../lib/format';
import { href } from '../../lib/router';
import { SessionStatusBadge, sourceLabel } from '../../ui/badges';
import { QueryView } from '../../ui/QueryView';
import { useSession } from './useSessions';

/** One session as a conversation. Transcript text is untrusted: it is only ever rendered as text. */
export function SessionViewer({ id }: { id: string }) {
  const session = useSession(id);
  return (
    <Stack gap="lg">
      <Anchor href={href('library')} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={16} aria-hidden />
          Back to the library
        </Group>
      </Anchor>
      <QueryView query={session} loading="Loading the session…">
        {(s) => <SessionBody session={s} />}
      </QueryView>
    </Stack>
  );
}

function SessionBody({ session }: { session: SessionDetail }) {
  return (
    <Stack gap="lg" maw={920}>
      <Stack gap="xs">
        <Title order={1}>{session.title}</Title>
        <Group gap="xs">
          <SessionStatusBadge status={session.status} />
          <Badge color="gray">{sourceLabel(session.source)}</Badge>
          {session.tags.map((t) => (
            <Badge key={t} color="gray" variant="outline">
              {t}
            </Badge>
          ))}
        </Group>
        <Text size="sm" c="dimmed">
          {session.turns.length} turns · updated {formatDateTime(session.updatedAt)}
        </Text>
        {session.notes && <Text>{session.notes}</Text>}
      </Stack>
      {session.systemPrompt && (
        <Accordion variant="contained">
          <Accordion.Item value="system">
            <Accordion.Control>System prompt</Accordion.Control>
            <Accordion.Panel>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {session.systemPrompt}
              </Text>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      )}
      <Stack gap="md" component="ol" aria-label="Conversation" p={0} m={0} style={{ listStyle: 'none' }}>
        {session.turns.map((turn, i) => (
          <TurnBubble key={i} turn={turn} />
        ))}
      </Stack>
    </Stack>
  );
}

const speakers = { user: 'Client', assistant: 'Counselor', system: 'System' } as const;

function TurnBubble({ turn }: { turn: Turn }) {
  const counselor = turn.role === 'assistant';
  return (
    <Box component="li" style={{ display: 'flex', justifyContent: counselor ? 'flex-end' : 'flex-start' }}>
      <Paper
        withBorder={!counselor}
        p="md"
        radius="lg"
        maw="78%"
        bg={counselor ? 'sea.0' : 'gray.0'}
        style={counselor ? { borderBottomRightRadius: 4 } : { borderBottomLeftRadius: 4 }}
      >
        <Text size="xs" fw={700} c={counselor ? 'sea.8' : 'gray.7'} mb={4} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
          {speakers[turn.role]}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{turn.text}</Text>
      </Paper>
    </Box>
  );
}
