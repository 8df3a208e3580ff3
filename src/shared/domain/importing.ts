import { z } from 'zod';

export const speakerRoles = ['user', 'assistant', 'drop'] as const;
export type SpeakerRole = (typeof speakerRoles)[number];

export const importFormats = ['text', 'webvtt', 'srt', 'whisper-json', 'csv', 'dialogue-json', 'chat-jsonl', 'docx', 'audio'] as const;
export type ImportFormat = (typeof importFormats)[number];

export const csvMappingSchema = z.strictObject({
  transcriptId: z.string().min(1).optional(),
  speaker: z.string().min(1),
  text: z.string().min(1),
  order: z.string().min(1).optional(),
  timestamp: z.string().min(1).optional(),
  metadata: z.array(z.string().min(1)).max(50).optional(),
  annotations: z.array(z.string().min(1)).max(50).optional(),
});
export type CsvMapping = z.infer<typeof csvMappingSchema>;

export const cleaningChoicesSchema = z.strictObject({
  stripTimestamps: z.boolean().optional(),
  stripCaptionArtifacts: z.boolean().optional(),
  removeFillers: z.boolean().optional(),
  normalizeText: z.boolean().optional(),
  mergeConsecutive: z.boolean().optional(),
  dropEmpty: z.boolean().optional(),
  addSystemPrompt: z.boolean().optional(),
  maxTokens: z.number().int().min(256).max(1_000_000).nullable().optional(),
});
export type CleaningChoices = z.infer<typeof cleaningChoicesSchema>;

export interface SpeakerGuess {
  speaker: string;
  role: SpeakerRole;
  confidence: number;
  reason: string;
  /** Where the role came from: the file itself, a choice remembered from an earlier import, or a guess. */
  basis: 'source' | 'remembered' | 'guess';
  utterances: number;
}

export interface TranscriptPreview {
  key: string;
  title: string;
  utterances: number;
  speakers: SpeakerGuess[];
  /** The first turns after role mapping and cleaning, as they would be imported. */
  firstTurns: { role: 'user' | 'assistant'; text: string }[];
  tokenCount: number;
  windows: number;
  duplicateOf: string | null;
}

export interface FilePreview {
  path: string;
  name: string;
  format: ImportFormat | null;
  transcripts: TranscriptPreview[];
  transcriptCount: number;
  problems: { line?: number; message: string; severity: 'error' | 'warning' }[];
  /** Set when the whole file cannot be read; the message says why and how to fix it. */
  error: string | null;
  /** With `error`: the file reads fine but is not a transcript (a README, notes, an empty file); a folder import skips it. */
  notTranscript?: boolean;
  alreadyImported: boolean;
}

export interface FileImportReport {
  path: string;
  name: string;
  format: ImportFormat | null;
  imported: number;
  skipped: { key: string; title: string; reason: string }[];
  problems: { line?: number; message: string; severity: 'error' | 'warning' }[];
  nearDuplicates: { sessionId: string; similarTo: string; similarity: number }[];
  sessionIds: string[];
  /** Of the sessions imported, those whose detected personal details wait for a person's review (kept out of datasets until then). */
  awaitingReview: number;
  error: string | null;
  /** Why the file was skipped: found in a folder, it turned out not to be a transcript (nothing else in the report then). */
  notTranscript?: string;
}

/**
 * A message about one file without the file's name at its start ("a.txt: No speaker turns…" → "No speaker
 * turns…", "a.txt is empty." → "It is empty."), for a line that names the file already.
 */
export function withoutFileName(name: string, message: string): string {
  if (name === '' || !message.startsWith(name)) return message;
  const rest = message.slice(name.length);
  if (rest.startsWith(': ')) return rest.slice(2);
  return rest.startsWith(' ') ? `It${rest}` : message;
}
