import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { migrations } from '../../src/main/core/db/migrations';
import { SessionsRepo } from '../../src/main/core/sessions/sessionsRepo';

/** A project database that counts the statements it runs. */
function countingProject(sessions: number) {
  const counter = { statements: 0 };
  const db = new Database(':memory:', { verbose: () => counter.statements++ });
  migrate(db, migrations);
  const repo = new SessionsRepo(db);
  for (let i = 0; i < sessions; i++) {
    repo.insert({
      id: `s${String(i).padStart(5, '0')}`,
      title: `Session ${i}`,
      source: 'real',
      status: 'draft',
      systemPrompt: i % 3 ? null : 'Be kind.',
      notes: null,
      metadata: {},
      tags: i % 2 ? ['pilot', 'batch-a'] : [],
      turns: Array.from({ length: 2 + (i % 4) }, (_, k) => ({ role: k % 2 ? 'assistant' : 'user', text: `Turn ${k} of ${i}.` })),
      tokenCount: 10,
      redaction: i % 5 ? null : { status: 'pending', mode: 'placeholder', detections: [] },
      createdAt: i,
    } as Parameters<SessionsRepo['insert']>[0]);
  }
  if (sessions > 4) repo.writeState('s00004', { ...repo.state('s00004')!, deleted: true }, 99);
  return { db, repo, counter };
}

describe("many sessions' states", () => {
  it('are read a page at a time, not one session at a time, and equal reading each alone', () => {
    const { repo, counter } = countingProject(1200);
    const ids = [...Array.from({ length: 1200 }, (_, i) => `s${String(i).padStart(5, '0')}`), 'missing'];
    const alone = ids.map((id) => repo.state(id));

    counter.statements = 0;
    const walked = [...repo.eachState(ids)];
    expect(walked.map((w) => w.id)).toEqual(ids);
    expect(walked.map((w) => w.state)).toEqual(alone);
    // Three pages of 500: their rows and their turns, two statements each.
    expect(counter.statements).toBe(6);
    expect(walked.at(-1)!.state).toBeUndefined();
    expect(walked[4]!.state!.deleted).toBe(true);
    expect(walked[1]!.state!.tags).toEqual(['batch-a', 'pilot']);
  });

  it('see a write made during the walk when a session comes up again', () => {
    const { repo } = countingProject(3);
    const seen: string[] = [];
    for (const { id, state } of repo.eachState(['s00000', 's00001', 's00000'])) {
      seen.push(`${id}:${state!.title}`);
      repo.writeState(id, { ...state!, title: `${state!.title}+` }, 5);
    }
    expect(seen).toEqual(['s00000:Session 0', 's00001:Session 1', 's00000:Session 0+']);
  });
});
