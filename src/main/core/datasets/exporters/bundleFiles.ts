// The text files of a training bundle, as templates. There is no YAML library in the app, so every
// string goes into the YAML and the Python through JSON.stringify: a JSON string is a valid YAML
// double-quoted scalar and a valid Python string literal, whatever the dataset or model is called.

export interface BundleSettings {
  baseModel: string;
  epochs: number;
  learningRate: number;
  loraRank: number;
  sequenceLength: number;
  datasetName: string;
  datasetVersion: string;
  contentHash: string;
}

export interface BundleCounts {
  train: number;
  validation: number;
}

export const TRAIN_FILE = 'data/train.jsonl';
export const VALIDATION_FILE = 'data/validation.jsonl';
/** Per-device batch and accumulation: an effective batch of 8 fits a 3B model with LoRA on one 24 GB GPU. */
const MICRO_BATCH_SIZE = 2;
const GRADIENT_ACCUMULATION_STEPS = 4;
const LORA_DROPOUT = 0.05;

const q = (text: string): string => JSON.stringify(text);
/** Names typed by people go into comments and Markdown too, where a line break would end the line early. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** A Markdown table cell: one line, and a pipe would start a new cell. */
const cell = (text: string): string => oneLine(text).replace(/\|/g, '\\|');

/**
 * A number in plain decimal notation. PyYAML, which Axolotl uses, reads `2e-4` as a string (YAML 1.1
 * wants `2.0e-4`), so a learning rate must never be written the way JavaScript prints small numbers.
 */
export function decimal(n: number): string {
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** LoRA's usual scaling: alpha twice the rank, so changing the rank keeps the update size comparable. */
export const loraAlpha = (rank: number): number => rank * 2;

/** An Axolotl LoRA config reading the bundle's files; run from the bundle folder, as paths are relative. */
export function axolotlYaml(s: BundleSettings, counts: BundleCounts): string {
  const dataset = (path: string) => [
    `  - path: ${q(path)}`,
    '    ds_type: json',
    '    type: chat_template',
    '    field_messages: messages',
    '    message_property_mappings:',
    '      role: role',
    '      content: content',
  ];
  const evaluation =
    counts.validation > 0
      ? [
          'test_datasets:',
          ...dataset(VALIDATION_FILE),
          '    # A local JSON file loads as a single split, which the datasets library calls "train".',
          '    split: train',
          '    data_files:',
          `      - ${q(VALIDATION_FILE)}`,
          'evals_per_epoch: 1',
        ]
      : ['# No validation sessions were exported, so there is no evaluation set.', 'val_set_size: 0'];
  return [
    `# Axolotl LoRA fine-tune on ${oneLine(s.datasetName)} ${oneLine(s.datasetVersion)} (${counts.train} training and ${counts.validation} validation conversations).`,
    '# Written by Hybrid Data Studio. Run it from this folder: axolotl train axolotl.yaml',
    `base_model: ${q(s.baseModel)}`,
    'load_in_8bit: false',
    'load_in_4bit: false',
    '',
    "# The model's own chat template, so it is trained in the format it will be prompted in.",
    'chat_template: tokenizer_default',
    'datasets:',
    ...dataset(TRAIN_FILE),
    '    # Learn from the assistant turns only; the system prompt and user turns are context.',
    '    roles_to_train: ["assistant"]',
    '    train_on_eos: turn',
    ...evaluation,
    'dataset_prepared_path: last_run_prepared',
    'output_dir: ./outputs/lora',
    '',
    'adapter: lora',
    `lora_r: ${s.loraRank}`,
    `lora_alpha: ${loraAlpha(s.loraRank)}`,
    `lora_dropout: ${decimal(LORA_DROPOUT)}`,
    'lora_target_linear: true',
    '',
    `sequence_len: ${s.sequenceLength}`,
    'sample_packing: false',
    'pad_to_sequence_len: false',
    '',
    `micro_batch_size: ${MICRO_BATCH_SIZE}`,
    `gradient_accumulation_steps: ${GRADIENT_ACCUMULATION_STEPS}`,
    `num_epochs: ${s.epochs}`,
    'optimizer: adamw_torch_fused',
    'lr_scheduler: cosine',
    `learning_rate: ${decimal(s.learningRate)}`,
    'warmup_ratio: 0.05',
    'weight_decay: 0.0',
    '',
    'bf16: auto',
    'tf32: false',
    '# PyTorch attention: works without building flash-attn; switch to flash_attention: true if it is installed.',
    'sdp_attention: true',
    'gradient_checkpointing: true',
    'logging_steps: 10',
    'saves_per_epoch: 1',
    '',
  ].join('\n');
}

/** The same run as one Unsloth + TRL script, for a single GPU and people who prefer Python to configs. */
export function unslothScript(s: BundleSettings): string {
  // The docstring is the only place a name appears unquoted: drop what could end it or start an escape.
  const docName = oneLine(`${s.datasetName} ${s.datasetVersion}`).replace(/"|\\/g, '');
  return String.raw`"""LoRA fine-tune on ${docName} with Unsloth and TRL. Written by Hybrid Data Studio.

On a machine with an NVIDIA GPU:
    pip install unsloth
    python train_unsloth.py
The LoRA adapter is saved to outputs/unsloth/adapter.
"""
import os

from unsloth import FastLanguageModel  # first: it patches transformers and TRL on import
from unsloth.chat_templates import train_on_responses_only
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

BASE_MODEL = ${q(s.baseModel)}
MAX_SEQ_LENGTH = ${s.sequenceLength}
LORA_RANK = ${s.loraRank}
LORA_ALPHA = ${loraAlpha(s.loraRank)}
EPOCHS = ${s.epochs}
LEARNING_RATE = ${decimal(s.learningRate)}

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT_DIR = os.path.join(HERE, "outputs", "unsloth")

model, tokenizer = FastLanguageModel.from_pretrained(
    model_name=BASE_MODEL,
    max_seq_length=MAX_SEQ_LENGTH,
    load_in_4bit=True,  # QLoRA: the base weights in 4 bits, the adapter in full precision
)
model = FastLanguageModel.get_peft_model(
    model,
    r=LORA_RANK,
    lora_alpha=LORA_ALPHA,
    lora_dropout=${decimal(LORA_DROPOUT)},
    target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
    bias="none",
    use_gradient_checkpointing="unsloth",
    random_state=3407,
)

data_files = {"train": os.path.join(HERE, "data", "train.jsonl")}
if os.path.exists(os.path.join(HERE, "data", "validation.jsonl")):
    data_files["validation"] = os.path.join(HERE, "data", "validation.jsonl")
dataset = load_dataset("json", data_files=data_files)


def to_text(batch):
    # The tokenizer's own chat template, so training matches how the model will be prompted.
    # The trainer's tokenizer adds the BOS token again, so the template's copy is dropped.
    texts = []
    for messages in batch["messages"]:
        text = tokenizer.apply_chat_template(messages, tokenize=False)
        if tokenizer.bos_token and text.startswith(tokenizer.bos_token):
            text = text[len(tokenizer.bos_token):]
        texts.append(text)
    return {"text": texts}


dataset = dataset.map(to_text, batched=True, remove_columns=dataset["train"].column_names)
has_validation = "validation" in dataset

trainer = SFTTrainer(
    model=model,
    processing_class=tokenizer,
    train_dataset=dataset["train"],
    eval_dataset=dataset["validation"] if has_validation else None,
    args=SFTConfig(
        dataset_text_field="text",
        max_length=MAX_SEQ_LENGTH,
        per_device_train_batch_size=${MICRO_BATCH_SIZE},
        gradient_accumulation_steps=${GRADIENT_ACCUMULATION_STEPS},
        num_train_epochs=EPOCHS,
        learning_rate=LEARNING_RATE,
        lr_scheduler_type="cosine",
        warmup_ratio=0.05,
        weight_decay=0.0,
        optim="adamw_8bit",
        logging_steps=10,
        eval_strategy="epoch" if has_validation else "no",
        save_strategy="epoch",
        output_dir=OUTPUT_DIR,
        report_to="none",
        seed=3407,
    ),
)

# Learn from the assistant's replies only. The markers depend on the model family's chat template.
MARKERS = [
    ("<|start_header_id|>user<|end_header_id|>\n\n", "<|start_header_id|>assistant<|end_header_id|>\n\n"),  # Llama 3
    ("<|im_start|>user\n", "<|im_start|>assistant\n"),  # ChatML: Qwen, SmolLM
    ("<start_of_turn>user\n", "<start_of_turn>model\n"),  # Gemma
]
sample = dataset["train"][0]["text"]
for instruction_part, response_part in MARKERS:
    if response_part in sample:
        trainer = train_on_responses_only(trainer, instruction_part=instruction_part, response_part=response_part)
        break
else:
    print("Unknown chat template: training on whole conversations, prompts included.")

trainer.train()
model.save_pretrained(os.path.join(OUTPUT_DIR, "adapter"))
tokenizer.save_pretrained(os.path.join(OUTPUT_DIR, "adapter"))
`;
}

/** What is inside, where it came from, and the commands for a GPU machine and for a Slurm cluster. */
export function bundleReadme(s: BundleSettings, counts: BundleCounts): string {
  const jobName =
    s.datasetName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'lora';
  const fence = '```';
  return [
    `# Training bundle: ${oneLine(s.datasetName)} ${oneLine(s.datasetVersion)}`,
    '',
    'Made by Hybrid Data Studio, to fine-tune an open-weights model with LoRA on this dataset.',
    '',
    '| | |',
    '|---|---|',
    `| Dataset | ${cell(s.datasetName)} |`,
    `| Version | ${cell(s.datasetVersion)} |`,
    `| Content hash | \`${cell(s.contentHash) || 'not recorded'}\` |`,
    `| Training conversations | ${counts.train} |`,
    `| Validation conversations | ${counts.validation} |`,
    `| Base model | ${cell(s.baseModel)} |`,
    `| LoRA rank / alpha | ${s.loraRank} / ${loraAlpha(s.loraRank)} |`,
    `| Epochs, learning rate, sequence length | ${s.epochs}, ${decimal(s.learningRate)}, ${s.sequenceLength} |`,
    '',
    'Quote the content hash with any result: it names exactly the sessions this bundle was made from.',
    '',
    '## Inside',
    '',
    `- \`${TRAIN_FILE}\`${counts.validation > 0 ? `, \`${VALIDATION_FILE}\`` : ''}: one conversation per line in OpenAI's chat format`,
    '  (`{"messages": [{"role": ..., "content": ...}]}`), which Axolotl, Unsloth, TRL and OpenAI all read.',
    "- `axolotl.yaml`: a LoRA config for Axolotl, using the base model's own chat template.",
    '- `train_unsloth.py`: the same run with Unsloth and TRL, in one script.',
    '',
    '## Train on a GPU machine',
    '',
    'From this folder, with a recent PyTorch and CUDA installed. With Axolotl:',
    '',
    fence,
    'pip install axolotl',
    'axolotl train axolotl.yaml',
    fence,
    '',
    'The adapter is written to `outputs/lora`. Or with Unsloth, on one GPU:',
    '',
    fence,
    'pip install unsloth',
    'python train_unsloth.py',
    fence,
    '',
    'The adapter is written to `outputs/unsloth/adapter`.',
    '',
    '## Train on a Slurm cluster',
    '',
    'Copy this folder to the cluster, save the script below as `train.sbatch` next to this file, then run',
    '`mkdir -p logs && sbatch train.sbatch` (Slurm does not create the log folder). Module names and the',
    "environment are site-specific: ask your cluster's documentation which ones provide CUDA and Python.",
    '',
    `${fence}bash`,
    '#!/bin/bash',
    `#SBATCH --job-name=${jobName}`,
    '#SBATCH --gres=gpu:1',
    '#SBATCH --cpus-per-task=8',
    '#SBATCH --mem=64G',
    '#SBATCH --time=08:00:00',
    '#SBATCH --output=logs/%x-%j.out',
    'set -euo pipefail',
    'cd "$SLURM_SUBMIT_DIR"',
    'module load cuda              # site-specific',
    'source .venv/bin/activate     # a virtual environment with axolotl installed',
    'axolotl train axolotl.yaml    # or: python train_unsloth.py',
    fence,
    '',
  ].join('\n');
}
