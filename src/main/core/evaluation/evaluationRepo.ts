import type Database from 'better-sqlite3';
import type { EvalCognitiveModel, EvalRunSpec, EvalScenario, EvalSetVersionSummary } from '../../../shared/api/evaluation';
import { statementCache } from '../util/statements';

export interface EvalSetRow {
  id: string;
  name: string;
  description: string;
  createdAt: number;
  updatedAt: number;
}

/** A frozen scenario set: its summary and the scenarios as they were frozen. */
export interface FrozenSet {
  summary: EvalSetVersionSummary;
  scenarios: EvalScenario[];
}

export interface EvalRunRow {
  id: string;
  spec: EvalRunSpec;
  setVersionId: string;
  conversationsJobId: string;
  scoringJobId: string | null;
  createdAt: number;
}

export interface ConversationRow {
  id: string;
  runId: string;
  scenarioId: string;
  arm: number;
  seed: number;
  turns: { role: 'user' | 'assistant'; text: string }[];
  endedBy: 'marker' | 'limit';
  costUsd: number;
  createdAt: number;
}

export interface JudgmentRow {
  conversationId: string;
  kind: string;
  repeat: number;
  status: 'scored' | 'unscored';
  result: Record<string, unknown>;
  createdAt: number;
}

type RawSet = { id: string; name: string; description: string; created_at: number; updated_at: number };
const toSet = (r: RawSet): EvalSetRow => ({
  id: r.id,
  name: r.name,
  description: r.description,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type RawScenario = {
  id: string;
  title: string;
  intake: string;
  style: string;
  risk_level: string;
  cognitive_model_json: string;
  source: EvalScenario['source'];
};
const toScenario = (r: RawScenario): EvalScenario => ({
  id: r.id,
  title: r.title,
  intake: r.intake,
  style: r.style,
  riskLevel: r.risk_level,
  cognitiveModel: JSON.parse(r.cognitive_model_json) as EvalCognitiveModel,
  source: r.source,
});

type RawConversation = {
  id: string;
  run_id: string;
  scenario_id: string;
  arm: number;
  seed: number;
  turns_json: string;
  ended_by: 'marker' | 'limit';
  cost_usd: number;
  created_at: number;
};
const toConversation = (r: RawConversation): ConversationRow => ({
  id: r.id,
  runId: r.run_id,
  scenarioId: r.scenario_id,
  arm: r.arm,
  seed: r.seed,
  turns: JSON.parse(r.turns_json) as ConversationRow['turns'],
  endedBy: r.ended_by,
  costUsd: r.cost_usd,
  createdAt: r.created_at,
});

/** Scenario sets and their frozen versions, runs, conversations and the judge's verdicts on them. */
export class EvaluationRepo {
  private readonly sql: (sql: string) => Database.Statement;
  /** Frozen versions never change, so their scenarios are parsed once. */
  private readonly versionCache = new Map<string, FrozenSet>();

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  sets(): EvalSetRow[] {
    return (this.sql('SELECT * FROM eval_sets ORDER BY created_at, id').all() as RawSet[]).map(toSet);
  }

  set(id: string): EvalSetRow | undefined {
    const row = this.sql('SELECT * FROM eval_sets WHERE id = ?').get(id) as RawSet | undefined;
    return row ? toSet(row) : undefined;
  }

  setNameTaken(name: string): boolean {
    return this.sql('SELECT 1 FROM eval_sets WHERE name = ? COLLATE NOCASE').get(name) !== undefined;
  }

  insertSet(s: EvalSetRow): void {
    this.sql('INSERT INTO eval_sets (id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      s.id,
      s.name,
      s.description,
      s.createdAt,
      s.updatedAt,
    );
  }

  touchSet(id: string, at: number): void {
    this.sql('UPDATE eval_sets SET updated_at = ? WHERE id = ?').run(at, id);
  }

  scenarios(setId: string): EvalScenario[] {
    return (this.sql('SELECT * FROM eval_scenarios WHERE set_id = ? ORDER BY created_at, id').all(setId) as RawScenario[]).map(toScenario);
  }

  scenarioCount(setId: string): number {
    return (this.sql('SELECT count(*) AS n FROM eval_scenarios WHERE set_id = ?').get(setId) as { n: number }).n;
  }

  /** Adds or replaces a scenario of the draft. */
  saveScenario(setId: string, s: EvalScenario, at: number): void {
    this.sql(
      `INSERT INTO eval_scenarios (id, set_id, title, intake, style, risk_level, cognitive_model_json, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET title = excluded.title, intake = excluded.intake, style = excluded.style, risk_level = excluded.risk_level, cognitive_model_json = excluded.cognitive_model_json`,
    ).run(s.id, setId, s.title, s.intake, s.style, s.riskLevel, JSON.stringify(s.cognitiveModel), s.source, at);
    this.touchSet(setId, at);
  }

  /** Several scenarios in one transaction (an import): all of them or none. */
  saveScenarios(setId: string, scenarios: EvalScenario[], at: number): void {
    this.db.transaction(() => scenarios.forEach((s, i) => this.saveScenario(setId, s, at + i)))();
  }

  scenarioInSet(setId: string, scenarioId: string): boolean {
    return this.sql('SELECT 1 FROM eval_scenarios WHERE set_id = ? AND id = ?').get(setId, scenarioId) !== undefined;
  }

  removeScenario(setId: string, scenarioId: string): boolean {
    return this.sql('DELETE FROM eval_scenarios WHERE set_id = ? AND id = ?').run(setId, scenarioId).changes > 0;
  }

  versions(setId: string): EvalSetVersionSummary[] {
    return (
      this.sql(
        'SELECT id, set_id, version, content_hash, json_array_length(scenarios_json) AS n, created_at FROM eval_set_versions WHERE set_id = ? ORDER BY version',
      ).all(setId) as { id: string; set_id: string; version: number; content_hash: string; n: number; created_at: number }[]
    ).map((r) => ({
      id: r.id,
      setId: r.set_id,
      version: r.version,
      contentHash: r.content_hash,
      scenarios: r.n,
      createdAt: r.created_at,
    }));
  }

  version(id: string): FrozenSet | undefined {
    const cached = this.versionCache.get(id);
    if (cached) return cached;
    const r = this.sql('SELECT * FROM eval_set_versions WHERE id = ?').get(id) as
      { id: string; set_id: string; version: number; content_hash: string; scenarios_json: string; created_at: number } | undefined;
    if (!r) return undefined;
    const scenarios = JSON.parse(r.scenarios_json) as EvalScenario[];
    const v: FrozenSet = {
      summary: {
        id: r.id,
        setId: r.set_id,
        version: r.version,
        contentHash: r.content_hash,
        scenarios: scenarios.length,
        createdAt: r.created_at,
      },
      scenarios,
    };
    this.versionCache.set(id, v);
    return v;
  }

  insertVersion(v: { id: string; setId: string; contentHash: string; scenarios: EvalScenario[]; createdAt: number }): number {
    const next =
      ((this.sql('SELECT max(version) AS v FROM eval_set_versions WHERE set_id = ?').get(v.setId) as { v: number | null }).v ?? 0) + 1;
    this.sql('INSERT INTO eval_set_versions (id, set_id, version, content_hash, scenarios_json, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      v.id,
      v.setId,
      next,
      v.contentHash,
      JSON.stringify(v.scenarios),
      v.createdAt,
    );
    return next;
  }

  runs(): EvalRunRow[] {
    return (this.sql('SELECT * FROM eval_runs ORDER BY created_at DESC, id DESC').all() as RawRun[]).map(toRun);
  }

  run(id: string): EvalRunRow | undefined {
    const r = this.sql('SELECT * FROM eval_runs WHERE id = ?').get(id) as RawRun | undefined;
    return r ? toRun(r) : undefined;
  }

  insertRun(r: EvalRunRow): void {
    this.sql(
      'INSERT INTO eval_runs (id, spec_json, set_version_id, conversations_job_id, scoring_job_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(r.id, JSON.stringify(r.spec), r.setVersionId, r.conversationsJobId, r.scoringJobId, r.createdAt);
  }

  setJobs(runId: string, jobs: { conversationsJobId?: string; scoringJobId?: string }): void {
    if (jobs.conversationsJobId) this.sql('UPDATE eval_runs SET conversations_job_id = ? WHERE id = ?').run(jobs.conversationsJobId, runId);
    if (jobs.scoringJobId) this.sql('UPDATE eval_runs SET scoring_job_id = ? WHERE id = ?').run(jobs.scoringJobId, runId);
  }

  opening(runId: string, scenarioId: string, seed: number): string | undefined {
    return (
      this.sql('SELECT text FROM eval_openings WHERE run_id = ? AND scenario_id = ? AND seed = ?').get(runId, scenarioId, seed) as
        { text: string } | undefined
    )?.text;
  }

  saveOpening(runId: string, scenarioId: string, seed: number, text: string): void {
    this.sql('INSERT OR IGNORE INTO eval_openings (run_id, scenario_id, seed, text) VALUES (?, ?, ?, ?)').run(
      runId,
      scenarioId,
      seed,
      text,
    );
  }

  saveConversation(c: ConversationRow): void {
    this.sql(
      `INSERT INTO eval_conversations (id, run_id, scenario_id, arm, seed, turns_json, ended_by, cost_usd, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(run_id, scenario_id, arm, seed) DO UPDATE SET turns_json = excluded.turns_json, ended_by = excluded.ended_by, cost_usd = excluded.cost_usd`,
    ).run(c.id, c.runId, c.scenarioId, c.arm, c.seed, JSON.stringify(c.turns), c.endedBy, c.costUsd, c.createdAt);
  }

  conversations(runId: string, scenarioId?: string): ConversationRow[] {
    const rows = scenarioId
      ? this.sql('SELECT * FROM eval_conversations WHERE run_id = ? AND scenario_id = ? ORDER BY seed, arm').all(runId, scenarioId)
      : this.sql('SELECT * FROM eval_conversations WHERE run_id = ? ORDER BY scenario_id, seed, arm').all(runId);
    return (rows as RawConversation[]).map(toConversation);
  }

  conversation(id: string): ConversationRow | undefined {
    const r = this.sql('SELECT * FROM eval_conversations WHERE id = ?').get(id) as RawConversation | undefined;
    return r ? toConversation(r) : undefined;
  }

  saveJudgment(j: JudgmentRow): void {
    this.sql(
      `INSERT INTO eval_judgments (conversation_id, kind, repeat, status, result_json, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(conversation_id, kind, repeat) DO UPDATE SET status = excluded.status, result_json = excluded.result_json, created_at = excluded.created_at`,
    ).run(j.conversationId, j.kind, j.repeat, j.status, JSON.stringify(j.result), j.createdAt);
  }

  /** Scored and unreadable verdicts of a run, counted without reading them (the runs list shows this for every run). */
  judgmentCounts(runId: string, exceptKind: string): { scored: number; unscored: number } {
    return this.sql(
      `SELECT coalesce(sum(j.status = 'scored'), 0) AS scored, coalesce(sum(j.status = 'unscored'), 0) AS unscored
       FROM eval_judgments j JOIN eval_conversations c ON c.id = j.conversation_id WHERE c.run_id = ? AND j.kind != ?`,
    ).get(runId, exceptKind) as { scored: number; unscored: number };
  }

  /**
   * Everything a run's statistics read from its stored rows, one array per conversation and judgment in a
   * fixed order: it differs as soon as a conversation or a judgment of the run is written or rescored.
   */
  scoreRecords(runId: string): IterableIterator<unknown[]> {
    return this.sql(
      `SELECT c.id, c.scenario_id, c.arm, c.seed, j.kind, j.repeat, j.status, j.result_json
       FROM eval_conversations c LEFT JOIN eval_judgments j ON j.conversation_id = c.id
       WHERE c.run_id = ? ORDER BY c.id, j.kind, j.repeat`,
    )
      .raw(true)
      .iterate(runId) as IterableIterator<unknown[]>;
  }

  judgments(runId: string): JudgmentRow[] {
    const rows = this.sql(
      `SELECT j.* FROM eval_judgments j JOIN eval_conversations c ON c.id = j.conversation_id WHERE c.run_id = ? ORDER BY j.conversation_id, j.kind, j.repeat`,
    ).all(runId) as {
      conversation_id: string;
      kind: string;
      repeat: number;
      status: 'scored' | 'unscored';
      result_json: string;
      created_at: number;
    }[];
    return rows.map((r) => ({
      conversationId: r.conversation_id,
      kind: r.kind,
      repeat: r.repeat,
      status: r.status,
      result: JSON.parse(r.result_json) as Record<string, unknown>,
      createdAt: r.created_at,
    }));
  }
}

type RawRun = {
  id: string;
  spec_json: string;
  set_version_id: string;
  conversations_job_id: string;
  scoring_job_id: string | null;
  created_at: number;
};
const toRun = (r: RawRun): EvalRunRow => ({
  id: r.id,
  spec: JSON.parse(r.spec_json) as EvalRunSpec,
  setVersionId: r.set_version_id,
  conversationsJobId: r.conversations_job_id,
  scoringJobId: r.scoring_job_id,
  createdAt: r.created_at,
});
