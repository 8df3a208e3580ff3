import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decimal } from '../../../src/main/core/datasets/exporters/bundleFiles';
import { exportTrainingBundle } from '../../../src/main/core/datasets/exporters/trainingBundle';
import { validateChatJsonl } from '../../../src/main/core/datasets/formatChecks';
import { CBT_PROMPT, filesUnder, records, tempDir } from './builders';

// js-yaml is already in node_modules through electron-builder; the app itself writes YAML by hand.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

const bundle = {
  baseModel: 'Qwen/Qwen2.5-1.5B-Instruct',
  epochs: 2,
  learningRate: 0.00001,
  loraRank: 8,
  sequenceLength: 4096,
  datasetName: 'CBT mix: 50% real | 50% synthetic',
  datasetVersion: 'v3',
  contentHash: 'sha256:9f2c4e1a7b',
};

describe('training bundle', () => {
  it('writes data, an Axolotl config that reads it, an Unsloth script and a README with the content hash', async () => {
    const dir = await tempDir();
    const result = await exportTrainingBundle(records(50), dir, { systemPrompt: CBT_PROMPT, bundle });
    expect(await filesUnder(dir)).toEqual(['README.md', 'axolotl.yaml', 'data/train.jsonl', 'data/validation.jsonl', 'train_unsloth.py']);
    expect(result.records).toBe(50);
    expect(result.files.map((f) => [f.path.slice(dir.length + 1), f.count])).toEqual([
      ['data/train.jsonl', 40],
      ['data/validation.jsonl', 10],
      ['axolotl.yaml', 0],
      ['train_unsloth.py', 0],
      ['README.md', 0],
    ]);
    for (const name of ['train', 'validation']) expect((await validateChatJsonl(join(dir, 'data', `${name}.jsonl`))).errors).toEqual([]);

    const config = yaml.load(await readFile(join(dir, 'axolotl.yaml'), 'utf8'));
    expect(config).toMatchObject({
      base_model: 'Qwen/Qwen2.5-1.5B-Instruct',
      datasets: [
        { path: 'data/train.jsonl', ds_type: 'json', type: 'chat_template', field_messages: 'messages', roles_to_train: ['assistant'] },
      ],
      test_datasets: [
        {
          path: 'data/validation.jsonl',
          split: 'train',
          type: 'chat_template',
          field_messages: 'messages',
          data_files: ['data/validation.jsonl'],
        },
      ],
      adapter: 'lora',
      lora_r: 8,
      lora_alpha: 16,
      lora_dropout: 0.05,
      lora_target_linear: true,
      sequence_len: 4096,
      micro_batch_size: 2,
      gradient_accumulation_steps: 4,
      num_epochs: 2,
      learning_rate: 0.00001,
      output_dir: './outputs/lora',
    });
    // PyYAML (Axolotl's reader) takes 1e-05 for a string: the rate must be written out in full.
    expect(await readFile(join(dir, 'axolotl.yaml'), 'utf8')).toMatch(/^learning_rate: 0\.00001$/m);

    const script = await readFile(join(dir, 'train_unsloth.py'), 'utf8');
    expect(script).toContain('BASE_MODEL = "Qwen/Qwen2.5-1.5B-Instruct"');
    expect(script).toMatch(/^LORA_RANK = 8$/m);
    expect(script).toMatch(/^EPOCHS = 2$/m);
    expect(script).toMatch(/^LEARNING_RATE = 0\.00001$/m);
    expect(script).toMatch(/^MAX_SEQ_LENGTH = 4096$/m);
    expect(script).toContain('FastLanguageModel.get_peft_model(');
    expect(script).toContain('tokenizer.apply_chat_template(messages, tokenize=False)');
    expect(script).toContain('os.path.join(HERE, "data", "train.jsonl")');
    expect(script).toContain('"<|start_header_id|>user<|end_header_id|>\\n\\n"');

    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('`sha256:9f2c4e1a7b`');
    expect(readme).toContain('| Dataset | CBT mix: 50% real \\| 50% synthetic |');
    expect(readme).toContain('| Training conversations | 40 |');
    expect(readme).toContain('| Validation conversations | 10 |');
    expect(readme).toContain('#SBATCH --gres=gpu:1');
    expect(readme).toContain('#SBATCH --job-name=cbt-mix-50-real-50-synthetic');
    expect(readme).toContain('axolotl train axolotl.yaml');
    expect(readme).toContain('python train_unsloth.py');
  });

  it('leaves the evaluation set out of the config when no session is in validation', async () => {
    const dir = await tempDir();
    await exportTrainingBundle(records(12, { split: 'train' }), dir);
    expect(await filesUnder(dir)).not.toContain('data/validation.jsonl');
    const config = yaml.load(await readFile(join(dir, 'axolotl.yaml'), 'utf8')) as Record<string, unknown>;
    expect(config.test_datasets).toBeUndefined();
    expect(config).toMatchObject({
      val_set_size: 0,
      base_model: 'unsloth/Llama-3.2-3B-Instruct',
      lora_r: 16,
      lora_alpha: 32,
      learning_rate: 0.0002,
    });
  });

  it('refuses a dataset without training sessions, or bad options, and leaves nothing', async () => {
    const dir = await tempDir();
    await expect(exportTrainingBundle(records(12, { split: 'validation' }), join(dir, 'b'))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('training split'),
    });
    await expect(exportTrainingBundle(records(12), join(dir, 'b'), { bundle: { loraRank: 0 } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('loraRank'),
    });
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('keeps names typed by people from breaking the YAML and the Python', async () => {
    const dir = await tempDir();
    const name = 'x"\n# y: z\\ """';
    await exportTrainingBundle(records(12), dir, { bundle: { datasetName: name, baseModel: 'org/model "quoted"' } });
    expect(yaml.load(await readFile(join(dir, 'axolotl.yaml'), 'utf8'))).toMatchObject({ base_model: 'org/model "quoted"' });
    const script = await readFile(join(dir, 'train_unsloth.py'), 'utf8');
    expect(script.split('"""')).toHaveLength(3);
    expect(script).toContain('BASE_MODEL = "org/model \\"quoted\\""');
  });
});

describe('decimal', () => {
  it('writes rates without an exponent', () => {
    expect([0.0002, 1e-5, 3e-7, 0.1, 2].map(decimal)).toEqual(['0.0002', '0.00001', '0.0000003', '0.1', '2']);
  });
});
