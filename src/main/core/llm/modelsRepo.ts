import type Database from 'better-sqlite3';
import type { ModelEntry, ModelKind, ModelRole, RoleDefault } from '../../../shared/domain/model';
import { modelRoles } from '../../../shared/domain/model';
import { jsonObjectSchema, parseJsonColumn } from '../util/json';

interface ModelRow {
  id: string;
  provider_id: string;
  model_id: string;
  kind: string;
  display_name: string;
  lineage_json: string | null;
  created_at: number;
}

function toEntry(row: ModelRow): ModelEntry {
  return {
    id: row.id,
    providerId: row.provider_id,
    modelId: row.model_id,
    kind: row.kind as ModelKind,
    displayName: row.display_name,
    lineage: parseJsonColumn(row.lineage_json, jsonObjectSchema(), 'models.lineage_json'),
    createdAt: row.created_at,
  };
}

/** The model registry and the default model per role. */
export class ModelsRepo {
  constructor(private readonly db: Database.Database) {}

  list(providerId?: string): ModelEntry[] {
    const rows = providerId
      ? this.db.prepare('SELECT * FROM models WHERE provider_id = ? ORDER BY model_id').all(providerId)
      : this.db.prepare('SELECT * FROM models ORDER BY provider_id, model_id').all();
    return (rows as ModelRow[]).map(toEntry);
  }

  get(id: string): ModelEntry | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE id = ?').get(id) as ModelRow | undefined;
    return row ? toEntry(row) : undefined;
  }

  find(providerId: string, modelId: string): ModelEntry | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE provider_id = ? AND model_id = ?').get(providerId, modelId) as
      ModelRow | undefined;
    return row ? toEntry(row) : undefined;
  }

  /** Inserts or, for an existing (provider, model) pair, keeps the row and its id. */
  upsert(entry: ModelEntry): ModelEntry {
    this.db
      .prepare(
        `INSERT INTO models (id, provider_id, model_id, kind, display_name, lineage_json, created_at)
         VALUES (@id, @providerId, @modelId, @kind, @displayName, @lineage, @createdAt)
         ON CONFLICT(provider_id, model_id) DO UPDATE SET
           display_name = excluded.display_name,
           lineage_json = coalesce(excluded.lineage_json, models.lineage_json),
           kind = CASE WHEN models.kind = 'base' THEN excluded.kind ELSE models.kind END`,
      )
      .run({ ...entry, lineage: entry.lineage ? JSON.stringify(entry.lineage) : null });
    return this.find(entry.providerId, entry.modelId)!;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM models WHERE id = ?').run(id).changes > 0;
  }

  roleDefaults(): RoleDefault[] {
    const rows = this.db.prepare('SELECT role, provider_id, model_id FROM role_defaults').all() as {
      role: ModelRole;
      provider_id: string | null;
      model_id: string | null;
    }[];
    return modelRoles.map((role) => {
      const row = rows.find((r) => r.role === role);
      return { role, providerId: row?.provider_id ?? null, modelId: row?.model_id ?? null };
    });
  }

  setRoleDefault(d: RoleDefault): void {
    this.db
      .prepare(
        `INSERT INTO role_defaults (role, provider_id, model_id) VALUES (?, ?, ?)
         ON CONFLICT(role) DO UPDATE SET provider_id = excluded.provider_id, model_id = excluded.model_id`,
      )
      .run(d.role, d.providerId, d.modelId);
  }
}
