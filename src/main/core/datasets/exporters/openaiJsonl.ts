import { join } from 'node:path';
import { toChatExample } from '../chatExample';
import { writeAtomically } from './atomicOutput';
import { writeSplitJsonl } from './splitJsonl';
import type { ExportOptions, ExportResult, RecordSource } from './types';

/**
 * OpenAI chat fine-tuning files: `<outDir>/train.jsonl` and `<outDir>/validation.jsonl`, one
 * {"messages": [...]} per line and nothing else, ready for the Files API with purpose "fine-tune".
 */
export async function exportOpenAiJsonl(records: RecordSource, outDir: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const paths = { train: join(outDir, 'train.jsonl'), validation: join(outDir, 'validation.jsonl') };
  const { value, files } = await writeAtomically(opts.signal, (out) =>
    writeSplitJsonl(out, records, paths, (r) => toChatExample(r, opts.systemPrompt), opts),
  );
  return { records: value.records, files };
}
