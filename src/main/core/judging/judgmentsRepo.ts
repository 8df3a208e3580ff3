import type Database from 'better-sqlite3';
import type { Rubric } from './rubric';
import type { JudgmentResult } from './judgment';
import { statementCache } from '../util/statements';

export interface StoredJudgment {
  id: string;
  sessionId: string;
  rubricId: string;
  repeat: number;
  judgeModel: string;
  /** The judge prompt as "name vN", and the rubric's version, when the judgment was made; null for older judgments. */
  judgePrompt: string | null;
  rubricVersion: number | null;
  result: JudgmentResult;
  createdAt: number;
}

interface Row {
  id: string;
  session_id: string;
  rubric_id: string;
  repeat: number;
  judge_model: string;
  status: 'scored' | 'unscored';
  scores_json: string | null;
  safety_json: string | null;
  summary: string | null;
  reason: string | null;
  created_at: number;
  judge_prompt: string | null;
  rubric_version: number | null;
}

const toStored = (r: Row): StoredJudgment => ({
  id: r.id,
  sessionId: r.session_id,
  rubricId: r.rubric_id,
  repeat: r.repeat,
  judgeModel: r.judge_model,
  judgePrompt: r.judge_prompt,
  rubricVersion: r.rubric_version,
  result:
    r.status === 'unscored'
      ? { ok: false, reason: r.reason ?? 'unscored' }
      : {
          ok: true,
          scores: JSON.parse(r.scores_json ?? '{}'),
          safety: r.safety_json ? JSON.parse(r.safety_json) : null,
          safetyProblem: r.reason,
          summary: r.summary ?? '',
          warnings: [],
        },
  createdAt: r.created_at,
});

/** Rubrics in use and the judge's judgments, one row per session × rubric × repeat. */
export class JudgmentsRepo {
  private readonly sql: (text: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  /** Judgments point at a rubric row, so every rubric used is stored (built-in ones on first use). */
  ensureRubric(rubric: Rubric, builtin: boolean, at: number): void {
    this.sql(
      'INSERT INTO rubrics (id, name, version, rubric_json, builtin, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET rubric_json = excluded.rubric_json, version = excluded.version, name = excluded.name',
    ).run(rubric.id, rubric.name, rubric.version, JSON.stringify(rubric), builtin ? 1 : 0, at);
  }

  customRubrics(): unknown[] {
    return (this.sql('SELECT rubric_json FROM rubrics WHERE builtin = 0 ORDER BY name').all() as { rubric_json: string }[]).map(
      (r) => JSON.parse(r.rubric_json) as unknown,
    );
  }

  save(j: StoredJudgment): void {
    const r = j.result;
    this.sql(
      `INSERT OR REPLACE INTO judgments (id, session_id, rubric_id, repeat, judge_model, status, scores_json, safety_json, summary, reason, created_at, judge_prompt, rubric_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      j.id,
      j.sessionId,
      j.rubricId,
      j.repeat,
      j.judgeModel,
      r.ok ? 'scored' : 'unscored',
      r.ok ? JSON.stringify(r.scores) : null,
      r.ok && r.safety ? JSON.stringify(r.safety) : null,
      r.ok ? r.summary : null,
      r.ok ? r.safetyProblem : r.reason,
      j.createdAt,
      j.judgePrompt,
      j.rubricVersion,
    );
  }

  forSession(sessionId: string, rubricId?: string): StoredJudgment[] {
    const rows = rubricId
      ? this.sql('SELECT * FROM judgments WHERE session_id = ? AND rubric_id = ? ORDER BY repeat').all(sessionId, rubricId)
      : this.sql('SELECT * FROM judgments WHERE session_id = ? ORDER BY rubric_id, repeat').all(sessionId);
    return (rows as Row[]).map(toStored);
  }

  /** Each judged session's highest repeat on a rubric: judging again continues after it. */
  lastRepeats(rubricId: string): Map<string, number> {
    const rows = this.sql('SELECT session_id, max(repeat) AS last FROM judgments WHERE rubric_id = ? GROUP BY session_id').all(
      rubricId,
    ) as { session_id: string; last: number }[];
    return new Map(rows.map((r) => [r.session_id, r.last]));
  }

  /** Every judgment on a rubric, for comparing judges with people. */
  forRubric(rubricId: string): StoredJudgment[] {
    return (this.sql('SELECT * FROM judgments WHERE rubric_id = ? ORDER BY session_id, repeat').all(rubricId) as Row[]).map(toStored);
  }

  judgedSessionIds(rubricId: string): Set<string> {
    return new Set(
      (this.sql('SELECT DISTINCT session_id FROM judgments WHERE rubric_id = ?').all(rubricId) as { session_id: string }[]).map(
        (r) => r.session_id,
      ),
    );
  }

  humanRatings(rubricId: string): { sessionId: string; criterion: string; score: number }[] {
    return (
      this.sql('SELECT session_id, criterion, score FROM human_ratings WHERE rubric_id = ?').all(rubricId) as {
        session_id: string;
        criterion: string;
        score: number;
      }[]
    ).map((r) => ({ sessionId: r.session_id, criterion: r.criterion, score: r.score }));
  }

  rate(sessionId: string, rubricId: string, criterion: string, score: number, at: number): void {
    this.sql('INSERT OR REPLACE INTO human_ratings (session_id, rubric_id, criterion, score, rated_at) VALUES (?, ?, ?, ?, ?)').run(
      sessionId,
      rubricId,
      criterion,
      score,
      at,
    );
  }
}
