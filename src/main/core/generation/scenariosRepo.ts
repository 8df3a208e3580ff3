import type Database from 'better-sqlite3';
import type { ScenarioView } from '../../../shared/api/generation';
import { statementCache } from '../util/statements';

/** Stored scenarios are exactly what the contract shows. */
export type ScenarioRecord = ScenarioView;

interface ScenarioRow {
  id: string;
  persona_id: string;
  theme: string;
  summary: string;
  distortions_json: string;
  scenario: string;
  cognitive_model_json: string;
  provenance_json: string;
  created_at: number;
}

const toRecord = (r: ScenarioRow): ScenarioRecord => ({
  id: r.id,
  personaId: r.persona_id,
  theme: r.theme,
  summary: r.summary,
  distortions: JSON.parse(r.distortions_json) as string[],
  scenario: r.scenario,
  cognitiveModel: JSON.parse(r.cognitive_model_json) as Record<string, unknown>,
  provenance: JSON.parse(r.provenance_json) as Record<string, unknown>,
  createdAt: r.created_at,
});

/** Scenarios per persona and theme, with the hidden cognitive model they rest on. */
export class ScenariosRepo {
  private readonly sql: (text: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  list(offset: number, limit: number): { rows: ScenarioRecord[]; total: number } {
    const rows = this.sql('SELECT * FROM scenarios ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?').all(limit, offset) as ScenarioRow[];
    return { rows: rows.map(toRecord), total: (this.sql('SELECT count(*) AS n FROM scenarios').get() as { n: number }).n };
  }

  get(id: string): ScenarioRecord | undefined {
    const row = this.sql('SELECT * FROM scenarios WHERE id = ?').get(id) as ScenarioRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  personaHasScenario(personaId: string): boolean {
    return this.sql('SELECT 1 FROM scenarios WHERE persona_id = ?').get(personaId) !== undefined;
  }

  insert(s: ScenarioRecord): void {
    this.sql(
      `INSERT INTO scenarios (id, persona_id, theme, summary, distortions_json, scenario, cognitive_model_json, provenance_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      s.id,
      s.personaId,
      s.theme,
      s.summary,
      JSON.stringify(s.distortions),
      s.scenario,
      JSON.stringify(s.cognitiveModel),
      JSON.stringify(s.provenance),
      s.createdAt,
    );
  }
}
