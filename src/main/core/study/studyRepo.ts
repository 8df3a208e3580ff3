import type Database from 'better-sqlite3';
import { statementCache } from '../util/statements';

export interface SessionFacts {
  real: number;
  /** Real sessions whose detected personal details nobody has decided on yet. */
  pendingRedaction: number;
  synthetic: number;
  /** Synthetic sessions with a judge's verdict. */
  judged: number;
  /** Synthetic sessions nobody has approved or rejected. */
  undecided: number;
  /** Sessions with a safety flag that nobody has approved or rejected. */
  unreviewedSafety: number;
  /** Approved sessions of each source: what a dataset can mix. */
  approvedReal: number;
  approvedSynthetic: number;
  personas: number;
  scenarios: number;
  humanRatings: number;
}

/** The counts the study checklist is derived from; aggregate reads only, no rules. */
export class StudyRepo {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  sessionFacts(): SessionFacts {
    const s = this.sql(
      `SELECT
         coalesce(sum(source = 'real'), 0) AS real,
         coalesce(sum(source = 'real' AND json_extract(redaction_json, '$.status') = 'pending'), 0) AS pendingRedaction,
         coalesce(sum(source = 'synthetic'), 0) AS synthetic,
         coalesce(sum(source = 'synthetic' AND review_json IS NOT NULL), 0) AS judged,
         coalesce(sum(source = 'synthetic' AND status IN ('draft', 'needs_review')), 0) AS undecided,
         coalesce(sum(json_extract(review_json, '$.safetyFlag') = 1 AND status IN ('draft', 'needs_review')), 0) AS unreviewedSafety,
         coalesce(sum(source = 'real' AND status = 'approved'), 0) AS approvedReal,
         coalesce(sum(source = 'synthetic' AND status = 'approved'), 0) AS approvedSynthetic
       FROM sessions WHERE deleted_at IS NULL`,
    ).get() as Omit<SessionFacts, 'personas' | 'scenarios' | 'humanRatings'>;
    const count = (table: string) => (this.sql(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { ...s, personas: count('personas'), scenarios: count('scenarios'), humanRatings: count('human_ratings') };
  }
}
