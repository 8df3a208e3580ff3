import { Badge, Button, Code, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PromptVersion } from '../../../../shared/api/generation';
import { formatDateTime } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { QueryView } from '../../ui/QueryView';
import { Section } from '../../ui/Section';
import { usePromptEdit, usePrompts } from './useGeneration';

const PROMPT_NAMES = ['persona', 'scenario', 'session', 'client', 'judge', 'safety'] as const;

/** The prompts generation and judging use: every saved version, an editor, a preview on one real item. */
export function PromptsStep() {
  const prompts = usePrompts();
  const [name, setName] = useState<string>('persona');
  return (
    <Stack gap="lg">
      <Select
        label="Prompt"
        data={PROMPT_NAMES.map((n) => ({ value: n, label: n }))}
        value={name}
        onChange={(v) => v && setName(v)}
        allowDeselect={false}
        w={240}
      />
      <QueryView query={prompts} loading="Loading prompts…">
        {(all) => {
          const versions = all.filter((p) => p.name === name).sort((a, b) => b.version - a.version);
          const current = versions.find((p) => p.current) ?? versions[0];
          return current ? (
            <>
              <PromptEditor
                key={`${name}-${current.version}`}
                prompt={current}
                nextVersion={Math.max(...versions.map((v) => v.version)) + 1}
              />
              <VersionList versions={versions} />
            </>
          ) : (
            <Text size="sm" c="dimmed">
              No versions of this prompt.
            </Text>
          );
        }}
      </QueryView>
    </Stack>
  );
}

function PromptEditor({ prompt, nextVersion }: { prompt: PromptVersion; nextVersion: number }) {
  const [template, setTemplate] = useState(prompt.template);
  const [note, setNote] = useState('');
  const { preview, save } = usePromptEdit();
  const { reset: resetPreview } = preview;
  useEffect(() => resetPreview(), [template, resetPreview]);

  return (
    <Section label="Edit prompt">
      <Textarea
        label={`Template (editing version ${prompt.version})`}
        value={template}
        onChange={(e) => setTemplate(e.currentTarget.value)}
        autosize
        minRows={10}
        maxRows={30}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, lineHeight: 1.5 } }}
      />
      <Group gap="sm" align="flex-end">
        <Button variant="default" loading={preview.isPending} onClick={() => preview.mutate({ name: prompt.name, template })}>
          Preview on one item
        </Button>
        <TextInput label="Note (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} w={320} />
        <Button
          loading={save.isPending}
          onClick={() => save.mutate({ name: prompt.name, template, ...(note.trim() ? { note: note.trim() } : {}) })}
        >
          Save as version {nextVersion}
        </Button>
      </Group>
      {save.error && <ErrorAlert error={save.error} title="Not saved" />}
      {preview.error && <ErrorAlert error={preview.error} title="The preview did not work" />}
      {preview.data && (
        <Paper component="section" aria-label="Prompt preview" p="sm" withBorder>
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              Filled in for {preview.data.item}
            </Text>
            {preview.data.placeholders.length > 0 && (
              <Group gap={4} aria-label="Placeholders used">
                <Text size="sm" c="dimmed">
                  Placeholders used:
                </Text>
                {preview.data.placeholders.map((p) => (
                  <Badge key={p} variant="light" tt="none">
                    {`{{${p}}}`}
                  </Badge>
                ))}
              </Group>
            )}
            <Code block style={{ whiteSpace: 'pre-wrap', maxHeight: 480, overflow: 'auto' }}>
              {preview.data.text}
            </Code>
          </Stack>
        </Paper>
      )}
    </Section>
  );
}

function VersionList({ versions }: { versions: PromptVersion[] }) {
  return (
    <Section label="Prompt versions">
      <Title order={2} size="h3">
        Versions ({versions.length})
      </Title>
      <Stack gap="xs" component="ul" aria-label="Version list" p={0} m={0} style={{ listStyle: 'none' }}>
        {versions.map((v) => (
          <Paper key={v.version} component="li" p="sm" withBorder>
            <Group gap="xs">
              <Text fw={600}>Version {v.version}</Text>
              {v.current && (
                <Badge variant="filled" color="teal">
                  Current
                </Badge>
              )}
              {v.version === 1 && (
                <Badge variant="light" color="gray">
                  Built-in
                </Badge>
              )}
              <Text size="sm" c="dimmed">
                {formatDateTime(v.createdAt)}
              </Text>
              {v.note && <Text size="sm">— {v.note}</Text>}
            </Group>
          </Paper>
        ))}
      </Stack>
    </Section>
  );
}
