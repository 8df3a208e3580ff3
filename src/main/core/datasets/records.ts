import type { DatasetRecord } from './chatExample';
import type { DatasetsRepo, FrozenExample } from './datasetsRepo';

/** A frozen example back as a record: its system message (if any) apart, the rest as turns. */
export function toRecord(e: FrozenExample): DatasetRecord {
  const system = e.messages[0]?.role === 'system' ? e.messages[0].content : null;
  return {
    sessionId: e.sessionId,
    split: e.split,
    source: e.source,
    title: e.title,
    systemPrompt: system,
    turns: e.messages.slice(system === null ? 0 : 1).map((m) => ({ role: m.role, text: m.content })),
    labels: e.labels,
    tags: e.tags,
  };
}

/** A frozen version's examples as records for the exporters, read page by page. */
export function* frozenRecords(datasets: DatasetsRepo, versionId: string): Generator<DatasetRecord> {
  for (const e of datasets.examples(versionId)) yield toRecord(e);
}
