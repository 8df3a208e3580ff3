import type { DatasetRecord } from '../chatExample';
import type { WrittenFile } from './atomicOutput';

export type { WrittenFile };

/** Sessions in export order; a database cursor or a plain array both fit. */
export type RecordSource = AsyncIterable<DatasetRecord> | Iterable<DatasetRecord>;

export interface ExportOptions {
  signal?: AbortSignal;
  /** Called after each session is written, with the number written so far. */
  onProgress?(written: number): void;
  /** Used for sessions that have no system prompt of their own. */
  systemPrompt?: string | null;
}

export interface ExportResult {
  /** Sessions written. */
  records: number;
  /** Files in place once the export succeeded, with their sizes and counts. */
  files: WrittenFile[];
}
