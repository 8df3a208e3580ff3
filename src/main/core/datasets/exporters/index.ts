import { exportHfChat } from './hfChat';
import { exportOpenAiJsonl } from './openaiJsonl';
import { exportShareGpt } from './sharegpt';
import { exportTrainingBundle, type BundleExportOptions } from './trainingBundle';
import { exportTurnsCsv } from './turnsCsv';
import type { ExportResult, RecordSource } from './types';

export type ExportFormatId = 'openai-jsonl' | 'sharegpt' | 'hf-chat' | 'turns-csv' | 'bundle';

export interface ExportFormat {
  id: ExportFormatId;
  label: string;
  description: string;
  /** Whether `run` takes a folder to fill or a file to write; `defaultName` suggests one in a save dialog. */
  output: 'folder' | 'file';
  defaultName: string;
  /** Every format takes the same options; only the bundle reads `bundle`. */
  run(records: RecordSource, target: string, opts?: BundleExportOptions): Promise<ExportResult>;
}

/** The export formats, in the order people should see them. */
export const exportFormats: readonly ExportFormat[] = [
  {
    id: 'openai-jsonl',
    label: 'OpenAI fine-tuning (JSONL)',
    description: 'train.jsonl and validation.jsonl in OpenAI chat format, ready to upload for fine-tuning.',
    output: 'folder',
    defaultName: 'openai-jsonl',
    run: exportOpenAiJsonl,
  },
  {
    id: 'sharegpt',
    label: 'ShareGPT (JSON)',
    description: 'One JSON array of conversations with human and gpt turns, for LLaMA-Factory, FastChat and similar tools.',
    output: 'file',
    defaultName: 'sharegpt.json',
    run: exportShareGpt,
  },
  {
    id: 'hf-chat',
    label: 'Hugging Face dataset (chat JSONL)',
    description: 'data/train.jsonl and data/validation.jsonl with messages, id, source and split, loadable with datasets.load_dataset.',
    output: 'folder',
    defaultName: 'hf-dataset',
    run: exportHfChat,
  },
  {
    id: 'turns-csv',
    label: 'Turns (CSV)',
    description: 'One row per turn with session, split, source, role, text and labels, for spreadsheets and analysis.',
    output: 'file',
    defaultName: 'turns.csv',
    run: exportTurnsCsv,
  },
  {
    id: 'bundle',
    label: 'Training bundle (Axolotl / Unsloth)',
    description: 'Data, an Axolotl LoRA config, an Unsloth script and a README with commands for a GPU machine or a Slurm cluster.',
    output: 'folder',
    defaultName: 'training-bundle',
    run: exportTrainingBundle,
  },
];

export function exportFormat(id: ExportFormatId): ExportFormat {
  const format = exportFormats.find((f) => f.id === id);
  if (!format) throw new Error(`unknown export format ${id}`);
  return format;
}

export type { BundleExportOptions, BundleOptions } from './trainingBundle';
export type { ExportOptions, ExportResult, RecordSource, WrittenFile } from './types';
