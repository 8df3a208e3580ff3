import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SessionDetail } from '../../../../shared/domain/session';
import { formatCount, formatDateTime } from '../../lib/format';
import { kindInfo, readRedaction } from './redaction';

const metadataLabels: Record<string, string> = {
  importedFrom: 'Origin file',
  format: 'Format',
  mi_quality: 'MI quality (AnnoMI)',
  miQuality: 'MI quality (AnnoMI)',
  topic: 'Topic',
  video_title: 'Video title',
  video_url: 'Video',
  emotionType: 'Emotion (ESConv)',
  problemType: 'Problem (ESConv)',
  experienceType: 'Experience (ESConv)',
  situation: 'Situation',
  surveyScore: 'Survey scores (ESConv)',
  annotationCounts: 'Utterance annotations (whole transcript)',
};

const roleWords: Record<string, string> = { user: 'Client', assistant: 'Counselor', drop: 'Left out', system: 'System' };

const cleaningSteps: [key: string, label: string][] = [
  ['timestampsStripped', 'Timestamps stripped'],
  ['artifactsStripped', 'Caption artefacts stripped'],
  ['fillersRemoved', 'Filler words removed'],
  ['turnsMerged', 'Consecutive turns merged'],
  ['emptyDropped', 'Empty turns dropped'],
];

const optionLabels: Record<string, string> = {
  stripTimestamps: 'strip timestamps',
  stripCaptionArtifacts: 'strip caption artefacts',
  removeFillers: 'remove filler words',
  normalizeText: 'normalise text',
  mergeConsecutive: 'merge consecutive turns',
  dropEmpty: 'drop empty turns',
  addSystemPrompt: 'add the system prompt',
};

function humanize(key: string): string {
  const spaced = key
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** Nested values (ESConv's survey scores) as "seeker · empathy: 4" lines. */
function flatten(value: unknown, prefix = ''): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [`${prefix}${String(value)}`];
  if (Array.isArray(value)) return [`${prefix}${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? flatten(v, `${prefix}${humanize(k).toLowerCase()} · `)
      : [`${prefix}${humanize(k).toLowerCase()}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`],
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="40%" style={{ verticalAlign: 'top', fontWeight: 600 }}>
        {label}
      </Table.Th>
      <Table.Td style={{ wordBreak: 'break-word' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

/** Annotation counts as one line per column, most frequent value first: "Main therapist behaviour: question (8), reflection (7)". */
function annotationLines(value: unknown): string[] | null {
  if (typeof value !== 'object' || value === null) return null;
  return Object.entries(value as Record<string, unknown>).map(([column, counts]) => {
    const values = Object.entries(typeof counts === 'object' && counts !== null ? (counts as Record<string, number>) : {}).sort(
      (x, y) => y[1] - x[1],
    );
    return `${humanize(column)}: ${values.map(([v, n]) => `${v.replace(/_/g, ' ')} (${formatCount(n)})`).join(', ')}`;
  });
}

/** Where the session came from and what was done to it on the way in: metadata, cleaning, redaction. */
export function ImportDetails({ session }: { session: SessionDetail }) {
  const meta = session.metadata;
  const speakers = typeof meta.speakers === 'object' && meta.speakers !== null ? (meta.speakers as Record<string, string>) : null;
  const rest = Object.entries(meta).filter(([k]) => k !== 'speakers' && k !== 'importedFrom');
  const cleaning = session.cleaning;
  const options =
    cleaning && typeof cleaning.options === 'object' && cleaning.options !== null ? (cleaning.options as Record<string, unknown>) : null;
  const redaction = readRedaction(session.redaction);
  return (
    <Stack gap="sm">
      <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing="xs" fz="sm" aria-label="Origin and metadata">
        <Table.Tbody>
          <Row label="Origin file">{session.originFile ?? '—'}</Row>
          <Row label="Created">{formatDateTime(session.createdAt)}</Row>
          {speakers && (
            <Row label="Speakers">
              {Object.entries(speakers)
                .map(([name, role]) => `${name} → ${roleWords[role] ?? role}`)
                .join(', ')}
            </Row>
          )}
          {rest.map(([key, value]) => (
            <Row key={key} label={metadataLabels[key] ?? humanize(key)}>
              {((key === 'annotationCounts' ? annotationLines(value) : null) ?? flatten(value)).map((line, i) => (
                <Text key={i} size="sm">
                  {line}
                </Text>
              ))}
            </Row>
          ))}
        </Table.Tbody>
      </Table>
      {cleaning && (
        <Stack gap={4}>
          <Text size="sm" fw={700}>
            Cleaning on import
          </Text>
          <Text size="sm">
            {cleaningSteps
              .map(([key, label]) => [label, Number(cleaning[key] ?? 0)] as const)
              .filter(([, n]) => n > 0)
              .map(([label, n]) => `${label}: ${formatCount(n)}`)
              .join(' · ') || 'Nothing needed changing.'}
          </Text>
          {typeof cleaning.parts === 'number' && cleaning.parts > 1 && (
            <Text size="sm">
              Part {String(cleaning.part)} of {cleaning.parts}: the transcript was longer than{' '}
              {formatCount(Number(options?.maxTokens ?? 0))} tokens and was split.
            </Text>
          )}
          {options && (
            <Text size="xs" c="dimmed">
              Chosen:{' '}
              {Object.entries(optionLabels)
                .filter(([k]) => options[k] === true)
                .map(([, label]) => label)
                .join(', ') || 'no cleaning'}
              {options.maxTokens ? `; split above ${formatCount(Number(options.maxTokens))} tokens` : '; never split'}.
            </Text>
          )}
        </Stack>
      )}
      {redaction && redaction.status !== 'pending' && (
        <Stack gap={4}>
          <Text size="sm" fw={700}>
            Personal details
          </Text>
          {redaction.status === 'clean' ? (
            <Text size="sm">None were found when checked.</Text>
          ) : (
            <>
              <Text size="sm">
                {redaction.detections.filter((d) => d.decision === 'accepted').length} replaced,{' '}
                {redaction.detections.filter((d) => d.decision === 'rejected').length} kept
                {redaction.appliedAt ? ` on ${formatDateTime(Date.parse(redaction.appliedAt))}` : ''} (
                {redaction.mode === 'surrogate' ? 'realistic stand-ins' : 'placeholders'}).
              </Text>
              <Group gap={4}>
                {redaction.detections.map((d) => (
                  <Badge
                    key={d.id}
                    color={d.decision === 'accepted' ? kindInfo(d.kind).color : 'gray'}
                    variant={d.decision === 'accepted' ? 'light' : 'outline'}
                    title={d.decision === 'accepted' ? `Replaced with ${d.replacement ?? '?'}` : 'Kept'}
                  >
                    {kindInfo(d.kind).label} → {d.decision === 'accepted' ? (d.replacement ?? 'replaced') : 'kept'}
                  </Badge>
                ))}
              </Group>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
