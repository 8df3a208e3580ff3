import { toChatExample, type ChatMessage } from '../chatExample';
import { writeAtomically } from './atomicOutput';
import type { ExportOptions, ExportResult, RecordSource } from './types';

/** ShareGPT's speaker names, as LLaMA-Factory, Axolotl's legacy loader and FastChat read them. */
const FROM: Record<ChatMessage['role'], string> = { system: 'system', user: 'human', assistant: 'gpt' };

/**
 * One JSON array in ShareGPT form, written element by element so its size is bounded by the disk,
 * not by memory: [{"id", "conversations": [{"from", "value"}], "source", "labels"}].
 */
export async function exportShareGpt(records: RecordSource, outFile: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const { value, files } = await writeAtomically(opts.signal, async (out) => {
    const file = await out.open(outFile);
    let written = 0;
    await file.write('[');
    for await (const record of records) {
      opts.signal?.throwIfAborted();
      const conversations = toChatExample(record, opts.systemPrompt).messages.map((m) => ({ from: FROM[m.role], value: m.content }));
      const element = { id: record.sessionId, conversations, source: record.source, labels: record.labels };
      await file.write(`${written === 0 ? '\n' : ',\n'}${JSON.stringify(element)}`, 1);
      written++;
      opts.onProgress?.(written);
    }
    await file.write(written === 0 ? ']\n' : '\n]\n');
    return written;
  });
  return { records: value, files };
}
