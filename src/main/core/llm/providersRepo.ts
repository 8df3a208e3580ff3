import type Database from 'better-sqlite3';
import { capabilitiesSchema, type Provider, type PresetId } from '../../../shared/domain/provider';
import { parseJsonColumn } from '../util/json';

interface ProviderRow {
  id: string;
  name: string;
  preset: string;
  base_url: string;
  api_key_env: string | null;
  concurrency: number;
  timeout_ms: number;
  max_retries: number;
  capabilities_json: string;
  created_at: number;
  updated_at: number;
}

function toProvider(row: ProviderRow): Provider {
  return {
    id: row.id,
    name: row.name,
    preset: row.preset as PresetId,
    baseUrl: row.base_url,
    apiKeyEnv: row.api_key_env,
    concurrency: row.concurrency,
    timeoutMs: row.timeout_ms,
    maxRetries: row.max_retries,
    capabilities: parseJsonColumn(row.capabilities_json, capabilitiesSchema(), 'providers.capabilities_json')!,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Provider settings. Keys are never stored here: they live in the host's SecretStore. */
export class ProvidersRepo {
  private byId: Database.Statement | null = null;

  constructor(private readonly db: Database.Database) {}

  list(): Provider[] {
    return (this.db.prepare('SELECT * FROM providers ORDER BY name COLLATE NOCASE').all() as ProviderRow[]).map(toProvider);
  }

  get(id: string): Provider | undefined {
    // Looked up on every model call: prepared once.
    this.byId ??= this.db.prepare('SELECT * FROM providers WHERE id = ?');
    const row = this.byId.get(id) as ProviderRow | undefined;
    return row ? toProvider(row) : undefined;
  }

  findByName(name: string): Provider | undefined {
    const row = this.db.prepare('SELECT * FROM providers WHERE name = ? COLLATE NOCASE').get(name) as ProviderRow | undefined;
    return row ? toProvider(row) : undefined;
  }

  insert(p: Provider): void {
    this.db
      .prepare(
        `INSERT INTO providers (id, name, preset, base_url, api_key_env, concurrency, timeout_ms, max_retries, capabilities_json, created_at, updated_at)
         VALUES (@id, @name, @preset, @baseUrl, @apiKeyEnv, @concurrency, @timeoutMs, @maxRetries, @capabilities, @createdAt, @updatedAt)`,
      )
      .run({ ...p, capabilities: JSON.stringify(p.capabilities) });
  }

  update(p: Provider): void {
    this.db
      .prepare(
        `UPDATE providers SET name=@name, base_url=@baseUrl, api_key_env=@apiKeyEnv, concurrency=@concurrency, timeout_ms=@timeoutMs,
         max_retries=@maxRetries, capabilities_json=@capabilities, updated_at=@updatedAt WHERE id=@id`,
      )
      .run({ ...p, capabilities: JSON.stringify(p.capabilities) });
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM providers WHERE id = ?').run(id).changes > 0;
  }
}
