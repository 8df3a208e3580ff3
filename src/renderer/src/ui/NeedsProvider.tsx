import { Alert, Anchor, Text } from '@mantine/core';
import { href } from '../lib/router';

/** Shown in place of a run form while the project has no provider to run with. */
export function NeedsProvider() {
  return (
    <Alert color="yellow" variant="light" title="No provider yet" role="status">
      <Text size="sm">
        Add a provider in <Anchor href={href('settings', 'providers')}>Settings</Anchor> first; generation needs a model to write with.
      </Text>
    </Alert>
  );
}
