import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProjectFile } from '../../src/main/core/db/openProject';
import { sessionOrder, sessionWhere } from '../../src/main/core/sessions/sessionQuery';
import { SessionsRepo } from '../../src/main/core/sessions/sessionsRepo';
import { toFtsQuery } from '../../src/main/core/sessions/ftsQuery';

describe('library search', () => {
  it('finds the same sessions, in the same order, with either search strategy', () => {
    const { db } = createProjectFile(join(mkdtempSync(join(tmpdir(), 'hds-search-')), 's.hds'));
    const repo = new SessionsRepo(db);
    const words = ['sleep', 'worry', 'exam', 'mother', 'panic'];
    for (let i = 0; i < 300; i++) {
      repo.insert({
        id: `01SEARCH${String(i).padStart(18, '0')}`,
        title: `Session ${i}`,
        source: 'real',
        status: i % 2 ? 'approved' : 'draft',
        tags: [],
        systemPrompt: null,
        notes: null,
        metadata: {},
        turns: [
          { role: 'user', text: `I ${words[i % 5]} about my ${words[(i * 3) % 5]} every night` },
          { role: 'assistant', text: `Tell me about the ${words[(i * 2) % 5]}.` },
        ],
        createdAt: 1000 + i,
      });
    }
    for (const search of ['worry', '"about my exam"', 'pan*', 'Session 12', 'nothingmatches']) {
      const run = (strategy: 'in' | 'exists') => {
        const where = sessionWhere({ search, status: 'approved' }, strategy);
        return db
          .prepare(`SELECT s.id FROM sessions s ${where.sql} ${sessionOrder('created', 'desc')} LIMIT 50 OFFSET 5`)
          .all(...where.params);
      };
      expect(run('exists')).toEqual(run('in'));
    }
    expect(repo.list({ search: 'worry' }, 'created', 'desc', 0, 1000).total).toBe(180);
    db.close();
  });

  it('turns typed text into a query that is never an FTS syntax error', () => {
    expect(toFtsQuery('sleep worry')).toBe('"sleep" "worry"');
    expect(toFtsQuery('"my mother" calls wor*')).toBe('"my mother" "calls" "wor"*');
    expect(toFtsQuery('NEAR( OR * -')).toBe('"NEAR" "OR"');
    expect(toFtsQuery("don't")).toBe('"don" "t"');
    expect(toFtsQuery('  ')).toBeNull();
  });
});
