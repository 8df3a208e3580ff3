import type Database from 'better-sqlite3';
import { statementCache } from '../util/statements';

export interface SessionFacts {
  /** Sessions that are not synthetic, the sample's included: a dataset mixes them as real ones (sessionPool). */
  real: number;
  /** Of those, the ones the sample project came with. */
  sample: number;
  /** Sessions (of any source) whose detected personal details nobody has decided on yet: the privacy gate keeps them out of every dataset. */
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
  /** Sessions a person has rated, the judge's calibration sample. */
  humanRatings: number;
}

/** The counts the study checklist is derived from; aggregate reads only, no rules. */
export class StudyRepo {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  sessionFacts(): SessionFacts {
    // From the counts the triggers of migration 0009 keep: a few dozen rows, however large the library.
    const s = this.sql(
      `SELECT
         coalesce(sum(n) FILTER (WHERE source <> 'synthetic'), 0) AS real,
         coalesce(sum(n) FILTER (WHERE source = 'sample'), 0) AS sample,
         coalesce(sum(n) FILTER (WHERE pending), 0) AS pendingRedaction,
         coalesce(sum(n) FILTER (WHERE source = 'synthetic'), 0) AS synthetic,
         coalesce(sum(n) FILTER (WHERE source = 'synthetic' AND judged), 0) AS judged,
         coalesce(sum(n) FILTER (WHERE source = 'synthetic' AND status IN ('draft', 'needs_review')), 0) AS undecided,
         coalesce(sum(n) FILTER (WHERE safety AND status IN ('draft', 'needs_review')), 0) AS unreviewedSafety,
         coalesce(sum(n) FILTER (WHERE source <> 'synthetic' AND status = 'approved'), 0) AS approvedReal,
         coalesce(sum(n) FILTER (WHERE source = 'synthetic' AND status = 'approved'), 0) AS approvedSynthetic
       FROM session_counts`,
    ).get() as Omit<SessionFacts, 'personas' | 'scenarios' | 'humanRatings'>;
    const count = (table: string) => (this.sql(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const rated = (this.sql('SELECT count(DISTINCT session_id) AS n FROM human_ratings').get() as { n: number }).n;
    return { ...s, personas: count('personas'), scenarios: count('scenarios'), humanRatings: rated };
  }
}
