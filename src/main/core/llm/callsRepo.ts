import type Database from 'better-sqlite3';
import { whereEquals } from '../util/sqlWhere';
import { statementCache } from '../util/statements';
import type { CallRecord, CallStatus, CallTotals, ErrorClass } from '../../../shared/domain/call';

interface CallRow {
  id: string;
  at: number;
  provider_id: string;
  provider_name: string;
  model: string;
  purpose: string;
  job_id: string | null;
  tokens_in: number | null;
  tokens_out: number | null;
  tokens_cached: number | null;
  latency_ms: number;
  cost_usd: number | null;
  status: CallStatus;
  error_class: ErrorClass | null;
  error_message: string | null;
}

const toRecord = (r: CallRow): CallRecord => ({
  id: r.id,
  at: r.at,
  providerId: r.provider_id,
  providerName: r.provider_name,
  model: r.model,
  purpose: r.purpose,
  jobId: r.job_id,
  tokensIn: r.tokens_in,
  tokensOut: r.tokens_out,
  tokensCached: r.tokens_cached,
  latencyMs: r.latency_ms,
  costUsd: r.cost_usd,
  status: r.status,
  errorClass: r.error_class,
  errorMessage: r.error_message,
});

export interface CallFilter {
  providerId?: string | undefined;
  jobId?: string | undefined;
  status?: CallStatus | undefined;
}

const where = (filter: CallFilter) => whereEquals({ provider_id: filter.providerId, job_id: filter.jobId, status: filter.status });

/** The call ledger: one row per model call, appended and never edited. */
const TOTALS = `count(*) AS count, coalesce(sum(status != 'ok'), 0) AS errors, coalesce(sum(tokens_in), 0) AS tokensIn,
  coalesce(sum(tokens_out), 0) AS tokensOut, coalesce(sum(cost_usd), 0) AS costUsd`;

export class CallsRepo {
  private readonly sql: (text: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  /** Runs once per model call: the statement is prepared once per connection. */
  insert(c: CallRecord): void {
    this.sql(
      `INSERT INTO calls (id, at, provider_id, provider_name, model, purpose, job_id, tokens_in, tokens_out, tokens_cached,
           latency_ms, cost_usd, status, error_class, error_message)
         VALUES (@id, @at, @providerId, @providerName, @model, @purpose, @jobId, @tokensIn, @tokensOut, @tokensCached,
           @latencyMs, @costUsd, @status, @errorClass, @errorMessage)`,
    ).run(c);
  }

  list(filter: CallFilter, offset: number, limit: number): { rows: CallRecord[]; total: number } {
    const w = where(filter);
    const rows = this.db
      .prepare(`SELECT * FROM calls ${w.sql} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...w.params, limit, offset) as CallRow[];
    const total = (this.db.prepare(`SELECT count(*) AS n FROM calls ${w.sql}`).get(...w.params) as { n: number }).n;
    return { rows: rows.map(toRecord), total };
  }

  totals(filter: CallFilter): CallTotals {
    const w = where(filter);
    return this.db.prepare(`SELECT ${TOTALS} FROM calls ${w.sql}`).get(...w.params) as CallTotals;
  }

  byPurpose(): (CallTotals & { purpose: string })[] {
    return this.db.prepare(`SELECT purpose, ${TOTALS} FROM calls GROUP BY purpose ORDER BY min(at)`).all() as (CallTotals & {
      purpose: string;
    })[];
  }
}
