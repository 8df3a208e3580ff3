import type { ParsedTranscript, ParseProblem } from '../types';

/** What each format parser returns; parseFile adds the format and fills in missing titles. */
export interface FormatResult {
  transcripts: ParsedTranscript[];
  problems: ParseProblem[];
}
