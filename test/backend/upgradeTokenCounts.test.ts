import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionTokens } from '../../src/main/core/sessions/sessionEditing';
import type { Turn } from '../../src/shared/domain/session';
import { writeOldProject } from '../support/oldProject';
import { startTestBackend, type TestBackend } from '../support/testBackend';

let t: TestBackend | undefined;
afterEach(async () => {
  await t?.cleanup();
});

describe('a project from the first version of the app', () => {
  it("shows and sums its sessions' real token counts after the upgrade, not 0", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hds-upgrade-tokens-')), 'old.hds');
    writeOldProject(file, 3, 4);
    t = await startTestBackend();
    await t.api.projects.open({ file });
    const page = await t.api.sessions.list({ limit: 10 });
    expect(page.rows).toHaveLength(3);
    // The turns as stored (the fixture's ids predate the id format the API checks, so they are read from the file).
    const db = new Database(file, { readonly: true });
    const turnsOf = db.prepare('SELECT role, text FROM turns WHERE session_id = ? ORDER BY seq');
    for (const row of page.rows) {
      expect(row.tokenCount).toBe(sessionTokens(null, turnsOf.all(row.id) as Turn[]));
      expect(row.tokenCount).toBeGreaterThan(0);
    }
    db.close();
  });
});
