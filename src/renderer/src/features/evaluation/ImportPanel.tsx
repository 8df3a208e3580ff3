import { Button, Code, FileInput, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { plural } from '../../lib/format';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Section } from '../../ui/Section';
import { useEvalSetActions } from './useEvaluation';

type Format = 'json' | 'csv';

const formatOf = (name: string): Format | null => (/\.json$/i.test(name) ? 'json' : /\.(csv|tsv)$/i.test(name) ? 'csv' : null);

/** Scenarios from a file: read here as text and checked row by row by the backend, which names the first problems. */
export function ImportPanel({ setId }: { setId: string }) {
  const { importScenarios } = useEvalSetActions();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format>('json');
  const [readError, setReadError] = useState<string | null>(null);
  const [added, setAdded] = useState<{ file: string; count: number } | null>(null);

  const pick = (f: File | null) => {
    setFile(f);
    setAdded(null);
    setReadError(null);
    importScenarios.reset();
    const guessed = f ? formatOf(f.name) : null;
    if (guessed) setFormat(guessed);
  };

  const run = async () => {
    if (!file) return;
    setReadError(null);
    let content: string;
    try {
      content = (await file.text()).replace(/^\uFEFF/, '');
    } catch {
      setReadError(`Could not read ${file.name}.`);
      return;
    }
    if (!content.trim()) {
      setReadError(`${file.name} is empty.`);
      return;
    }
    importScenarios.mutate({ setId, format, content }, { onSuccess: (r) => setAdded({ file: file.name, count: r.added }) });
  };

  return (
    <Section label="Import scenarios">
      <Title order={3} size="h4">
        Import scenarios
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        A JSON array of scenarios, or a CSV with one scenario per row. Each needs a title, an intake note, a client style, a risk level and
        the hidden cognitive model (situation, automatic thought, emotion, behaviour, core belief, 1 to 3 distortions). Nothing is added
        unless every row is valid.
      </Text>
      <details>
        <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)' }}>Show an example of each format</summary>
        <Stack gap="xs" mt="xs">
          <Text size="sm">JSON:</Text>
          <Code block>
            {`[{ "title": "Exam worries", "intake": "A student who…", "style": "plain", "riskLevel": "none",
   "cognitiveModel": { "situation": "…", "automaticThought": "I will fail.", "emotion": "Anxious 70",
     "behaviour": "Avoids revising.", "coreBelief": "I am incompetent", "distortions": ["fortune-telling"] } }]`}
          </Code>
          <Text size="sm">CSV (distortions separated by semicolons):</Text>
          <Code block>
            {`title,intake,style,riskLevel,situation,automaticThought,emotion,behaviour,coreBelief,distortions
Exam worries,A student who…,plain,none,…,I will fail.,Anxious 70,Avoids revising.,I am incompetent,fortune-telling;labeling`}
          </Code>
        </Stack>
      </details>
      <Group align="flex-end" gap="md">
        <FileInput
          label="File"
          placeholder="Choose a .json or .csv file"
          accept=".json,.csv,.tsv,application/json,text/csv"
          value={file}
          onChange={pick}
          clearable
          w={360}
          leftSection={<IconFileImport size={16} aria-hidden />}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="import-format-label">
            Format
          </Text>
          <SegmentedControl
            aria-labelledby="import-format-label"
            data={[
              { value: 'json', label: 'JSON' },
              { value: 'csv', label: 'CSV' },
            ]}
            value={format}
            onChange={(v) => setFormat(v as Format)}
          />
        </Stack>
        <Button variant="light" disabled={!file} loading={importScenarios.isPending} onClick={() => void run()}>
          Import
        </Button>
      </Group>
      {readError && (
        <Text size="sm" c="red.8" role="alert">
          {readError}
        </Text>
      )}
      {importScenarios.error && <ErrorAlert title="Nothing was imported" error={importScenarios.error} />}
      {added && (
        <Text size="sm" role="status">
          Added {plural(added.count, 'scenario')} from {added.file}.
        </Text>
      )}
    </Section>
  );
}
