import type Database from 'better-sqlite3';
import type { PersonaView } from '../../../shared/api/generation';
import { jsonObjectSchema, parseJsonColumn } from '../util/json';
import { statementCache } from '../util/statements';
import { personaCellSchema, type PersonaCell } from './personaCell';

interface PersonaRow {
  id: string;
  name: string;
  cell_json: string;
  persona_json: string;
  provenance_json: string;
  created_at: number;
}

const toView = (r: PersonaRow): PersonaView => ({
  id: r.id,
  name: r.name,
  cell: parseJsonColumn(r.cell_json, personaCellSchema(), 'personas.cell_json')!,
  persona: parseJsonColumn(r.persona_json, jsonObjectSchema(), 'personas.persona_json')!,
  provenance: parseJsonColumn(r.provenance_json, jsonObjectSchema(), 'personas.provenance_json')!,
  createdAt: r.created_at,
});

/** Generated client personas with the cell they were sampled for and how they were made. */
export class PersonasRepo {
  private readonly sql: (text: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  list(offset: number, limit: number): { rows: PersonaView[]; total: number } {
    const rows = this.sql('SELECT * FROM personas ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?').all(limit, offset) as PersonaRow[];
    return { rows: rows.map(toView), total: (this.sql('SELECT count(*) AS n FROM personas').get() as { n: number }).n };
  }

  get(id: string): PersonaView | undefined {
    const row = this.sql('SELECT * FROM personas WHERE id = ?').get(id) as PersonaRow | undefined;
    return row ? toView(row) : undefined;
  }

  cells(): PersonaCell[] {
    return (this.sql('SELECT cell_json FROM personas').all() as { cell_json: string }[]).map((r) =>
      parseJsonColumn(r.cell_json, personaCellSchema(), 'personas.cell_json')!,
    );
  }

  insert(p: { id: string; name: string; cell: PersonaCell; persona: object; provenance: object; createdAt: number }): void {
    this.sql('INSERT INTO personas (id, name, cell_json, persona_json, provenance_json, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      p.id,
      p.name,
      JSON.stringify(p.cell),
      JSON.stringify(p.persona),
      JSON.stringify(p.provenance),
      p.createdAt,
    );
  }
}
