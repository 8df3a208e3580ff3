import { Group, Paper, Stack } from '@mantine/core';

/** A labelled card that holds one step of a form (a landmark for screen readers). */
export function Section({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <Paper component="section" aria-label={label} p="md" withBorder>
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

/** Fields side by side, bottoms aligned, so a button lines up with the inputs beside it. */
export function Row({ children }: { children: React.ReactNode }) {
  return (
    <Group gap="sm" align="flex-end">
      {children}
    </Group>
  );
}
