import { Badge, Button, Group, Select, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { type SpeakerGuess, type SpeakerRole, type TranscriptPreview } from '../../../../shared/domain/importing';
import { formatCount } from '../../lib/format';
import { useImportWizard } from './importWizard';

export const roleOptions: { value: SpeakerRole; label: string }[] = [
  { value: 'user', label: 'Client' },
  { value: 'assistant', label: 'Counselor' },
  { value: 'drop', label: 'Leave out' },
];

export const roleWord = (role: SpeakerRole) => roleOptions.find((o) => o.value === role)?.label ?? role;

/** Where a role came from, in words: "from the file", "your choice", "remembered from an earlier import", "guess: …". */
export const basisWord = (s: SpeakerGuess) =>
  s.basis === 'source'
    ? 'from the file'
    : s.basis === 'remembered'
      ? s.reason === 'chosen by you'
        ? 'your choice'
        : s.reason
      : `guess: ${s.reason}`;

function confidenceColor(c: number): string {
  return c >= 0.8 ? 'green' : c >= 0.5 ? 'yellow' : 'red';
}

interface SpeakerRow {
  speaker: string;
  role: SpeakerRole | null;
  confidence: number;
  reason: string;
  basis: string;
  utterances: number;
}

/** A file's speakers across its transcripts: the role when they agree, the least certain guess. */
export function aggregateSpeakers(transcripts: TranscriptPreview[]): SpeakerRow[] {
  const rows = new Map<string, SpeakerRow>();
  for (const t of transcripts) {
    for (const s of t.speakers) {
      const row = rows.get(s.speaker);
      if (!row)
        rows.set(s.speaker, {
          speaker: s.speaker,
          role: s.role,
          confidence: s.confidence,
          reason: s.reason,
          basis: basisWord(s),
          utterances: s.utterances,
        });
      else {
        row.utterances += s.utterances;
        if (row.role !== s.role) row.role = null;
        if (s.confidence < row.confidence) {
          row.confidence = s.confidence;
          row.reason = s.reason;
          row.basis = basisWord(s);
        }
      }
    }
  }
  return [...rows.values()].sort((a, b) => b.utterances - a.utterances);
}

export function SpeakersTable({ path, fileName, speakers }: { path: string; fileName: string; speakers: SpeakerRow[] }) {
  const { dispatch } = useImportWizard();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={`Speakers in ${fileName}`} verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Speaker</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Lines</Table.Th>
            <Table.Th>Plays</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th>
              <VisuallyHidden>Apply everywhere</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {speakers.map((s) => (
            <Table.Tr key={s.speaker}>
              <Table.Td fw={600} style={{ wordBreak: 'break-word' }}>
                {s.speaker}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatCount(s.utterances)}</Table.Td>
              <Table.Td w={170}>
                <Select
                  aria-label={`Role of ${s.speaker} in ${fileName}`}
                  data={roleOptions}
                  value={s.role}
                  placeholder="Differs: choose"
                  // Submitting the guessed role too makes it a choice (kept, and remembered for later imports).
                  onOptionSubmit={(v) => dispatch({ type: 'fileRole', path, speaker: s.speaker, role: v as SpeakerRole })}
                  allowDeselect={false}
                  size="xs"
                />
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Badge color={confidenceColor(s.confidence)} variant="light" title="How sure the guess is">
                    {Math.round(s.confidence * 100)}%
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {s.basis}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td w={150} style={{ textAlign: 'right' }}>
                {s.role && (
                  <Tooltip
                    label={`${s.speaker} is the ${roleWord(s.role).toLowerCase()} in every file of this import (and in later imports).`}
                  >
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      aria-label={`Use ${roleWord(s.role)} for ${s.speaker} in every file`}
                      onClick={() => s.role && dispatch({ type: 'roleForAll', speaker: s.speaker, role: s.role })}
                    >
                      Apply to all files
                    </Button>
                  </Tooltip>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
