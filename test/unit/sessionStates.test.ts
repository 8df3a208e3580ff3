import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/core/db/migrate';
import { migrations } from '../../src/main/core/db/migrations';
import { SessionsRepo, type SessionState } from '../../src/main/core/sessions/sessionsRepo';

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
  if (sessions > 4) repo.writeState('s00004', repo.state('s00004')!, { ...repo.state('s00004')!, deleted: true }, 99);
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
      repo.writeState(id, state!, { ...state!, title: `${state!.title}+` }, 5);
    }
    expect(seen).toEqual(['s00000:Session 0', 's00001:Session 1', 's00000:Session 0+']);
  });
});

describe('writing a state', () => {
  /** One session, and the SQL text of the statements that a write of a change to its state runs. */
  function written(change: (before: SessionState) => SessionState) {
    const ran: string[] = [];
    const db = new Database(':memory:', { verbose: (sql) => ran.push(String(sql)) });
    migrate(db, migrations);
    const repo = new SessionsRepo(db);
    repo.insert({
      id: 'a',
      title: 'First',
      source: 'real',
      status: 'draft',
      systemPrompt: null,
      notes: null,
      metadata: {},
      tags: ['pilot'],
      turns: [
        { role: 'user', text: 'I keep worrying about the exam.' },
        { role: 'assistant', text: 'What goes through your mind then?' },
      ],
      createdAt: 1,
    });
    const before = repo.state('a')!;
    const after = change(before);
    ran.length = 0;
    repo.writeState('a', before, after, 2);
    const statements = ran.filter((sql) => sql !== 'BEGIN' && sql !== 'COMMIT');
    expect(repo.state('a')).toEqual({ ...after, tags: [...after.tags].sort() });
    return { repo, statements };
  }
  const touches = (statements: string[], table: RegExp) => statements.some((sql) => table.test(sql));

  it('leaves the turns, tags and search document alone when only the status changes', () => {
    const { statements } = written((before) => ({ ...before, status: 'approved' }));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^UPDATE sessions SET/);
  });

  it('rewrites the tags alone when only they change', () => {
    const { statements } = written((before) => ({ ...before, tags: ['regenerate', 'pilot'] }));
    expect(touches(statements, /session_tags/)).toBe(true);
    expect(touches(statements, /turns|sessions_fts|session_signatures/)).toBe(false);
  });

  it('rewrites the turns and the search document when the text changes, and search follows it', () => {
    const turns = [{ role: 'user' as const, text: 'Tonight the deadline scares me.' }];
    const { repo, statements } = written((before) => ({ ...before, title: 'Renamed', turns }));
    expect(touches(statements, /session_tags/)).toBe(false);
    expect(repo.ids({ search: 'deadline' })).toEqual(['a']);
    expect(repo.ids({ search: 'exam' })).toEqual([]);
    expect(repo.ids({ search: 'Renamed' })).toEqual(['a']);
  });

  it('rewrites the search document when only the title changes', () => {
    const { repo, statements } = written((before) => ({ ...before, title: 'Exam nerves' }));
    expect(touches(statements, /INTO turns|session_tags/)).toBe(false);
    expect(repo.ids({ search: 'nerves' })).toEqual(['a']);
  });
});
