import type { DatasetRecord } from '../chatExample';
import type { AtomicOutput } from './atomicOutput';
import { jsonLine } from './jsonLine';
import type { ExportOptions, RecordSource } from './types';

export type SplitPaths = Record<DatasetRecord['split'], string>;

/**
 * Streams records into one JSONL file per split, shared by the OpenAI, Hugging Face and bundle
 * exports. Both files are optional: a split without sessions gets no file rather than an empty one
 * that a trainer or an upload would refuse.
 */
export async function writeSplitJsonl(
  out: AtomicOutput,
  records: RecordSource,
  paths: SplitPaths,
  toRow: (record: DatasetRecord) => unknown,
  opts: ExportOptions,
): Promise<{ records: number; train: number; validation: number }> {
  const files = {
    train: await out.open(paths.train, { optional: true }),
    validation: await out.open(paths.validation, { optional: true }),
  };
  let written = 0;
  for await (const record of records) {
    opts.signal?.throwIfAborted();
    const file = files[record.split];
    if (!file) throw new Error(`Session ${record.sessionId} has the split "${String(record.split)}"; expected "train" or "validation".`);
    await file.write(jsonLine(toRow(record)), 1);
    written++;
    opts.onProgress?.(written);
  }
  return { records: written, train: files.train.count, validation: files.validation.count };
}
