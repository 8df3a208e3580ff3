import { Accordion, Alert, Anchor, Badge, Button, Group, Loader, Paper, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCopy, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import {
  importFormats,
  withoutFileName,
  type FilePreview,
  type ImportFormat,
  type TranscriptPreview,
} from '../../../../shared/domain/importing';
import { formatCount, plural } from '../../lib/format';
import { notTranscriptsSkipped } from './skippedFiles';
import { href } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/QueryView';
import { useImportWizard, type ChosenFile, type FileOverride } from './importWizard';
import { TurnsPreview } from './TurnsPreview';
import type { Previews } from './useImport';
import { CsvMappingForm } from './CsvMappingForm';
import { aggregateSpeakers, basisWord, roleWord, SpeakersTable } from './SpeakersTable';

export const formatLabels: Record<ImportFormat, string> = {
  text: 'Labelled text',
  webvtt: 'WebVTT captions',
  srt: 'SRT subtitles',
  'whisper-json': 'Transcription JSON',
  csv: 'CSV rows',
  'dialogue-json': 'Dialogue JSON',
  'chat-jsonl': 'Chat JSONL',
  docx: 'Word document',
  audio: 'Audio or video',
};

/** Why a transcript would be skipped for its roles: a session needs both a client and a counselor. */
export function missingRole(t: TranscriptPreview): string | null {
  const roles = new Set(t.speakers.map((s) => s.role));
  if (!roles.has('assistant')) return 'nobody plays the counselor';
  if (!roles.has('user')) return 'nobody plays the client';
  return null;
}

function usable(preview: FilePreview | undefined): boolean {
  return Boolean(preview && !preview.error && preview.transcriptCount > 0);
}

/** Step 2: what each file holds and who speaks in it, with the speaker roles to check or change. */
export function PreviewStep({ previews }: { previews: Previews }) {
  const { state } = useImportWizard();
  const ready = state.files.filter((f) => f.status === 'ready' && f.path);
  if (previews.loading && previews.byPath.size === 0) return <Loading label={`Reading ${plural(ready.length, 'file')}…`} />;
  const shown = ready.map((f) => ({ file: f, preview: previews.byPath.get(f.path ?? '') }));
  const importable = shown.filter((s) => usable(s.preview));
  const transcripts = importable.reduce((n, s) => n + (s.preview?.transcriptCount ?? 0), 0);
  const left = shown.filter((s) => s.preview && !usable(s.preview));
  // Found in a chosen folder, a README or notes file is skipped as one of the folder's other files, not a problem.
  const isSkipped = (s: (typeof shown)[number]) => s.file.inFolder && s.preview?.notTranscript === true;
  const problemFiles = left.filter((s) => !isSkipped(s)).map((s) => s.file.name);
  const notTranscripts = left.filter(isSkipped).map((s) => s.file.name);
  const all = importable.flatMap((s) => s.preview?.transcripts ?? []);
  const duplicates = all.filter((t) => t.duplicateOf).length;
  const roleless = all.filter((t) => !t.duplicateOf && missingRole(t)).length;
  const skipped = [
    duplicates ? `${plural(duplicates, 'transcript')} already in the library` : null,
    roleless ? `${plural(roleless, 'transcript')} without both roles` : null,
  ].filter(Boolean);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Text role="status">
          <Text span fw={700}>
            {plural(transcripts, 'transcript')}
          </Text>{' '}
          in {plural(importable.length, 'file')}
          {problemFiles.length > 0 ? `; ${plural(problemFiles.length, 'file')} will not be imported (${problemFiles.join(', ')})` : ''}
          {notTranscripts.length > 0 ? `; ${notTranscriptsSkipped(notTranscripts.length)}: ${notTranscripts.join(', ')}` : ''}.
          {skipped.length > 0 ? ` Left out on import: ${skipped.join(' and ')}.` : ''}
        </Text>
        {previews.refreshing && (
          <Group gap={6}>
            <Loader size="xs" aria-hidden />
            <Text size="sm" c="dimmed">
              Updating the preview…
            </Text>
          </Group>
        )}
      </Group>
      {previews.error ? <ErrorAlert title="Could not preview" error={previews.error} onRetry={previews.refetch} /> : null}
      {shown.map(({ file, preview }) => (preview ? <FilePreviewCard key={file.id} file={file} preview={preview} /> : null))}
    </Stack>
  );
}

function FilePreviewCard({ file, preview }: { file: ChosenFile; preview: FilePreview }) {
  const { state, dispatch } = useImportWizard();
  const path = preview.path;
  const override = state.overrides[path] ?? {};
  const setOverride = (next: FileOverride) => dispatch({ type: 'override', path, override: next });
  // A file that cannot be read has no detected format; its name still says CSV.
  const effectiveFormat = override.format ?? preview.format ?? (/\.(csv|tsv)$/i.test(file.name) ? 'csv' : null);
  const notImported = preview.error ?? (preview.transcriptCount === 0 ? 'there are no transcripts in it to import.' : null);
  const speakers = aggregateSpeakers(preview.transcripts);
  return (
    <Paper component="section" aria-label={`Preview of ${file.shownPath}`} p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Title order={2} size="h3" style={{ wordBreak: 'break-all' }}>
              {file.shownPath}
            </Title>
            <Group gap="xs">
              {preview.transcriptCount > 0 && <Badge color="sea">{plural(preview.transcriptCount, 'transcript')}</Badge>}
              {preview.alreadyImported && (
                <Tooltip label="This exact file was imported before. Sessions already in the library are skipped, so importing it again adds nothing twice.">
                  <Badge color="yellow" leftSection={<IconCopy size={12} aria-hidden />}>
                    Already imported
                  </Badge>
                </Tooltip>
              )}
              {preview.problems.length > 0 && <Badge color="orange">{plural(preview.problems.length, 'problem')}</Badge>}
            </Group>
          </Stack>
          <Select
            label="Format"
            aria-label={`Format of ${file.name}`}
            w={300}
            data={[
              { value: 'auto', label: preview.format && !override.format ? `Detected: ${formatLabels[preview.format]}` : 'Detect it' },
              ...importFormats.filter((f) => f !== 'audio').map((f) => ({ value: f, label: formatLabels[f] })),
            ]}
            value={override.format ?? 'auto'}
            onChange={(v) => setOverride(v && v !== 'auto' ? { ...override, format: v as ImportFormat } : {})}
            allowDeselect={false}
          />
        </Group>
        {notImported &&
          (file.inFolder && preview.notTranscript ? (
            <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />} role="status">
              Skipped, not a transcript: {withoutFileName(file.name, notImported)}
            </Alert>
          ) : (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
              Will not be imported: {withoutFileName(file.name, notImported)}
            </Alert>
          ))}
        {effectiveFormat === 'csv' && (preview.error || override.csvMapping) && (
          <CsvMappingForm
            key={JSON.stringify(override.csvMapping ?? {})}
            file={file}
            message={preview.error}
            mapping={override.csvMapping}
            onMapping={(csvMapping) => setOverride({ format: 'csv', ...(csvMapping ? { csvMapping } : {}) })}
          />
        )}
        {preview.problems.length > 0 && <Problems problems={preview.problems} />}
        {speakers.length > 0 && <SpeakersTable path={path} fileName={file.name} speakers={speakers} />}
        {preview.transcripts.length > 0 && <Transcripts transcripts={preview.transcripts} />}
      </Stack>
    </Paper>
  );
}

export function Problems({ problems }: { problems: FilePreview['problems'] }) {
  const [all, setAll] = useState(false);
  const shown = all ? problems : problems.slice(0, 5);
  return (
    <Stack gap={2}>
      <Stack gap={2} component="ul" aria-label="Problems" p={0} m={0} style={{ listStyle: 'none' }}>
        {shown.map((p, i) => (
          <Text key={i} component="li" size="sm" c={p.severity === 'error' ? 'red.8' : 'orange.9'}>
            <IconInfoCircle size={14} aria-hidden style={{ verticalAlign: -2, marginRight: 4 }} />
            {p.line !== undefined && !/^Line \d+/.test(p.message) ? (
              <Text span fw={600} size="sm">
                Line {p.line}:{' '}
              </Text>
            ) : null}
            {p.message}
          </Text>
        ))}
      </Stack>
      {problems.length > 5 && (
        <Button variant="subtle" size="compact-xs" onClick={() => setAll((a) => !a)} style={{ alignSelf: 'flex-start' }}>
          {all ? 'Show fewer' : `Show all ${problems.length}`}
        </Button>
      )}
    </Stack>
  );
}

const SHOWN_TRANSCRIPTS = 5;

function Transcripts({ transcripts }: { transcripts: TranscriptPreview[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? transcripts : transcripts.slice(0, SHOWN_TRANSCRIPTS);
  return (
    <Stack gap="xs">
      <Accordion
        variant="separated"
        multiple
        defaultValue={transcripts.length === 1 ? [transcripts[0]?.key ?? ''] : []}
        chevronPosition="left"
      >
        {shown.map((t) => (
          <Accordion.Item key={t.key} value={t.key}>
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Text fw={600} size="sm" truncate="end">
                  {t.title}
                </Text>
                <Group gap={6} wrap="nowrap">
                  {t.duplicateOf && <Badge color="yellow">Already in the library</Badge>}
                  {missingRole(t) && <Badge color="orange">No {missingRole(t)?.includes('counselor') ? 'counselor' : 'client'}</Badge>}
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {plural(t.utterances, 'line')} · {formatCount(t.tokenCount)} tokens
                    {t.windows > 1 ? ` · split into ${t.windows} sessions` : ''}
                  </Text>
                </Group>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="sm">
                {missingRole(t) && (
                  <Text size="sm" c="orange.9" role="alert">
                    Will be skipped: {missingRole(t)}. Give a speaker that role above.
                  </Text>
                )}
                {t.duplicateOf && (
                  <Text size="sm">
                    The same conversation is{' '}
                    <Anchor href={href('library', t.duplicateOf)} target="_blank">
                      already in the library
                    </Anchor>
                    ; it will be skipped.
                  </Text>
                )}
                {transcripts.length > 1 && (
                  <Group gap={6}>
                    {t.speakers.map((s) => (
                      <Tooltip key={s.speaker} label={basisWord(s)}>
                        <Badge variant="outline" color={s.role === 'drop' ? 'gray' : s.role === 'assistant' ? 'sea' : 'blue'}>
                          {s.speaker} → {roleWord(s.role)} · {Math.round(s.confidence * 100)}%
                        </Badge>
                      </Tooltip>
                    ))}
                  </Group>
                )}
                <TurnsPreview turns={t.firstTurns} label={`First turns of ${t.title}`} />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {transcripts.length > SHOWN_TRANSCRIPTS && (
        <Button variant="subtle" size="compact-sm" onClick={() => setAll((a) => !a)} style={{ alignSelf: 'flex-start' }}>
          {all ? 'Show fewer' : `Show all ${formatCount(transcripts.length)} transcripts`}
        </Button>
      )}
    </Stack>
  );
}
