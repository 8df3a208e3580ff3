/** The import formats the app reads. */
export const transcriptFormats = ['text', 'webvtt', 'srt', 'whisper-json', 'csv', 'dialogue-json', 'chat-jsonl', 'docx', 'audio'] as const;
export type TranscriptFormat = (typeof transcriptFormats)[number];

/** One thing someone said, as it stood in the source, before roles are assigned or text is cleaned. */
export interface Utterance {
  /** The speaker label exactly as the source gives it ("Therapist", "T", "Speaker 1", "A", "listener"). */
  speaker: string;
  text: string;
  /** Seconds from the start, when the source has timestamps. */
  startSec?: number;
  endSec?: number;
  /** 1-based line (text, CSV row, JSONL line) or cue number, for problem reports. */
  line?: number;
  /** Per-utterance annotations (e.g. AnnoMI's main_therapist_behaviour), kept on the session as counts per value (`annotationCounts`). */
  annotations?: Record<string, string>;
}

/** One conversation found in a file. A CSV or dialogue JSON file may hold many. */
export interface ParsedTranscript {
  /** Stable within the file: the CSV transcript id, the array index, the JSONL line. */
  key: string;
  title: string;
  utterances: Utterance[];
  /** Kept on the session: AnnoMI quality label and topic, ESConv survey scores, video URL… */
  metadata: Record<string, unknown>;
  /** When the source already says who is who (chat JSONL roles, ESConv speaker/listener). */
  knownRoles?: Record<string, 'user' | 'assistant' | 'system'>;
}

export interface ParseProblem {
  line?: number;
  message: string;
  /** 'error' skips the transcript or the file; 'warning' keeps it. */
  severity: 'error' | 'warning';
}

export interface ParseResult {
  format: TranscriptFormat;
  transcripts: ParsedTranscript[];
  problems: ParseProblem[];
}

/** Thrown for a file that cannot be read at all; the message is written for people. */
export class TranscriptFormatError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'TranscriptFormatError';
  }
}

/**
 * A file that reads fine but holds no conversation: a README, notes, prose, a dataset's metadata, an empty
 * file. Found by searching a folder it is skipped with this reason; named on its own it is an error.
 */
export class NotATranscriptError extends TranscriptFormatError {
  constructor(message: string, line?: number) {
    super(message, line);
    this.name = 'NotATranscriptError';
  }
}
