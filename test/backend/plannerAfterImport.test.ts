import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { libraryPlan as plan } from '../support/libraryPlan';
import { runImport, startImportBackend, writeInto } from '../support/importRun';
import type { TestBackend } from '../support/testBackend';

let t: TestBackend;
let dir: string;

beforeEach(async () => {
  ({ t, dir } = await startImportBackend('Planner after import', 'hds-planner-'));
});
afterEach(async () => {
  await t.cleanup();
});

/** Chat JSONL, one distinct session per line. */
function chatJsonl(count: number, topic: string): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      messages: [
        { role: 'user', content: `Session ${i} about ${topic}: I keep thinking about item ${i * 7919} of my list.` },
        { role: 'assistant', content: `What makes item ${i * 7919} of the ${topic} list stand out for you?` },
      ],
    }),
  ).join('\n');
}

describe("the query planner's statistics after an import", () => {
  it('are refreshed when an import finishes, so browsing a large import by status and tag starts from the tag without reopening', async () => {
    const project = await t.api.projects.current({});
    const file = project!.file;
    const big = await runImport(t, { paths: [writeInto(dir, 'many.jsonl', chatJsonl(1500, 'work'))] });
    expect(big.reports[0]!.imported).toBe(1500);
    const tagged = await runImport(t, { paths: [writeInto(dir, 'few.jsonl', chatJsonl(30, 'sleep'))], tags: ['cohort-b'] });
    expect(tagged.reports[0]!.imported).toBe(30);

    const filter = { status: 'draft' as const, tag: 'cohort-b' };
    const after = plan(file, filter);
    // It starts from the few tagged rows and looks each session up by id, instead of walking every draft.
    expect(after).toMatch(/session_tags/);
    expect(after).toMatch(/SEARCH s USING .*\(id=\?\)/);
    expect(after).not.toMatch(/sessions_by_status/);
    // The page is the same either way: the tagged import's sessions, all of them drafts.
    const page = await t.api.sessions.list({ ...filter, limit: 100 });
    expect(page.total).toBe(30);
    expect(page.rows.every((r) => r.status === 'draft' && r.tags.includes('cohort-b'))).toBe(true);
  });
});
