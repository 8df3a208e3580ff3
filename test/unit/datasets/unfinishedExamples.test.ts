import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/core/db/migrate';
import { migrations } from '../../../src/main/core/db/migrations';
import { DatasetsRepo, type FrozenExample } from '../../../src/main/core/datasets/datasetsRepo';
import { idBefore } from '../../../src/main/core/util/ids';

const DAY = 24 * 3600_000;
const now = Date.UTC(2026, 11, 6);
/** A version id made at `ms`, as the freeze makes them (time first, so ids compare by age). */
const versionAt = (ms: number, tail: string) => `${idBefore(ms)}${tail.padEnd(16, '0')}`;

const example = (seq: number): FrozenExample => ({
  seq,
  sessionId: `s${seq}`,
  title: `Session ${seq}`,
  split: 'train',
  source: 'real',
  labels: [],
  tags: [],
  messages: [{ role: 'user', content: 'I keep worrying about the exam.' }],
  contentHash: `h${seq}`,
  tokens: 8,
  turns: 1,
});

/** A project with finished versions, plus the examples of freezes that never wrote their version. */
function project(unfinished: string[]) {
  const ran: string[] = [];
  const db = new Database(':memory:', { verbose: (sql) => ran.push(String(sql)) });
  migrate(db, migrations);
  db.pragma('foreign_keys = OFF');
  const datasets = new DatasetsRepo(db);
  db.prepare("INSERT INTO datasets (id, name, spec_json, created_at, updated_at) VALUES ('d', 'Hybrid', '{}', 0, 0)").run();
  const finished = [versionAt(now - 30 * DAY, 'a'), versionAt(now - 3 * DAY, 'b'), versionAt(now - 60_000, 'c')];
  for (const id of finished) {
    datasets.insertExamples(
      id,
      [0, 1, 2].map((seq) => example(seq)),
    );
    datasets.insertVersion({ id, datasetId: 'd', contentHash: id, spec: {} as never, stats: {} as never, note: null, createdAt: 0 });
  }
  for (const id of unfinished)
    datasets.insertExamples(
      id,
      [0, 1].map((seq) => example(seq)),
    );
  ran.length = 0;
  const left = () =>
    (db.prepare('SELECT DISTINCT version_id AS id FROM dataset_examples ORDER BY 1').all() as { id: string }[]).map((r) => r.id);
  return { datasets, ran, left, finished };
}

describe('examples a freeze left without a version', () => {
  it('are removed once they are older than the cut-off, while newer ones (a freeze in progress) stay', () => {
    const old = [versionAt(now - 40 * DAY, 'x'), versionAt(now - 2 * DAY, 'y')];
    const recent = versionAt(now - 60_000, 'z');
    const p = project([...old, recent]);
    expect(p.datasets.removeUnfinishedExamples(idBefore(now - DAY))).toBe(4);
    expect(p.left()).toEqual([...p.finished, recent].sort());
  });

  it('are looked for without writing anything when there are none', () => {
    const p = project([versionAt(now - 60_000, 'z')]);
    expect(p.datasets.removeUnfinishedExamples(idBefore(now - DAY))).toBe(0);
    expect(p.ran.filter((sql) => /\b(DELETE|INSERT|UPDATE)\b/.test(sql))).toEqual([]);
  });
});
