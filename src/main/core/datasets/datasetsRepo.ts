import type Database from 'better-sqlite3';
import { z } from 'zod';
import { lazy } from '../../../shared/domain/lazy';
import type { DatasetStats, DatasetVersionSummary } from '../../../shared/api/datasets';
import { datasetSpecSchema, type DatasetSpec } from '../../../shared/domain/datasetSpec';
import { statementCache } from '../util/statements';
import type { ChatMessage } from './chatExample';

export interface DatasetRow {
  id: string;
  name: string;
  description: string;
  spec: DatasetSpec;
  createdAt: number;
  updatedAt: number;
}

/** One frozen example, as it was copied at freezing time. */
export interface FrozenExample {
  seq: number;
  sessionId: string;
  title: string;
  split: 'train' | 'validation';
  source: 'real' | 'synthetic';
  labels: string[];
  tags: string[];
  messages: ChatMessage[];
  contentHash: string;
  tokens: number;
  turns: number;
}

export interface VersionRow extends DatasetVersionSummary {
  spec: DatasetSpec;
  stats: DatasetStats;
}

const strings = lazy(() => z.array(z.string()));
type RawDataset = { id: string; name: string; description: string; spec_json: string; created_at: number; updated_at: number };
const toDataset = (r: RawDataset): DatasetRow => ({
  id: r.id,
  name: r.name,
  description: r.description,
  spec: datasetSpecSchema().parse(JSON.parse(r.spec_json)),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
type RawExample = {
  seq: number;
  session_id: string;
  title: string;
  split: 'train' | 'validation';
  source: 'real' | 'synthetic';
  labels_json: string;
  tags_json: string;
  messages_json: string;
  content_hash: string;
  tokens: number;
  turns: number;
};
type RawVersion = {
  id: string;
  dataset_id: string;
  version: number;
  content_hash: string;
  spec_json: string;
  stats_json: string;
  note: string | null;
  created_at: number;
};

const toExample = (r: RawExample): FrozenExample => ({
  seq: r.seq,
  sessionId: r.session_id,
  title: r.title,
  split: r.split,
  source: r.source,
  labels: strings().parse(JSON.parse(r.labels_json)),
  tags: strings().parse(JSON.parse(r.tags_json)),
  messages: JSON.parse(r.messages_json) as ChatMessage[],
  contentHash: r.content_hash,
  tokens: r.tokens,
  turns: r.turns,
});

function toVersion(r: RawVersion): VersionRow {
  const stats = JSON.parse(r.stats_json) as DatasetStats;
  return {
    id: r.id,
    datasetId: r.dataset_id,
    version: r.version,
    contentHash: r.content_hash,
    examples: stats.examples,
    train: stats.train,
    validation: stats.validation,
    real: stats.bySource.real,
    synthetic: stats.bySource.synthetic,
    tokens: stats.tokens.total,
    note: r.note,
    createdAt: r.created_at,
    spec: datasetSpecSchema().parse(JSON.parse(r.spec_json)),
    stats,
  };
}

/** Datasets (named specs) and their frozen versions with the examples copied in. */
export class DatasetsRepo {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  list(): DatasetRow[] {
    return (this.sql('SELECT * FROM datasets ORDER BY created_at, id').all() as RawDataset[]).map(toDataset);
  }

  get(id: string): DatasetRow | undefined {
    const row = this.sql('SELECT * FROM datasets WHERE id = ?').get(id) as RawDataset | undefined;
    return row ? toDataset(row) : undefined;
  }

  nameTaken(name: string, exceptId?: string): boolean {
    return this.sql('SELECT 1 FROM datasets WHERE name = ? COLLATE NOCASE AND id != ?').get(name, exceptId ?? '') !== undefined;
  }

  insert(d: DatasetRow): void {
    this.sql(
      'INSERT INTO datasets (id, name, description, spec_json, created_at, updated_at) VALUES (@id, @name, @description, @spec, @createdAt, @updatedAt)',
    ).run({ ...d, spec: JSON.stringify(d.spec) });
  }

  update(d: DatasetRow): void {
    this.sql('UPDATE datasets SET name = @name, description = @description, spec_json = @spec, updated_at = @updatedAt WHERE id = @id').run(
      {
        ...d,
        spec: JSON.stringify(d.spec),
      },
    );
  }

  /** Refused while a training run used one of its versions: lineage must stay readable. */
  remove(id: string): boolean {
    return this.sql('DELETE FROM datasets WHERE id = ?').run(id).changes > 0;
  }

  usedByTraining(datasetId: string): boolean {
    return (
      this.sql('SELECT 1 FROM training_runs r JOIN dataset_versions v ON v.id = r.dataset_version_id WHERE v.dataset_id = ?').get(
        datasetId,
      ) !== undefined
    );
  }

  versions(datasetId: string): VersionRow[] {
    return (this.sql('SELECT * FROM dataset_versions WHERE dataset_id = ? ORDER BY version').all(datasetId) as RawVersion[]).map(toVersion);
  }

  version(id: string): VersionRow | undefined {
    const row = this.sql('SELECT * FROM dataset_versions WHERE id = ?').get(id) as RawVersion | undefined;
    return row ? toVersion(row) : undefined;
  }

  nextVersion(datasetId: string): number {
    return (
      ((this.sql('SELECT max(version) AS v FROM dataset_versions WHERE dataset_id = ?').get(datasetId) as { v: number | null }).v ?? 0) + 1
    );
  }

  /**
   * One page of a version's examples, committed on its own so a long freeze never holds the write
   * lock for long. They stay unreachable until `insertVersion` commits the version row.
   */
  insertExamples(versionId: string, examples: readonly FrozenExample[]): void {
    const insertExample = this.sql(
      `INSERT INTO dataset_examples (version_id, seq, session_id, title, split, source, labels_json, tags_json, messages_json, content_hash, tokens, turns)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const e of examples) {
        insertExample.run(
          versionId,
          e.seq,
          e.sessionId,
          e.title,
          e.split,
          e.source,
          JSON.stringify(e.labels),
          JSON.stringify(e.tags),
          JSON.stringify(e.messages),
          e.contentHash,
          e.tokens,
          e.turns,
        );
      }
    })();
  }

  /** The version row, numbered after the dataset's newest, written once all its examples are in. */
  insertVersion(v: {
    id: string;
    datasetId: string;
    contentHash: string;
    spec: DatasetSpec;
    stats: DatasetStats;
    note: string | null;
    createdAt: number;
  }): void {
    this.db.transaction(() => {
      this.sql(
        'INSERT INTO dataset_versions (id, dataset_id, version, content_hash, spec_json, stats_json, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        v.id,
        v.datasetId,
        this.nextVersion(v.datasetId),
        v.contentHash,
        JSON.stringify(v.spec),
        JSON.stringify(v.stats),
        v.note,
        v.createdAt,
      );
    })();
  }

  /**
   * Examples whose version row was never written (a freeze that failed or was cut short), started before
   * `idBefore`. Every freeze asks, and there is almost never any: the versions that have examples are
   * found by one index seek each (not a scan of every example), and only what is found is deleted, so
   * the common case neither scans nor takes the write lock.
   */
  removeUnfinishedExamples(idBefore: string): number {
    const unfinished = this.sql(
      `WITH RECURSIVE present(id) AS (
         SELECT min(version_id) FROM dataset_examples
         UNION ALL
         SELECT (SELECT min(version_id) FROM dataset_examples WHERE version_id > present.id) FROM present WHERE present.id < @before
       )
       SELECT id FROM present WHERE id < @before AND id NOT IN (SELECT id FROM dataset_versions)`,
    ).all({ before: idBefore }) as { id: string }[];
    let removed = 0;
    for (const { id } of unfinished) removed += this.sql('DELETE FROM dataset_examples WHERE version_id = ?').run(id).changes;
    return removed;
  }

  removeExamples(versionId: string): void {
    this.sql('DELETE FROM dataset_examples WHERE version_id = ?').run(versionId);
  }

  /**
   * The examples in order, read in pages: exports and validation of 100,000 examples never hold them
   * all, and no statement stays open between pages (an open iterator would block the connection for
   * every other request while an export waits on the disk).
   */
  *examples(versionId: string, split?: 'train' | 'validation', pageSize = 500): Generator<FrozenExample> {
    const page = split
      ? this.sql('SELECT * FROM dataset_examples WHERE version_id = ? AND split = ? AND seq > ? ORDER BY seq LIMIT ?')
      : this.sql('SELECT * FROM dataset_examples WHERE version_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    let after = -1;
    for (;;) {
      const rows = (split ? page.all(versionId, split, after, pageSize) : page.all(versionId, after, pageSize)) as RawExample[];
      for (const row of rows) yield toExample(row);
      if (rows.length < pageSize) return;
      after = rows.at(-1)!.seq;
    }
  }

  /** One page of a version's examples with their line in their split's file (without the messages). */
  page(
    versionId: string,
    split: 'train' | 'validation' | null,
    offset: number,
    limit: number,
  ): { rows: (Omit<FrozenExample, 'messages' | 'tags' | 'contentHash' | 'seq'> & { line: number })[]; total: number } {
    const rows = this.sql(
      `SELECT session_id, title, split, source, labels_json, tokens, turns,
         row_number() OVER (PARTITION BY split ORDER BY seq) AS line
       FROM dataset_examples WHERE version_id = ? AND (? IS NULL OR split = ?) ORDER BY seq LIMIT ? OFFSET ?`,
    ).all(versionId, split, split, limit, offset) as {
      session_id: string;
      title: string;
      split: 'train' | 'validation';
      source: 'real' | 'synthetic';
      labels_json: string;
      tokens: number;
      turns: number;
      line: number;
    }[];
    const total = (
      this.sql('SELECT count(*) AS n FROM dataset_examples WHERE version_id = ? AND (? IS NULL OR split = ?)').get(
        versionId,
        split,
        split,
      ) as { n: number }
    ).n;
    return {
      rows: rows.map((r) => ({
        sessionId: r.session_id,
        title: r.title,
        split: r.split,
        source: r.source,
        labels: strings().parse(JSON.parse(r.labels_json)),
        tokens: r.tokens,
        turns: r.turns,
        line: r.line,
      })),
      total,
    };
  }

  /** Session id, title, split and content hash of every example: enough to compare two versions. */
  fingerprints(versionId: string): Map<string, { title: string; split: string; contentHash: string }> {
    const rows = this.sql('SELECT session_id, title, split, content_hash FROM dataset_examples WHERE version_id = ?').all(versionId) as {
      session_id: string;
      title: string;
      split: string;
      content_hash: string;
    }[];
    return new Map(rows.map((r) => [r.session_id, { title: r.title, split: r.split, contentHash: r.content_hash }]));
  }
}
