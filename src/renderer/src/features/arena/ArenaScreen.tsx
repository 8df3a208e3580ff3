import { Badge, Button, Grid, Group, NavLink, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconMessages, IconPlus, IconSearch, IconTrophy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { formatWhen } from '../../lib/format';
import { href, navigate } from '../../lib/router';
import { PageHeader } from '../../ui/PageHeader';
import { QueryView } from '../../ui/QueryView';
import { Section } from '../../ui/Section';
import { ChatView } from './ChatView';
import { Leaderboard } from './Leaderboard';
import { LiveTextsProvider, useArenaEvents } from './liveText';
import { NewChatForm } from './NewChatForm';
import { useArenaList } from './useArena';

/** The route's one segment: nothing (saved chats and a new one), `leaderboard`, or a conversation's id. */
type View = { kind: 'home' } | { kind: 'leaderboard' } | { kind: 'chat'; id: string };

function parseSub(sub: string | null): View {
  if (!sub) return { kind: 'home' };
  if (sub === 'leaderboard') return { kind: 'leaderboard' };
  return { kind: 'chat', id: sub };
}

/** Arena: several models answer the same messages side by side; blind votes make a leaderboard. */
export function ArenaScreen({ sub }: { sub: string | null }) {
  const view = parseSub(sub);
  const live = useArenaEvents();
  return (
    <LiveTextsProvider value={live}>
      <Stack gap="lg">
        <PageHeader
          title="Arena"
          description="Chat with two to four models side by side, or compare two blind and vote for the better answer."
          actions={
            <Group gap="sm" wrap="nowrap">
              <Button
                component="a"
                href={href('arena')}
                variant={view.kind === 'home' ? 'filled' : 'default'}
                leftSection={<IconPlus size={18} aria-hidden />}
              >
                New chat
              </Button>
              <Button
                component="a"
                href={href('arena', 'leaderboard')}
                variant={view.kind === 'leaderboard' ? 'filled' : 'default'}
                aria-current={view.kind === 'leaderboard' ? 'page' : undefined}
                leftSection={<IconTrophy size={18} aria-hidden />}
              >
                Leaderboard
              </Button>
            </Group>
          }
        />
        {view.kind === 'chat' && <ChatView key={view.id} id={view.id} />}
        {view.kind === 'leaderboard' && <Leaderboard />}
        {view.kind === 'home' && (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 4 }}>
              <SavedChats />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 8 }}>
              <NewChatForm onCreated={(c) => navigate('arena', c.id)} />
            </Grid.Col>
          </Grid>
        )}
      </Stack>
    </LiveTextsProvider>
  );
}

function SavedChats() {
  const [search, setSearch] = useState('');
  // Asks the backend once typing pauses, not on every key.
  const [deferred, setDeferred] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setDeferred(search), 250);
    return () => window.clearTimeout(timer);
  }, [search]);
  const list = useArenaList(deferred);
  return (
    <Section label="Saved chats">
      <Title order={2} size="h3">
        Saved chats
      </Title>
      <TextInput
        label="Search the chats"
        description="Titles and messages"
        leftSection={<IconSearch size={16} aria-hidden />}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maxLength={200}
      />
      <QueryView query={list} loading="Loading the chats…">
        {(chats) =>
          chats.length === 0 ? (
            <Text size="sm" c="dimmed">
              {deferred.trim()
                ? 'No chat matches that search.'
                : 'No saved chat yet. Start one with the form; every chat is kept here to reopen and continue.'}
            </Text>
          ) : (
            <Stack gap={4} component="nav" aria-label="Saved chats">
              {chats.map((chat) => (
                <NavLink
                  key={chat.id}
                  href={href('arena', chat.id)}
                  label={
                    <Group gap={6} wrap="nowrap">
                      <Text span size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                        {chat.title}
                      </Text>
                      {chat.mode === 'blind' && (
                        <Badge size="sm" color={chat.voted ? 'green' : 'grape'}>
                          {chat.voted ? 'Voted' : 'Blind'}
                        </Badge>
                      )}
                    </Group>
                  }
                  description={`${chat.models.join(' · ')} · ${chat.turns} turn${chat.turns === 1 ? '' : 's'} · ${formatWhen(chat.updatedAt)}`}
                  leftSection={<IconMessages size={18} aria-hidden />}
                />
              ))}
            </Stack>
          )
        }
      </QueryView>
    </Section>
  );
}
