import { z } from 'zod';
import { datasetSpecSchema, type DatasetSpec } from '../domain/datasetSpec';
import { idSchema } from '../domain/ids';
import type { JobSummary } from '../domain/job';
import type { InputSchemas, Method, NoInput } from './contractTypes';

// The spec is a domain value (the datasets repo reads it back from the project): it lives in shared/domain, and
// the contract keeps exporting it under the names screens and the CLI import.
export { datasetMixes, datasetSpecSchema, type DatasetMix, type DatasetSpec } from '../domain/datasetSpec';

export const exportFormatIds = ['openai-jsonl', 'sharegpt', 'hf-chat', 'turns-csv', 'bundle'] as const;
export type ExportFormatId = (typeof exportFormatIds)[number];

export interface DatasetView {
  id: string;
  name: string;
  description: string;
  spec: DatasetSpec;
  versions: DatasetVersionSummary[];
  createdAt: number;
  updatedAt: number;
}

export interface DatasetVersionSummary {
  id: string;
  datasetId: string;
  version: number;
  contentHash: string;
  examples: number;
  train: number;
  validation: number;
  real: number;
  synthetic: number;
  tokens: number;
  note: string | null;
  createdAt: number;
}

export interface Histogram {
  /** Lower edges of the bins, and one upper edge at the end. */
  edges: number[];
  counts: number[];
}

export interface LeakagePair {
  a: { sessionId: string; title: string; split: 'train' | 'validation' | 'evaluation' };
  b: { sessionId: string; title: string; split: 'train' | 'validation' | 'evaluation' };
  similarity: number;
}

export interface DatasetStats {
  examples: number;
  train: number;
  validation: number;
  bySource: { real: number; synthetic: number };
  tokens: { total: number; mean: number; max: number };
  turnsHistogram: Histogram;
  tokensHistogram: Histogram;
  /** Taxonomy labels (distortions) of the examples, most frequent first. */
  labels: { label: string; count: number }[];
  /** Why fewer examples were taken than asked for, when that happened. */
  shortfall: string | null;
  leakage: LeakagePair[];
  /**
   * Sessions the filters let in but the privacy gate left out, because their detected personal
   * details await review (absent when none were).
   */
  withheldForDetails?: { count: number; sessionIds: string[] } | undefined;
}

/** What a composed (not yet frozen) dataset would hold. */
export interface DatasetPreview {
  stats: DatasetStats;
  pool: { real: number; synthetic: number };
  /** The total taken from the "same size as" dataset, when the spec names one. */
  matched?: { datasetId: string; name: string; version: number; examples: number } | null;
  /** Set when this dataset and another one of a different mix differ by more than 20% in size. */
  sizeWarning?: string | null;
}

export interface DatasetVersionView extends DatasetVersionSummary {
  spec: DatasetSpec;
  stats: DatasetStats;
}

export interface ExampleIssueView {
  example: number;
  sessionId: string | null;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export interface ValidationReport {
  examples: number;
  ok: boolean;
  errors: number;
  warnings: number;
  /** The first issues, in example order (a broken dataset does not send thousands). */
  issues: ExampleIssueView[];
  byCode: Record<string, number>;
  tokenLimit: number | null;
  /** Training cost: tokens × epochs × the model's training price, when the price is known. */
  trainingCost: { model: string; epochs: number; tokens: number; costUsd: number | null; basis: string } | null;
}

export interface DatasetDiff {
  from: { id: string; version: number; contentHash: string };
  to: { id: string; version: number; contentHash: string };
  added: { sessionId: string; title: string; split: string }[];
  removed: { sessionId: string; title: string; split: string }[];
  /** In both, with different content (the session was edited between the freezes) or moved between splits. */
  changed: { sessionId: string; title: string; what: string }[];
  unchanged: number;
}

export interface DatasetExampleRow {
  /** 1-based line of the example in its split's file, as validation numbers it. */
  line: number;
  sessionId: string;
  title: string;
  split: 'train' | 'validation';
  source: 'real' | 'synthetic';
  labels: string[];
  tokens: number;
  turns: number;
}

export interface DatasetsApi {
  'datasets.list': Method<NoInput, DatasetView[]>;
  'datasets.get': Method<{ id: string }, DatasetView>;
  'datasets.create': Method<{ name: string; description?: string | undefined; spec: DatasetSpec }, DatasetView>;
  'datasets.update': Method<
    { id: string; name?: string | undefined; description?: string | undefined; spec?: DatasetSpec | undefined },
    DatasetView
  >;
  'datasets.remove': Method<{ id: string }, null>;
  /** What the spec would give now, with statistics and the leakage check, before freezing. */
  'datasets.preview': Method<{ spec: DatasetSpec }, DatasetPreview>;
  /** An immutable version: the chosen examples are copied, so later edits to sessions do not change it. */
  'datasets.freeze': Method<{ id: string; note?: string | undefined }, DatasetVersionView>;
  'datasets.version': Method<{ versionId: string }, DatasetVersionView>;
  /** The frozen examples of a version, a page at a time. */
  'datasets.examples': Method<
    { versionId: string; split?: 'train' | 'validation' | undefined; offset?: number | undefined; limit?: number | undefined },
    { rows: DatasetExampleRow[]; total: number }
  >;
  'datasets.validate': Method<{ versionId: string; model?: string | undefined; epochs?: number | undefined }, ValidationReport>;
  'datasets.diff': Method<{ fromVersionId: string; toVersionId: string }, DatasetDiff>;
  /** Writes the version to disk in a format, as a job with progress; nothing half-written is left on failure. */
  /** Without `outDir`, the export goes to the app's own exports folder (shown by app.info as dataDir/exports). */
  'datasets.export': Method<
    { versionId: string; format: ExportFormatId; outDir?: string | undefined; baseModel?: string | undefined },
    JobSummary
  >;
  'datasets.formats': Method<NoInput, { id: ExportFormatId; label: string; description: string; output: 'folder' | 'file' }[]>;
}

const name = z.string().trim().min(1).max(120);
const description = z.string().max(2000);

export const datasetsInputs = {
  'datasets.list': z.strictObject({}),
  'datasets.get': z.strictObject({ id: idSchema }),
  'datasets.create': z.strictObject({ name, description: description.optional(), spec: datasetSpecSchema() }),
  'datasets.update': z.strictObject({
    id: idSchema,
    name: name.optional(),
    description: description.optional(),
    spec: datasetSpecSchema().optional(),
  }),
  'datasets.remove': z.strictObject({ id: idSchema }),
  'datasets.preview': z.strictObject({ spec: datasetSpecSchema() }),
  'datasets.freeze': z.strictObject({ id: idSchema, note: z.string().trim().max(500).optional() }),
  'datasets.version': z.strictObject({ versionId: idSchema }),
  'datasets.examples': z.strictObject({
    versionId: idSchema,
    split: z.enum(['train', 'validation']).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  }),
  'datasets.validate': z.strictObject({
    versionId: idSchema,
    model: z.string().trim().min(1).max(200).optional(),
    epochs: z.number().int().min(1).max(50).optional(),
  }),
  'datasets.diff': z.strictObject({ fromVersionId: idSchema, toVersionId: idSchema }),
  'datasets.export': z.strictObject({
    versionId: idSchema,
    format: z.enum(exportFormatIds),
    outDir: z.string().trim().min(1).max(4096).optional(),
    baseModel: z.string().trim().min(1).max(200).optional(),
  }),
  'datasets.formats': z.strictObject({}),
} satisfies InputSchemas<DatasetsApi>;

export const defaultDatasetSpec: DatasetSpec = {
  filters: { statuses: ['approved'], tags: [], minScore: null, minTurns: null, maxTurns: null },
  mix: 'hybrid',
  syntheticShare: 0.5,
  total: null,
  validationShare: 0.1,
  seed: 1,
  systemPrompt: null,
};
