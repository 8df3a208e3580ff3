import { join } from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../../../shared/api/result';
import { toChatExample } from '../chatExample';
import { writeAtomically } from './atomicOutput';
import { axolotlYaml, bundleReadme, TRAIN_FILE, unslothScript, VALIDATION_FILE } from './bundleFiles';
import { writeSplitJsonl } from './splitJsonl';
import type { ExportOptions, ExportResult, RecordSource } from './types';

/** Defaults suit a first LoRA run of a small instruct model on one consumer GPU. */
export const bundleOptionsSchema = z.object({
  baseModel: z.string().trim().min(1).default('unsloth/Llama-3.2-3B-Instruct'),
  epochs: z.number().int().min(1).max(50).default(3),
  learningRate: z.number().positive().max(0.1).default(0.0002),
  loraRank: z.number().int().min(1).max(512).default(16),
  sequenceLength: z.number().int().min(256).max(262_144).default(2048),
  datasetName: z.string().trim().min(1).default('dataset'),
  datasetVersion: z.string().trim().min(1).default('1'),
  contentHash: z.string().trim().default(''),
});
export type BundleOptions = z.input<typeof bundleOptionsSchema>;

export interface BundleExportOptions extends ExportOptions {
  bundle?: BundleOptions;
}

/**
 * A folder an open-source trainer can run as it is: `data/train.jsonl` and `data/validation.jsonl`
 * in OpenAI's chat format (Axolotl's chat_template and Unsloth read the "messages" field), an
 * `axolotl.yaml` LoRA config, a `train_unsloth.py` script and a `README.md` naming the dataset,
 * its version and content hash. The configs are written last, because they depend on whether any
 * validation sessions were exported.
 */
export async function exportTrainingBundle(records: RecordSource, outDir: string, opts: BundleExportOptions = {}): Promise<ExportResult> {
  const parsed = bundleOptionsSchema.safeParse(opts.bundle ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      'INVALID_INPUT',
      `The training bundle's ${issue?.path.join('.') || 'options'} ${issue ? `is invalid: ${issue.message}` : 'are invalid'}.`,
    );
  }
  const settings = parsed.data;
  const paths = { train: join(outDir, TRAIN_FILE), validation: join(outDir, VALIDATION_FILE) };
  const { value, files } = await writeAtomically(opts.signal, async (out) => {
    const counts = await writeSplitJsonl(out, records, paths, (r) => toChatExample(r, opts.systemPrompt), opts);
    if (counts.train === 0)
      throw new ApiError(
        'INVALID_INPUT',
        'No session of this dataset is in the training split, so there is nothing to train on; assign some sessions to "train".',
      );
    const texts: [string, string][] = [
      ['axolotl.yaml', axolotlYaml(settings, counts)],
      ['train_unsloth.py', unslothScript(settings)],
      ['README.md', bundleReadme(settings, counts)],
    ];
    for (const [name, text] of texts) await (await out.open(join(outDir, name))).write(text);
    return counts.records;
  });
  return { records: value, files };
}
