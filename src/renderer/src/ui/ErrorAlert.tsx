import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage } from '../lib/errors';

/** A failed call, said in the backend's words, with a way forward when there is one. */
export function ErrorAlert({ error, title = 'That did not work', onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertCircle aria-hidden />} role="alert">
      <Group justify="space-between" align="center" gap="md" wrap="nowrap">
        <Text size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
          {errorMessage(error)}
        </Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}
