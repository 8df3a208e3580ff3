import { Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { type CsvMapping } from '../../../../shared/domain/importing';
import { type ChosenFile } from './importWizard';
import { columnsFromMessage, csvColumns } from './readFile';

const mappingFields: { key: keyof CsvMapping; label: string; required: boolean }[] = [
  { key: 'speaker', label: 'Speaker', required: true },
  { key: 'text', label: 'Text', required: true },
  { key: 'transcriptId', label: 'Transcript id', required: false },
  { key: 'order', label: 'Order', required: false },
  { key: 'timestamp', label: 'Timestamp', required: false },
];

/** Which CSV column holds what, for layouts the app does not recognise. */
export function CsvMappingForm({
  file,
  message,
  mapping,
  onMapping,
}: {
  file: ChosenFile;
  message: string | null;
  mapping: CsvMapping | undefined;
  onMapping(mapping: CsvMapping | null): void;
}) {
  const columns = file.firstLine ? csvColumns(file.firstLine) : columnsFromMessage(message);
  const [draft, setDraft] = useState<Partial<Record<keyof CsvMapping, string>>>({
    speaker: mapping?.speaker,
    text: mapping?.text,
    transcriptId: mapping?.transcriptId,
    order: mapping?.order,
    timestamp: mapping?.timestamp,
  });
  const complete = Boolean(draft.speaker && draft.text);
  return (
    <Paper p="sm" bg="gray.0" withBorder={false} role="group" aria-label={`Columns of ${file.name}`}>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          Which column holds what?
        </Text>
        <Group gap="sm" align="flex-end">
          {mappingFields.map((f) =>
            columns.length > 0 ? (
              <Select
                key={f.key}
                label={f.label}
                data={columns}
                value={draft[f.key] ?? null}
                onChange={(v) => setDraft((d) => ({ ...d, [f.key]: v ?? undefined }))}
                clearable={!f.required}
                required={f.required}
                placeholder={f.required ? 'Choose' : 'None'}
                w={170}
                size="sm"
              />
            ) : (
              <TextInput
                key={f.key}
                label={f.label}
                value={draft[f.key] ?? ''}
                onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.currentTarget.value || undefined }))}
                required={f.required}
                w={170}
                size="sm"
              />
            ),
          )}
          <Button
            size="sm"
            disabled={!complete}
            onClick={() => {
              if (!draft.speaker || !draft.text) return;
              const next: CsvMapping = { speaker: draft.speaker, text: draft.text };
              if (draft.transcriptId) next.transcriptId = draft.transcriptId;
              if (draft.order) next.order = draft.order;
              if (draft.timestamp) next.timestamp = draft.timestamp;
              onMapping(next);
            }}
          >
            Use these columns
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Rows with the same transcript id become one session (the whole file is one when there is no id column). Other columns are kept as
          metadata.
        </Text>
      </Stack>
    </Paper>
  );
}
