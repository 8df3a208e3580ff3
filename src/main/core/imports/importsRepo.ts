import type Database from 'better-sqlite3';
import { statementCache } from '../util/statements';
import type { SpeakerRole } from '../../../shared/domain/importing';
import { bandKeys, SIGNATURE_SIZE, similarity } from '../sessions/minhash';

/** Remembered speaker roles, imported files, and the MinHash index behind near-duplicate reports. */
export class ImportsRepo {
  private readonly sql: (text: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  rememberedRoles(): Map<string, SpeakerRole> {
    const rows = this.sql('SELECT speaker_key, role FROM speaker_roles').all() as { speaker_key: string; role: SpeakerRole }[];
    return new Map(rows.map((r) => [r.speaker_key, r.role]));
  }

  rememberRole(speakerKey: string, role: SpeakerRole, at: number): void {
    this.sql(
      'INSERT INTO speaker_roles (speaker_key, role, updated_at) VALUES (?, ?, ?) ON CONFLICT(speaker_key) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at',
    ).run(speakerKey, role, at);
  }

  fileImported(contentHash: string): boolean {
    return this.sql('SELECT 1 FROM imported_files WHERE content_hash = ?').get(contentHash) !== undefined;
  }

  recordFile(contentHash: string, fileName: string, format: string, at: number, report: unknown): void {
    this.sql(
      `INSERT INTO imported_files (content_hash, file_name, format, imported_at, report_json) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(content_hash) DO UPDATE SET imported_at = excluded.imported_at, report_json = excluded.report_json`,
    ).run(contentHash, fileName, format, at, JSON.stringify(report));
  }

  indexSignature(sessionId: string, signature: Uint32Array): void {
    // The signature itself is stored with the session's turns (SessionsRepo.insert); this adds its LSH bands.
    const insert = this.sql('INSERT OR IGNORE INTO session_bands (band, session_id) VALUES (?, ?)');
    for (const band of bandKeys(signature)) insert.run(band, sessionId);
  }

  /** Live sessions whose signature is at least `threshold` similar, found through shared LSH bands. */
  nearDuplicates(signature: Uint32Array, threshold: number, excludeId?: string): { sessionId: string; similarity: number }[] {
    const keys = bandKeys(signature);
    const candidates = this.sql(
      `SELECT DISTINCT g.session_id, g.signature FROM session_bands b
         JOIN session_signatures g ON g.session_id = b.session_id
         JOIN sessions s ON s.id = b.session_id AND s.deleted_at IS NULL
         WHERE b.band IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(keys)) as { session_id: string; signature: Buffer }[];
    return candidates
      .filter((c) => c.session_id !== excludeId)
      .map((c) => ({
        sessionId: c.session_id,
        similarity: similarity(
          signature,
          new Uint32Array(c.signature.buffer.slice(c.signature.byteOffset, c.signature.byteOffset + SIGNATURE_SIZE * 4)),
        ),
      }))
      .filter((c) => c.similarity >= threshold)
      .sort((a, b) => b.similarity - a.similarity);
  }
}
