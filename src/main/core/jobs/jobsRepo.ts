import type Database from 'better-sqlite3';
import type { ItemStatus, JobOutcome, JobStatus } from '../../../shared/domain/job';
import { jsonObjectSchema, parseJsonColumn } from '../util/json';
import { whereEquals } from '../util/sqlWhere';
import { statementCache } from '../util/statements';
import { LeaseLostError } from './jobLease';
import { type JobRow, type ItemRow, OUTCOME_KEY, storedStatus, type RawJob, type RawItem, toJob, toItem } from './jobRows';

const PROBLEMS_SQL = `coalesce(json_extract(result_json, '$.${OUTCOME_KEY}.problems'), 0)`;

/** Jobs and their items. Counters are derived from items, and cost from the call ledger (failed calls cost too). */
const COLUMNS_BUT_PARAMS =
  'id, kind, title, status, result_json, message, budget_usd, cost_usd, total, done, failed, created_at, started_at, finished_at, updated_at, lease_owner, lease_until';

export class JobsRepo {
  private readonly sql: (text: string) => Database.Statement;
  /** A job's params change only when a resume takes a prompt's newer version; parsing them once matters when they list many items. */
  private readonly paramsCache = new Map<string, Record<string, unknown>>();

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  /**
   * A job's params never change after creation, and they can list every item (hundreds of KB at
   * thousands of items): they are read and parsed once per job, never again per finished item.
   */
  private toJob(r: RawJob | Omit<RawJob, 'params_json'>): JobRow {
    let params = this.paramsCache.get(r.id);
    if (!params) {
      const text =
        'params_json' in r
          ? r.params_json
          : (this.sql('SELECT params_json FROM jobs WHERE id = ?').get(r.id) as { params_json: string }).params_json;
      params = parseJsonColumn(text, jsonObjectSchema(), 'jobs.params_json') ?? {};
      this.paramsCache.set(r.id, params);
    }
    return toJob({ ...r, params_json: '' }, params);
  }

  /** The one change to a job's params after creation: a resume that takes the newer version of a prompt. */
  setParams(id: string, params: Record<string, unknown>): void {
    this.sql('UPDATE jobs SET params_json = ? WHERE id = ?').run(JSON.stringify(params), id);
    this.paramsCache.set(id, params);
  }

  insertWithItems(job: JobRow, items: { id: string; seq: number; input: unknown }[]): void {
    const insertItem = this.sql(
      `INSERT INTO job_items (id, job_id, seq, status, input_json, attempts, cost_usd, updated_at) VALUES (?, ?, ?, 'pending', ?, 0, 0, ?)`,
    );
    this.db.transaction(() => {
      this.sql(
        `INSERT INTO jobs (id, kind, title, status, params_json, result_json, message, budget_usd, cost_usd, total, done, failed, created_at, started_at, finished_at, updated_at)
           VALUES (@id, @kind, @title, @status, @params, NULL, @message, @budgetUsd, 0, @total, 0, 0, @createdAt, NULL, NULL, @updatedAt)`,
      ).run({ ...job, params: JSON.stringify(job.params), total: items.length });
      for (const item of items) insertItem.run(item.id, job.id, item.seq, JSON.stringify(item.input), job.createdAt);
    })();
  }

  get(id: string): JobRow | undefined {
    const row = this.sql(`SELECT ${COLUMNS_BUT_PARAMS} FROM jobs WHERE id = ?`).get(id) as Omit<RawJob, 'params_json'> | undefined;
    return row ? this.toJob(row) : undefined;
  }

  list(filter: { status?: JobStatus | undefined; kind?: string | undefined }, limit: number): JobRow[] {
    const where = whereEquals({ status: filter.status ? storedStatus(filter.status) : undefined, kind: filter.kind });
    const problems =
      filter.status === 'problems' ? ` AND ${PROBLEMS_SQL} = 1` : filter.status === 'succeeded' ? ` AND ${PROBLEMS_SQL} = 0` : '';
    const sql = `SELECT ${COLUMNS_BUT_PARAMS} FROM jobs ${where.sql}${where.sql ? problems : ''} ORDER BY id DESC LIMIT ?`;
    return (this.sql(sql).all(...where.params, limit) as Omit<RawJob, 'params_json'>[]).map((r) => this.toJob(r));
  }

  setStatus(
    id: string,
    status: JobStatus,
    fields: { message?: string | null; startedAt?: number; finishedAt?: number | null; budgetUsd?: number | null } = {},
  ): void {
    const now = Date.now();
    this.sql(
      `UPDATE jobs SET status = @status, updated_at = @now,
           message = CASE WHEN @setMessage THEN @message ELSE message END,
           started_at = coalesce(@startedAt, started_at),
           finished_at = CASE WHEN @setFinished THEN @finishedAt ELSE finished_at END,
           budget_usd = CASE WHEN @setBudget THEN @budgetUsd ELSE budget_usd END
         WHERE id = @id`,
    ).run({
      id,
      status: storedStatus(status),
      now,
      setMessage: fields.message !== undefined ? 1 : 0,
      message: fields.message ?? null,
      startedAt: fields.startedAt ?? null,
      setFinished: fields.finishedAt !== undefined ? 1 : 0,
      finishedAt: fields.finishedAt ?? null,
      setBudget: fields.budgetUsd !== undefined ? 1 : 0,
      budgetUsd: fields.budgetUsd ?? null,
    });
  }

  setResult(id: string, result: Record<string, unknown>): void {
    this.sql('UPDATE jobs SET result_json = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(result), Date.now(), id);
  }

  /** Keeps a finished job's counts next to its result; `problems` makes a finished job read as "finished with problems". */
  setOutcome(id: string, outcome: JobOutcome, problems: boolean): void {
    const result = this.get(id)?.result ?? {};
    this.sql('UPDATE jobs SET result_json = ?, updated_at = ? WHERE id = ?').run(
      JSON.stringify({ ...result, [OUTCOME_KEY]: { ...outcome, problems } }),
      Date.now(),
      id,
    );
  }

  /** Adds a recorded call's cost to its job as it happens, so no finished item re-sums the ledger. */
  addCost(jobId: string, costUsd: number): void {
    this.sql('UPDATE jobs SET cost_usd = cost_usd + ? WHERE id = ?').run(costUsd, jobId);
  }

  idsWithStatus(kind: string, status: JobStatus): string[] {
    return (this.sql('SELECT id FROM jobs WHERE kind = ? AND status = ? ORDER BY created_at').all(kind, status) as { id: string }[]).map(
      (r) => r.id,
    );
  }

  /** Jobs recorded as running or queued, with their leases, so the caller can tell which ones nobody runs. */
  runningOrQueued(): { id: string; leaseOwner: string | null; leaseUntil: number | null }[] {
    return this.sql(
      `SELECT id, lease_owner AS leaseOwner, lease_until AS leaseUntil FROM jobs WHERE status IN ('running', 'queued')`,
    ).all() as { id: string; leaseOwner: string | null; leaseUntil: number | null }[];
  }

  /** Marks these jobs interrupted (only those still recorded as running or queued) and their in-flight items pending. */
  markInterrupted(ids: readonly string[]): string[] {
    return this.db.transaction(() => {
      const now = Date.now();
      return ids.filter((id) => {
        const changed =
          this.sql(
            `UPDATE jobs SET status = 'interrupted', message = 'Stopped when the app closed; resume to run the unfinished items.', lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND status IN ('running', 'queued')`,
          ).run(now, id).changes === 1;
        if (changed) this.requeueRunning(id);
        return changed;
      });
    })();
  }

  /** Items left running by a run that stopped go back to pending, to run again on resume. */
  requeueRunning(jobId: string): void {
    this.sql(`UPDATE job_items SET status = 'pending', updated_at = ? WHERE job_id = ? AND status = 'running'`).run(Date.now(), jobId);
  }

  /** Items still to run (pending, or failed when retrying), in order. */
  unfinishedItems(jobId: string, includeFailed: boolean): ItemRow[] {
    const statuses = includeFailed ? `('pending', 'failed')` : `('pending')`;
    return (this.sql(`SELECT * FROM job_items WHERE job_id = ? AND status IN ${statuses} ORDER BY seq`).all(jobId) as RawItem[]).map(
      toItem,
    );
  }

  items(jobId: string, status: ItemStatus | undefined, offset: number, limit: number): { rows: ItemRow[]; total: number } {
    const filter = status ? 'AND status = ?' : '';
    const params: unknown[] = status ? [jobId, status] : [jobId];
    const rows = this.sql(`SELECT * FROM job_items WHERE job_id = ? ${filter} ORDER BY seq LIMIT ? OFFSET ?`).all(
      ...params,
      limit,
      offset,
    ) as RawItem[];
    const total = (this.sql(`SELECT count(*) AS n FROM job_items WHERE job_id = ? ${filter}`).get(...params) as { n: number }).n;
    return { rows: rows.map(toItem), total };
  }

  allItems(jobId: string): ItemRow[] {
    return (this.sql('SELECT * FROM job_items WHERE job_id = ? ORDER BY seq').all(jobId) as RawItem[]).map(toItem);
  }

  markItemRunning(itemId: string): void {
    this.db.transaction(() => {
      this.moveCounters(itemId, 'running');
      this.sql(`UPDATE job_items SET status = 'running', attempts = attempts + 1, error = NULL, updated_at = ? WHERE id = ?`).run(
        Date.now(),
        itemId,
      );
    })();
  }

  /** Stores an item's failure (or puts it back to pending) and moves the job's counters in the same transaction; its cost is already added as its calls are recorded (addCost). */
  finishItem(itemId: string, outcome: { status: 'failed' | 'pending'; error?: string | null }): void {
    this.db.transaction(() => {
      this.moveCounters(itemId, outcome.status);
      this.sql('UPDATE job_items SET status = ?, result_json = NULL, error = ?, updated_at = ? WHERE id = ?').run(
        outcome.status,
        outcome.error ?? null,
        Date.now(),
        itemId,
      );
    })();
  }

  /**
   * Runs the item's own writes and marks it done in ONE transaction, so a crash keeps both or neither.
   * If the writes throw, nothing of them is kept and the error goes to the caller (the item fails).
   * The job's counters move by one: constant work per item, whatever the job's size.
   */
  completeItem(jobId: string, itemId: string, outcome: { store(): unknown; costUsd: number }, owner: string): void {
    // IMMEDIATE: the write lock is taken first, so another connection's commit (a token count, a CLI command) makes
    // this wait out the busy timeout rather than fail midway as a stale read would, after `store` has run.
    this.db
      .transaction(() => {
        // Checked in the same transaction: a process that lost the job (say it slept past its lease) stores nothing.
        if (!this.holdsLease(jobId, owner)) throw new LeaseLostError(jobId);
        const result = outcome.store();
        this.moveCounters(itemId, 'done');
        this.sql(
          `UPDATE job_items SET status = 'done', result_json = ?, error = NULL, cost_usd = cost_usd + ?, updated_at = ? WHERE id = ?`,
        ).run(result === undefined ? null : JSON.stringify(result), outcome.costUsd, Date.now(), itemId);
      })
      .immediate();
  }

  /** The job's done/failed counters follow one item from its current status to `next` (a primary-key read, no count). */
  private moveCounters(itemId: string, next: ItemStatus): void {
    const row = this.sql('SELECT job_id, status FROM job_items WHERE id = ?').get(itemId) as
      { job_id: string; status: ItemStatus } | undefined;
    if (!row) return;
    const delta = (s: ItemStatus) => (next === s ? 1 : 0) - (row.status === s ? 1 : 0);
    this.sql('UPDATE jobs SET done = done + ?, failed = failed + ?, updated_at = ? WHERE id = ?').run(
      delta('done'),
      delta('failed'),
      Date.now(),
      row.job_id,
    );
  }

  /** Takes the job's lease if it is still the one seen (compare and swap), so two processes cannot both take it. */
  takeLease(jobId: string, seen: { leaseOwner: string | null; leaseUntil: number | null }, owner: string, until: number): boolean {
    return (
      this.sql('UPDATE jobs SET lease_owner = ?, lease_until = ? WHERE id = ? AND lease_owner IS ? AND lease_until IS ?').run(
        owner,
        until,
        jobId,
        seen.leaseOwner,
        seen.leaseUntil,
      ).changes === 1
    );
  }

  /** The heartbeat: extends every lease this owner holds and returns the jobs it still holds. */
  renewLeases(owner: string, until: number): string[] {
    return (this.sql('UPDATE jobs SET lease_until = ? WHERE lease_owner = ? RETURNING id').all(until, owner) as { id: string }[]).map(
      (r) => r.id,
    );
  }

  releaseLease(jobId: string, owner: string): void {
    this.sql('UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?').run(jobId, owner);
  }

  holdsLease(jobId: string, owner: string): boolean {
    return this.sql('SELECT 1 FROM jobs WHERE id = ? AND lease_owner = ?').get(jobId, owner) !== undefined;
  }

  runningCount(jobId: string): number {
    return (this.sql(`SELECT count(*) AS n FROM job_items WHERE job_id = ? AND status = 'running'`).get(jobId) as { n: number }).n;
  }
}
