import { Alert, Anchor, Box, Button, Checkbox, Group, Modal, Paper, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FindReplaceMatch } from '../../../../shared/api/sessions';
import { fieldErrors } from '../../lib/errors';
import { formatCount, plural } from '../../lib/format';
import { href } from '../../lib/router';
import { replacementSegments, snippet, type FindOptions, type Segment } from '../../lib/textMatch';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFindReplace } from './useSessions';

/** The backend shows at most this many changed turns in a preview. */
const PREVIEW_LIMIT = 200;

interface Preview {
  options: FindOptions;
  replace: string;
  matches: FindReplaceMatch[];
  totalMatches: number;
  sessionsAffected: number;
}

/**
 * Find and replace across the selected sessions: always previewed first (what would change, with the
 * change highlighted), then applied as one operation that can be undone.
 */
export function FindReplaceModal({
  opened,
  ids,
  onClose,
  onApplied,
}: {
  opened: boolean;
  ids: string[];
  onClose(): void;
  onApplied(result: { opId: string; totalMatches: number; sessionsAffected: number; find: string; replace: string }): void;
}) {
  const [find, setFind] = useState('');
  const [replace, setReplace] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const run = useFindReplace();
  const options: FindOptions = { find, matchCase, wholeWord };
  // The preview describes exactly these inputs; any change asks for a new one before applying.
  const current = preview !== null && preview.replace === replace && JSON.stringify(preview.options) === JSON.stringify(options);
  const errors = fieldErrors(run.error);

  const doPreview = () =>
    run.mutate(
      { ids, find, replace, matchCase, wholeWord, apply: false },
      {
        onSuccess: (r) =>
          setPreview({ options, replace, matches: r.matches, totalMatches: r.totalMatches, sessionsAffected: r.sessionsAffected }),
      },
    );
  const doApply = () =>
    run.mutate(
      { ids, find, replace, matchCase, wholeWord, apply: true },
      {
        onSuccess: (r) => {
          if (r.opId) onApplied({ opId: r.opId, totalMatches: r.totalMatches, sessionsAffected: r.sessionsAffected, find, replace });
          setPreview(null);
          onClose();
        },
      },
    );

  return (
    <Modal opened={opened} onClose={onClose} title="Find and replace" size="xl">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          In the turns of the {plural(ids.length, 'selected session')}. Nothing changes until you apply, and an applied replacement can be
          undone.
        </Text>
        <Box
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            doPreview();
          }}
        >
          <Stack gap="sm">
            <Group grow align="flex-start">
              <TextInput
                label="Find"
                value={find}
                onChange={(e) => setFind(e.currentTarget.value)}
                error={errors.find}
                data-autofocus
                required
              />
              <TextInput
                label="Replace with"
                description="Leave empty to delete the matches."
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={replace}
                onChange={(e) => setReplace(e.currentTarget.value)}
                error={errors.replace}
              />
            </Group>
            <Group gap="lg">
              <Checkbox label="Match case" checked={matchCase} onChange={(e) => setMatchCase(e.currentTarget.checked)} />
              <Checkbox label="Whole words only" checked={wholeWord} onChange={(e) => setWholeWord(e.currentTarget.checked)} />
            </Group>
            <Group justify="flex-end">
              <Button
                type="submit"
                variant={current ? 'default' : 'filled'}
                loading={run.isPending && run.variables?.apply === false}
                disabled={find.length === 0}
              >
                Preview
              </Button>
              <Button
                onClick={doApply}
                disabled={!current || preview.totalMatches === 0}
                loading={run.isPending && run.variables?.apply === true}
              >
                {current && preview.totalMatches > 0 ? `Replace ${plural(preview.totalMatches, 'match', 'matches')}` : 'Replace'}
              </Button>
            </Group>
          </Stack>
        </Box>
        {run.isError && !errors.find && <ErrorAlert error={run.error} />}
        {preview && <PreviewList preview={preview} stale={!current} />}
      </Stack>
    </Modal>
  );
}

function PreviewList({ preview, stale }: { preview: Preview; stale: boolean }) {
  if (preview.totalMatches === 0) {
    return (
      <Alert color="gray" variant="light" role="status">
        No matches for “{preview.options.find}” in the selected sessions.
      </Alert>
    );
  }
  return (
    <Stack gap="xs" style={{ opacity: stale ? 0.5 : 1 }}>
      <Text fw={600} role="status">
        {plural(preview.totalMatches, 'match', 'matches')} in {plural(preview.sessionsAffected, 'session')}
        {stale ? ' (preview again: the search changed)' : ''}
      </Text>
      {preview.matches.length >= PREVIEW_LIMIT && (
        <Text size="sm" c="dimmed">
          Showing the first {formatCount(preview.matches.length)} changed turns.
        </Text>
      )}
      <ScrollArea.Autosize mah={420} type="auto">
        <Stack gap="xs" component="ul" aria-label="Changes" p={0} m={0} style={{ listStyle: 'none' }}>
          {preview.matches.map((m) => (
            <MatchItem key={`${m.sessionId}:${m.turnIndex}`} match={m} preview={preview} />
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}

function MatchItem({ match, preview }: { match: FindReplaceMatch; preview: Preview }) {
  const segs = replacementSegments(match.before, preview.options, preview.replace);
  return (
    <Paper component="li" p="sm" withBorder>
      <Text size="sm" mb={4}>
        <Anchor href={href('library', match.sessionId)} target="_blank" fw={600}>
          {match.title}
        </Anchor>{' '}
        <Text span c="dimmed" size="sm">
          · turn {match.turnIndex + 1}
        </Text>
      </Text>
      <Stack gap={2}>
        <SnippetLine label="Before" segments={snippet(segs.before)} kind="before" />
        <SnippetLine label="After" segments={snippet(segs.after)} kind="after" />
      </Stack>
    </Paper>
  );
}

function SnippetLine({ label, segments, kind }: { label: string; segments: Segment[]; kind: 'before' | 'after' }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="xs" fw={700} c="dimmed" w={52} style={{ flexShrink: 0, paddingTop: 2 }}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {segments.map((s, i) =>
          s.hit ? (
            <Text
              key={i}
              span
              component={kind === 'before' ? 'del' : 'ins'}
              fw={600}
              px={2}
              style={{
                borderRadius: 3,
                textDecoration: kind === 'before' ? 'line-through' : 'none',
                background: kind === 'before' ? 'var(--mantine-color-red-1)' : 'var(--mantine-color-green-1)',
                color: kind === 'before' ? 'var(--mantine-color-red-9)' : 'var(--mantine-color-green-9)',
              }}
            >
              {s.text}
            </Text>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </Text>
    </Group>
  );
}
