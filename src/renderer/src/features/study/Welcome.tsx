import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';

const SEEN_KEY = 'hds.welcomeSeen';

function seen(): boolean {
  try {
    return localStorage.getItem(SEEN_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * The first launch's welcome, above the Study home: what the app is for and what it is not, before
 * anyone reads a transcript in it. Shown until dismissed; it never blocks the checklist below it.
 */
export function Welcome() {
  const [open, setOpen] = useState(() => !seen());
  if (!open) return null;
  const dismiss = () => {
    try {
      localStorage.setItem(SEEN_KEY, '1');
    } catch {
      // Private windows may refuse storage; the welcome then simply shows again next time.
    }
    setOpen(false);
  };
  return (
    <Alert
      variant="light"
      color="blue"
      icon={<IconInfoCircle aria-hidden />}
      title="Welcome to Hybrid Data Studio"
      role="region"
      aria-label="Welcome"
    >
      <Stack gap="sm">
        <Text size="sm">
          A research tool for people who build a counseling chat model from a little real data: it mixes real transcripts with synthetic
          sessions, fine-tunes models on real-only and hybrid mixes, and measures with numbers which one is better.
        </Text>
        <Text size="sm" fw={600}>
          A research tool, not a clinical service: nothing here gives advice to anyone, and no model made with it is fit to counsel people
          without the checks your ethics board asks for.
        </Text>
        <List size="sm" spacing={2}>
          <List.Item>
            Projects are files on this machine; transcripts are never sent anywhere except to the model providers you add.
          </List.Item>
          <List.Item>The checklist below walks the experiment step by step; the sample project lets you look around first.</List.Item>
        </List>
        <Button size="xs" onClick={dismiss} style={{ alignSelf: 'flex-start' }}>
          Start with the checklist
        </Button>
      </Stack>
    </Alert>
  );
}
