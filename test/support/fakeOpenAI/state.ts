import { hexId } from './prng';
import type { BatchRecord } from './batchSim';
import type { FineTuneJob } from './fineTuneSim';
import type { TogetherJob } from './togetherSim';

export const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4o-mini-2024-07-18', 'text-embedding-3-small', 'whisper-1'];

export const ORG = 'fake-org';

export interface ModelEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

export type FilePurpose =
  'assistants' | 'assistants_output' | 'batch' | 'batch_output' | 'fine-tune' | 'fine-tune-results' | 'vision' | 'user_data' | 'evals';

export interface FileObject {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  filename: string;
  purpose: FilePurpose;
  status: 'processed';
  status_details: null;
  expires_at: number | null;
}

export interface StoredFile {
  meta: FileObject;
  content: Uint8Array;
}

/** Everything the fake remembers between requests; lives exactly as long as one server. */
export class FakeState {
  readonly files = new Map<string, StoredFile>();
  readonly jobs = new Map<string, FineTuneJob>();
  readonly batches = new Map<string, BatchRecord>();
  /** Together AI's fine-tuning jobs (`/v1/fine-tunes`), kept apart from OpenAI's. */
  readonly togetherJobs = new Map<string, TogetherJob>();
  readonly models: ModelEntry[];
  /** Answers json_schema requests as a literal-minded provider would (see `sampleJsonSchema`). */
  schemaStrict: boolean | 'minimal' = false;
  private counter = 0;

  constructor(
    modelIds: string[],
    public latencyMs: number,
    readonly stepMs: number,
  ) {
    // A fixed `created` keeps /v1/models byte-identical across runs.
    this.models = modelIds.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' }));
  }

  /** Counter-based, so ids are the same on every run of the same test. */
  newId(prefix: string, length = 24): string {
    this.counter++;
    return `${prefix}${hexId(`${prefix}:${this.counter}`, length)}`;
  }

  nowSec(ms = Date.now()): number {
    return Math.floor(ms / 1000);
  }

  hasModel(id: string): boolean {
    return this.models.some((m) => m.id === id);
  }

  addModel(id: string, ownedBy: string): void {
    if (!this.hasModel(id)) this.models.push({ id, object: 'model', created: this.nowSec(), owned_by: ownedBy });
  }

  addFile(content: Uint8Array, filename: string, purpose: FilePurpose, createdAtMs = Date.now()): StoredFile {
    const meta: FileObject = {
      id: this.newId('file-'),
      object: 'file',
      bytes: content.length,
      created_at: this.nowSec(createdAtMs),
      filename,
      purpose,
      status: 'processed',
      status_details: null,
      expires_at: null,
    };
    const stored = { meta, content };
    this.files.set(meta.id, stored);
    return stored;
  }
}
