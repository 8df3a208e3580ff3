import { Button, Stack } from '@mantine/core';
import { IconSwords } from '@tabler/icons-react';
import { navigate } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFromEvaluation } from './useArena';

/** Continues an evaluation conversation in the arena, with the same model, prompt and temperature. */
export function OpenInArena({ runId, conversationId, label }: { runId: string; conversationId: string; label: string }) {
  const open = useFromEvaluation();
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="compact-sm"
        variant="light"
        leftSection={<IconSwords size={16} aria-hidden />}
        loading={open.isPending}
        aria-label={`Open the conversation of ${label} in the arena`}
        onClick={() => open.mutate({ runId, conversationId }, { onSuccess: (c) => navigate('arena', c.id) })}
      >
        Open in the arena
      </Button>
      {open.error && <ErrorAlert title="Could not open it in the arena" error={open.error} />}
    </Stack>
  );
}
