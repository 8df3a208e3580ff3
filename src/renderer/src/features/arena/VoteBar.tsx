import { Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { ArenaConversation, ArenaVerdict } from '../../../../shared/api/arena';
import { href, navigate } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useArenaActions } from './useArena';

export const verdictLabels: Record<ArenaVerdict, string> = { a: 'A is better', b: 'B is better', tie: 'Tie', 'both-bad': 'Both are bad' };
const verdicts: ArenaVerdict[] = ['a', 'b', 'tie', 'both-bad'];

/** Blind mode: the vote once both models have answered, then who was who and the way to another round. */
export function VoteBar({ conversation: c, answered }: { conversation: ArenaConversation; answered: boolean }) {
  const { vote, create } = useArenaActions();
  const [reason, setReason] = useState('');

  if (c.vote) {
    const again = () =>
      create.mutate(
        {
          mode: 'blind',
          sharedSystemPrompt: c.sharedSystemPrompt,
          columns: c.columns.map(({ providerId, model, systemPrompt, temperature, maxTokens }) => ({
            providerId,
            model,
            systemPrompt,
            temperature,
            maxTokens,
          })),
        },
        { onSuccess: (next) => navigate('arena', next.id) },
      );
    return (
      <Paper component="section" aria-label="Your vote" p="md" bg="var(--mantine-color-sea-0)">
        <Stack gap="xs">
          <Title order={3} size="h4">
            You voted: {verdictLabels[c.vote.verdict]}
          </Title>
          {c.vote.reason && <Text size="sm">Your reason: {c.vote.reason}</Text>}
          <Text size="sm" aria-label="Who was who">
            {c.columns.map((col, i) => `Model ${String.fromCharCode(65 + i)} was ${col.model}`).join('; ')}.
          </Text>
          <Group gap="sm">
            <Button
              onClick={again}
              loading={create.isPending}
              disabled={!c.columns.every((col) => col.revealed)}
              rightSection={<IconArrowRight size={16} aria-hidden />}
            >
              Another round with the same two models
            </Button>
            <Anchor href={href('arena', 'leaderboard')}>See the leaderboard</Anchor>
          </Group>
          <Text size="sm" c="dimmed">
            The next round draws the order again, so Model A may be either one.
          </Text>
          {create.error && <ErrorAlert title="Could not start another round" error={create.error} />}
        </Stack>
      </Paper>
    );
  }

  return (
    <Paper component="section" aria-label="Vote" p="md">
      <Stack gap="xs">
        <Title order={3} size="h4">
          Which answer is better?
        </Title>
        <Text size="sm" c="dimmed">
          {answered
            ? 'Judge the answers, not the style you expect from a name. The models are revealed after your vote.'
            : 'Ask both models the same thing; you can vote once both have answered.'}
        </Text>
        <TextInput
          label="Reason (optional)"
          description="A few words on why; kept with the vote."
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={2000}
        />
        <Group gap="sm" role="group" aria-label="Your verdict">
          {verdicts.map((v) => (
            <Button
              key={v}
              variant={v === 'a' || v === 'b' ? 'filled' : 'default'}
              disabled={!answered}
              loading={vote.isPending && vote.variables?.verdict === v}
              onClick={() => vote.mutate({ id: c.id, verdict: v, ...(reason.trim() ? { reason: reason.trim() } : {}) })}
            >
              {verdictLabels[v]}
            </Button>
          ))}
        </Group>
        {vote.error && <ErrorAlert title="Could not record the vote" error={vote.error} />}
      </Stack>
    </Paper>
  );
}
