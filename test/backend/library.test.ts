import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../support/testBackend';

let t: TestBackend;
let ids: string[];
beforeEach(async () => {
  t = await startTestBackend({ openAtStartup: true });
  ids = (await t.api.sessions.list({ sort: 'title', direction: 'asc' })).rows.map((r) => r.id);
});
afterEach(async () => {
  await t.cleanup();
});

describe('the library', () => {
  it('lists, sorts and filters sessions by status, source and tag', async () => {
    // The sample: 4 transcripts and the 3 sessions written from its personas, all tagged "sample".
    const all = await t.api.sessions.list({ sort: 'title', direction: 'asc' });
    expect(all.total).toBe(7);
    expect(all.rows.map((r) => r.title)).toEqual([...all.rows.map((r) => r.title)].sort((a, b) => a.localeCompare(b)));
    const transcripts = await t.api.sessions.list({ source: 'sample' });
    expect(transcripts.total).toBe(4);
    expect(transcripts.rows.every((r) => r.turnCount > 8 && (r.tokenCount ?? 0) > 500)).toBe(true);
    expect((await t.api.sessions.list({ source: 'synthetic' })).total).toBe(3);
    const byTurns = await t.api.sessions.list({ sort: 'turns', direction: 'desc' });
    expect(byTurns.rows[0]!.turnCount).toBeGreaterThanOrEqual(byTurns.rows[3]!.turnCount);
    expect((await t.api.sessions.list({ status: 'needs_review' })).total).toBe(1);
    expect((await t.api.sessions.list({ source: 'real' })).total).toBe(0);
    const tags = await t.api.sessions.tags();
    expect(tags.find((x) => x.tag === 'sample')?.count).toBe(7);
    expect((await t.api.sessions.list({ tag: 'sample', limit: 2 })).rows).toHaveLength(2);
  });

  it('finds sessions by a phrase in any turn with full-text search, safely', async () => {
    const session = await t.api.sessions.get({ id: ids[0]! });
    const words = session.turns[2]!.text.split(/\s+/)
      .slice(0, 3)
      .join(' ')
      .replace(/[^\p{L}\p{N}' ]/gu, '');
    const found = await t.api.sessions.list({ search: `"${words}"` });
    expect(found.rows.map((r) => r.id)).toContain(ids[0]);
    expect((await t.api.sessions.list({ search: 'xylophonezzz' })).total).toBe(0);
    // Characters that are FTS5 syntax are searched as text, never an error.
    expect((await t.api.sessions.list({ search: 'NEAR( "a" OR * -' })).total).toBeGreaterThanOrEqual(0);
    expect((await t.api.sessions.list({ search: '   ' })).total).toBe(0);
  });

  it('saves an edit, recounts tokens, records it in the history and undoes it', async () => {
    const before = await t.api.sessions.get({ id: ids[0]! });
    const turns = [
      ...before.turns,
      { role: 'user' as const, text: 'One more thing: I slept better this week.' },
      { role: 'assistant' as const, text: 'That is worth noticing. What helped?' },
    ];
    const after = await t.api.sessions.update({ id: before.id, turns, tags: ['sample', 'edited', 'edited'] });
    expect(after.turnCount).toBe(before.turnCount + 2);
    expect(after.tokenCount).toBeGreaterThan(before.tokenCount!);
    expect(after.tags).toEqual(['edited', 'sample']);
    const history = await t.api.sessions.history({ id: before.id });
    expect(history[0]).toMatchObject({ kind: 'edit', summary: expect.stringMatching(/Tags changed, turns \d+ → \d+/), undone: false });
    expect((await t.api.sessions.list({ search: 'slept better' })).rows.map((r) => r.id)).toEqual([before.id]);
    await t.api.sessions.undo({ opId: history[0]!.opId });
    const restored = await t.api.sessions.get({ id: before.id });
    expect(restored.turns).toEqual(before.turns);
    expect(restored.tags).toEqual(before.tags);
    expect((await t.api.sessions.list({ search: 'slept better' })).total).toBe(0);
    await expect(t.api.sessions.undo({ opId: history[0]!.opId })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('tags and sets status in bulk as one undoable operation', async () => {
    const rejected = (await t.api.sessions.list({ status: 'rejected' })).total ?? 0;
    const { opId, changed } = await t.api.sessions.bulkUpdate({ ids: ids.slice(0, 3), addTags: ['batch-1'], status: 'rejected' });
    expect(changed).toBe(3);
    expect((await t.api.sessions.list({ tag: 'batch-1' })).total).toBe(3);
    expect((await t.api.sessions.list({ status: 'rejected' })).total).toBe(rejected + 3);
    expect((await t.api.sessions.undo({ opId })).restored).toBe(3);
    expect((await t.api.sessions.list({ tag: 'batch-1' })).total).toBe(0);
    expect((await t.api.sessions.list({ status: 'rejected' })).total).toBe(rejected);
  });

  it('deletes in bulk and brings sessions back with undo', async () => {
    const { opId, deleted } = await t.api.sessions.delete({ ids: ids.slice(0, 2) });
    expect(deleted).toBe(2);
    expect((await t.api.sessions.list({})).total).toBe(ids.length - 2);
    // The project's info counts live sessions, as the library does.
    expect((await t.api.projects.current())!.counts.sessions).toBe(ids.length - 2);
    await expect(t.api.sessions.get({ id: ids[0]! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await t.api.sessions.undo({ opId });
    expect((await t.api.sessions.list({})).total).toBe(ids.length);
    expect((await t.api.projects.current())!.counts.sessions).toBe(ids.length);
    expect((await t.api.sessions.get({ id: ids[0]! })).turns.length).toBeGreaterThan(0);
  });

  it('previews a find-and-replace, applies it literally, and undoes it', async () => {
    const all = await t.api.sessions.ids({});
    const preview = await t.api.sessions.findReplace({ ids: all, find: 'you', replace: 'YOU ($1)', wholeWord: true, apply: false });
    expect(preview.totalMatches).toBeGreaterThan(5);
    expect(preview.opId).toBeNull();
    expect(preview.matches[0]!.after).toContain('YOU ($1)');
    const unchanged = await t.api.sessions.get({ id: preview.matches[0]!.sessionId });
    expect(unchanged.turns[preview.matches[0]!.turnIndex]!.text).toBe(preview.matches[0]!.before);

    const applied = await t.api.sessions.findReplace({ ids: all, find: 'you', replace: 'YOU ($1)', wholeWord: true, apply: true });
    expect(applied.opId).not.toBeNull();
    const changed = await t.api.sessions.get({ id: preview.matches[0]!.sessionId });
    expect(changed.turns[preview.matches[0]!.turnIndex]!.text).toBe(preview.matches[0]!.after);
    expect(changed.turns.some((turn) => /\b(?:you|You)\b/.test(turn.text))).toBe(false);
    await t.api.sessions.undo({ opId: applied.opId! });
    expect((await t.api.sessions.get({ id: preview.matches[0]!.sessionId })).turns).toEqual(unchanged.turns);
    const none = await t.api.sessions.findReplace({ ids: all, find: '.*', replace: 'x', apply: true });
    expect(none).toMatchObject({ totalMatches: 0, opId: null });
  });

  it('answers bad edits with clear errors', async () => {
    await expect(t.api.sessions.update({ id: ids[0]!, title: '   ' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/title/),
    });
    await expect(t.call('sessions.update', { id: ids[0]!, turns: [{ role: 'narrator', text: 'x' }] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(t.api.sessions.bulkUpdate({ ids: [], addTags: ['x'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/at least one/),
    });
  });
});
