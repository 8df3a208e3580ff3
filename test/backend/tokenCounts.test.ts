import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport, startImportBackend, writeInto } from '../support/importRun';
import { startTestBackend, type TestBackend } from '../support/testBackend';
import { openWorkerConnection } from '../../src/main/core/db/connection';
import { materialize } from '../../src/main/core/datasets/freeze';
import { sessionTokens } from '../../src/main/core/sessions/sessionEditing';
import { countUncountedTokens } from '../../src/main/core/sessions/tokenCounts';
import { TokenCountsRepo } from '../../src/main/core/sessions/tokenCountsRepo';
import { defaultDatasetSpec } from '../../src/shared/api/datasets';

let t: TestBackend;
let dir: string;
let file: string;
beforeEach(async () => {
  ({ t, dir } = await startImportBackend('Token counts', 'hds-token-counts-'));
  file = (await t.api.projects.current())!.file;
});
afterEach(async () => {
  await t.cleanup();
});

/** Two short sessions in two files: what an import stores, before anything reads their counts. */
async function importTwo(): Promise<void> {
  const first = writeInto(dir, 'a.txt', 'Therapist: How was the week?\nClient: Hard. I kept thinking I would fail the exam.\n');
  const second = writeInto(
    dir,
    'b.txt',
    'Therapist: What went through your mind?\nClient: That everyone at work thinks I am useless — “useless”, café, 治疗.\n',
  );
  const { reports } = await runImport(t, { paths: [first, second] });
  expect(reports.map((r) => r.imported)).toEqual([1, 1]);
}

/** Reads the stored counts beside the backend's own connection, as another process would. */
function stored(): { id: string; token_count: number; tokens_counted: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT id, token_count, tokens_counted FROM sessions ORDER BY id').all() as ReturnType<typeof stored>;
  } finally {
    db.close();
  }
}

describe('token counts', () => {
  it('are left uncounted by an import, and the first read of the library counts them exactly', async () => {
    await importTwo();
    expect(stored().map((r) => r.tokens_counted)).toEqual([0, 0]);
    const { rows } = await t.api.sessions.list({ sort: 'title', direction: 'asc' });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const detail = await t.api.sessions.get({ id: row.id });
      // Counted independently of what the library shows: the system prompt and every turn, as OpenAI counts them.
      expect(row.tokenCount).toBe(sessionTokens(detail.systemPrompt, detail.turns));
      expect(row.tokenCount).toBeGreaterThan(10);
    }
    expect(stored().map((r) => r.tokens_counted)).toEqual([1, 1]);
  });

  it('are counted by a freeze that finds them uncounted (a freeze resumed in a worker has no read before it)', async () => {
    await importTwo();
    expect(stored().map((r) => r.tokens_counted)).toEqual([0, 0]);
    const db = openWorkerConnection(file, { foreignKeys: true });
    const examples: { sessionId: string; tokens: number }[] = [];
    try {
      const spec = {
        ...defaultDatasetSpec,
        mix: 'real-only' as const,
        total: null,
        validationShare: 0,
        filters: { ...defaultDatasetSpec.filters, statuses: ['draft' as const] },
      };
      expect(materialize(db, spec, [], (page) => examples.push(...page)).examples).toBe(2);
      expect(countUncountedTokens(db)).toBe(0);
    } finally {
      db.close();
    }
    for (const e of examples) {
      const detail = await t.api.sessions.get({ id: e.sessionId });
      expect(e.tokens).toBe(sessionTokens(detail.systemPrompt, detail.turns));
    }
  });

  it('count a transcript that contains special-token text as plain text, at the split and after import', async () => {
    // More bytes than the limit, so preparing it counts its tokens (for the split) as well as the later count.
    const said = 'I typed <|endoftext|> by mistake. '.repeat(12);
    const path = writeInto(dir, 'special.txt', `Therapist: What did you type?\nClient: ${said}\n`);
    const { reports } = await runImport(t, { paths: [path], cleaning: { addSystemPrompt: false, maxTokens: 256 } });
    expect(reports[0]).toMatchObject({ imported: 1, error: null });
    const { rows } = await t.api.sessions.list({});
    expect(rows[0]!.tokenCount).toBeGreaterThan(50);
    expect(rows[0]!.tokenCount).toBeLessThanOrEqual(256);
  });

  it('keep the count an edit made after they were read for counting', async () => {
    await importTwo();
    const db = openWorkerConnection(file, { foreignKeys: true });
    try {
      const repo = new TokenCountsRepo(db);
      const page = repo.uncounted('', 10);
      expect(page).toHaveLength(2);
      // Meanwhile an edit changes one session's turns and counts them itself.
      const detail = await t.api.sessions.get({ id: page[0]!.id });
      const turns = [...detail.turns, { role: 'user' as const, text: 'One more thing.' }, { role: 'assistant' as const, text: 'Go on.' }];
      const edited = await t.api.sessions.update({ id: detail.id, turns });
      expect(edited.tokenCount).toBe(sessionTokens(detail.systemPrompt, turns));
      // The late count of what was read before the edit is stale: it must not replace the edit's.
      repo.store(page.map((s) => ({ id: s.id, tokens: 1 })));
      expect(stored().find((r) => r.id === detail.id)).toMatchObject({ token_count: edited.tokenCount, tokens_counted: 1 });
    } finally {
      db.close();
    }
  });
});

describe('token counts in the app', () => {
  it('are counted in the background as soon as an import stores its sessions, with no read asking', async () => {
    const app = await startTestBackend({ countTokensInBackground: true });
    try {
      await app.api.projects.create({ name: 'Background counts' });
      const appFile = (await app.api.projects.current())!.file;
      const path = writeInto(dir, 'c.txt', 'Therapist: How did the week go?\nClient: Better. I slept most nights.\n');
      const { reports } = await runImport(app, { paths: [path] });
      expect(reports[0]!.imported).toBe(1);
      const counted = () => {
        const db = new Database(appFile, { readonly: true });
        try {
          return db.prepare('SELECT tokens_counted AS c, token_count AS n FROM sessions').get() as { c: number; n: number };
        } finally {
          db.close();
        }
      };
      await expect.poll(() => counted().c, { timeout: 15_000 }).toBe(1);
      expect(counted().n).toBeGreaterThan(10);
    } finally {
      await app.cleanup();
    }
  });
});
