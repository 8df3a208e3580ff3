import Papa from 'papaparse';
import { writeAtomically } from './atomicOutput';
import type { ExportOptions, ExportResult, RecordSource } from './types';

export const TURN_COLUMNS = ['session_id', 'split', 'source', 'turn_index', 'role', 'text', 'labels'] as const;
/** Rows handed to papaparse at a time: big enough to be cheap, small enough to keep memory flat. */
const CHUNK_ROWS = 500;
/** RFC 4180 line ends between rows; line breaks inside a turn stay as they are, inside quotes. */
const NEWLINE = '\r\n';

/**
 * One CSV row per turn, for spreadsheets and pandas: session_id, split, source, turn_index (from 0,
 * as the app counts turns), role, text, labels (joined with "; "). The system prompt is not a turn
 * and is left out. Papaparse does the quoting, so commas, quotes and line breaks in a turn survive.
 */
export async function exportTurnsCsv(records: RecordSource, outFile: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const { value, files } = await writeAtomically(opts.signal, async (out) => {
    const file = await out.open(outFile);
    await file.write(Papa.unparse([[...TURN_COLUMNS]], { newline: NEWLINE }) + NEWLINE);
    let rows: (string | number)[][] = [];
    const flush = async () => {
      if (rows.length === 0) return;
      await file.write(Papa.unparse(rows, { newline: NEWLINE }) + NEWLINE, rows.length);
      rows = [];
    };
    let written = 0;
    for await (const record of records) {
      opts.signal?.throwIfAborted();
      const labels = record.labels.join('; ');
      record.turns.forEach((turn, index) =>
        rows.push([record.sessionId, record.split, record.source, index, turn.role, turn.text, labels]),
      );
      if (rows.length >= CHUNK_ROWS) await flush();
      written++;
      opts.onProgress?.(written);
    }
    await flush();
    return written;
  });
  return { records: value, files };
}
