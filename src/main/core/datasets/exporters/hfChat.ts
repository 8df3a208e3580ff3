import { join } from 'node:path';
import { toChatExample } from '../chatExample';
import { writeAtomically } from './atomicOutput';
import { writeSplitJsonl } from './splitJsonl';
import type { ExportOptions, ExportResult, RecordSource } from './types';

/**
 * A Hugging Face chat dataset folder: `<outDir>/data/train.jsonl` and `<outDir>/data/validation.jsonl`.
 * The Hub and `datasets.load_dataset("<outDir>")` map files named after a split under `data/` to that
 * split without a loading script or a card, and TRL's SFTTrainer reads the "messages" column as
 * conversations. Each row: {"messages": [{role, content}], "id", "source", "split"}.
 */
export async function exportHfChat(records: RecordSource, outDir: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const paths = { train: join(outDir, 'data', 'train.jsonl'), validation: join(outDir, 'data', 'validation.jsonl') };
  const toRow = (r: Parameters<typeof toChatExample>[0]) => ({
    messages: toChatExample(r, opts.systemPrompt).messages,
    id: r.sessionId,
    source: r.source,
    split: r.split,
  });
  const { value, files } = await writeAtomically(opts.signal, (out) => writeSplitJsonl(out, records, paths, toRow, opts));
  return { records: value.records, files };
}
