import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDatasetSpec, exportFormatIds, type DatasetSpec } from '../../src/shared/api/datasets';
import { knownPerImport } from '../../src/main/core/imports/redactForImport';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { addFakeProvider, settledJob, startTestBackend, waitFor, type TestBackend } from '../support/testBackend';

const KEY = 'sk-privacy-gate-0123456789abcd';
const fake = fakeOpenAIForSuite({ apiKey: KEY, fineTuneStepMs: 15 });
let t: TestBackend;
let dir: string;

beforeEach(async () => {
  t = await startTestBackend();
  await t.api.projects.create({ name: 'Privacy gate' });
  dir = mkdtempSync(join(tmpdir(), 'hds-gate-'));
});
afterEach(async () => {
  await t.cleanup();
});

/** A counseling exchange; with `who` and `town`, a client who names a friend and a town, then repeats them in lower case. */
function transcript(i: number, who?: string, town?: string): string {
  const details =
    who && town
      ? [
          `Client: My friend ${who} lives in ${town} now.`,
          'Counselor: It sounds like that friend matters to you.',
          `Client: i told ${who.split(' ')[0]!.toLowerCase()} i would not go back to ${town.toLowerCase()} again.`,
        ]
      : [];
  return [
    `Counselor: Welcome back. What would you like to talk about today, session ${i}?`,
    'Client: I keep worrying that everyone at work thinks I am slow.',
    ...details,
    'Counselor: What tells you that they think so?',
    'Client: Nobody said it. I just feel it when the room goes quiet.',
  ].join('\n');
}

async function importFiles(files: Record<string, string>, redaction: 'review' | 'off'): Promise<string[]> {
  const paths = Object.entries(files).map(([name, text]) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  });
  const job = await settledJob(t, (await t.api.imports.start({ paths, redaction })).id);
  expect(job.status).toBe('succeeded');
  return t.api.sessions.ids({});
}

const allowing = (statuses: DatasetSpec['filters']['statuses']): DatasetSpec => ({
  ...defaultDatasetSpec,
  mix: 'real-only',
  validationShare: 0,
  filters: { ...defaultDatasetSpec.filters, statuses },
});

describe('the privacy gate', () => {
  it('keeps sessions with pending personal details out of a freeze whatever the filters, and says how many', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 4; i++) files[`clean-${i}.txt`] = transcript(i);
    for (let i = 0; i < 3; i++) files[`details-${i}.txt`] = transcript(10 + i, 'Teodora Vukovic', 'Spokane');
    await importFiles(files, 'review');
    const pending = await t.api.sessions.ids({ pendingDetails: true });
    expect(pending).toHaveLength(3);
    expect(await t.api.sessions.ids({ pendingDetails: false })).toHaveLength(4);

    const dataset = await t.api.datasets.create({ name: 'Everything', spec: allowing(['draft', 'needs_review', 'approved']) });
    const preview = await t.api.datasets.preview({ spec: dataset.spec });
    expect(preview.stats.withheldForDetails).toEqual({ count: 3, sessionIds: expect.arrayContaining(pending) });
    const version = await t.api.datasets.freeze({ id: dataset.id });
    expect(version.stats.examples).toBe(4);
    expect(version.stats.withheldForDetails?.count).toBe(3);
    const examples = await t.api.datasets.examples({ versionId: version.id });
    expect(examples.rows.map((r) => r.sessionId)).not.toEqual(expect.arrayContaining([pending[0]]));

    // Only pending sessions pass the filters: nothing to freeze, and the refusal says why.
    const onlyReview = await t.api.datasets.create({ name: 'Needs review only', spec: allowing(['needs_review']) });
    await expect(t.api.datasets.freeze({ id: onlyReview.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/3 sessions .*personal details awaiting review/),
    });
  });

  it('refuses every export format, validation and training of a version whose sessions await review again', async () => {
    await importFiles({ 'a.txt': transcript(1), 'b.txt': transcript(2), 'c.txt': transcript(3, 'Teodora Vukovic', 'Spokane') }, 'off');
    const dataset = await t.api.datasets.create({ name: 'Frozen before detection', spec: allowing(['draft']) });
    const version = await t.api.datasets.freeze({ id: dataset.id });
    expect(version.stats.examples).toBe(3);
    // Details found after the freeze: the frozen copy holds them, so nothing may leave with it.
    const withDetails = (await t.api.sessions.ids({ search: 'Spokane' }))[0]!;
    await t.api.sessions.detectRedactions({ id: withDetails });
    expect(await t.api.sessions.ids({ pendingDetails: true })).toEqual([withDetails]);

    for (const format of exportFormatIds) {
      await expect(
        t.api.datasets.export({ versionId: version.id, format, outDir: dir, baseModel: 'gpt-4o-mini-2024-07-18' }),
        format,
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/1 session in this version has personal details awaiting review/),
        details: { sessionIds: [withDetails] },
      });
    }
    expect(readdirSync(dir)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    const report = await t.api.datasets.validate({ versionId: version.id });
    expect(report.ok).toBe(false);
    expect(report.issues[0]).toMatchObject({ code: 'personal_details_pending', sessionId: withDetails, severity: 'error' });
    const providerId = await addFakeProvider(t, fake.url, KEY);
    await expect(
      t.api.training.start({ versionId: version.id, trainer: 'openai', providerId, baseModel: 'gpt-4o-mini-2024-07-18' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/upload this version for training/) });
    expect(fake.countRequests('*')).toBe(0);

    // Once reviewed (accepted by entity), the version of the reviewed text exports.
    await t.api.redaction.decideEntity({ entity: 'Teodora Vukovic', decision: 'accepted' });
    await t.api.redaction.decideEntity({ entity: 'Spokane', decision: 'accepted' });
    expect(await t.api.sessions.ids({ pendingDetails: true })).toEqual([]);
    const fresh = await t.api.datasets.freeze({ id: dataset.id });
    const job = await settledJob(t, (await t.api.datasets.export({ versionId: fresh.id, format: 'openai-jsonl', outDir: dir })).id);
    expect(job.status).toBe('succeeded');
    const target = (job.result as { target: string }).target;
    const written = readdirSync(target)
      .map((f) => readFileSync(join(target, f), 'utf8'))
      .join('\n');
    expect(written).toMatch(/worrying that everyone at work/);
    expect(written).not.toMatch(/teodora|vukovic|spokane/i);
  });

  it('leaves sessions with pending details out of sessions.export', async () => {
    await importFiles({ 'a.txt': transcript(1), 'b.txt': transcript(2, 'Teodora Vukovic', 'Spokane') }, 'review');
    const out = join(dir, 'all.jsonl');
    const done = await t.api.sessions.export({ out });
    expect(done).toEqual({ file: out, sessions: 1, withheldForDetails: 1 });
    expect(readFileSync(out, 'utf8')).not.toMatch(/teodora|spokane/i);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('detects personal details in a chat saved from the arena, so the gate holds it until reviewed', async () => {
    const providerId = await addFakeProvider(t, fake.url, KEY);
    const c = await t.api.arena.create({
      mode: 'named',
      sharedSystemPrompt: null,
      columns: [
        { providerId, model: 'gpt-4o-mini', systemPrompt: null, temperature: null, maxTokens: null },
        { providerId, model: 'gpt-4o', systemPrompt: null, temperature: null, maxTokens: null },
      ],
    });
    await t.api.arena.send({ id: c.id, text: 'My sister Teodora Vukovic lives in Spokane and I miss her. Call me on 509-555-0142.' });
    await waitFor(async () => ((await t.api.arena.get({ id: c.id })).messages.some((m) => m.status === 'streaming') ? null : true), 20_000);
    const { sessionId } = await t.api.arena.saveToLibrary({ id: c.id, column: 0 });
    expect(await t.api.sessions.ids({ pendingDetails: true })).toEqual([sessionId]);
    const dataset = await t.api.datasets.create({ name: 'Arena', spec: { ...allowing(['needs_review', 'draft']), mix: 'synthetic-only' } });
    await expect(t.api.datasets.freeze({ id: dataset.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/personal details awaiting review/),
    });
  });
});

describe('reviewing personal details in bulk', () => {
  it('decides an entity everywhere in any case, approves what it can and says what it left', async () => {
    const files: Record<string, string> = { 'clean.txt': transcript(0) };
    for (let i = 0; i < 3; i++) files[`d-${i}.txt`] = transcript(i + 1, 'Teodora Vukovic', 'Spokane');
    const all = await importFiles(files, 'review');

    const partial = await t.api.sessions.bulkUpdate({ ids: all, status: 'approved' });
    expect(partial.changed).toBe(1);
    expect(partial.skipped).toEqual([{ reason: expect.stringMatching(/personal details await review/), sessionIds: expect.any(Array) }]);
    expect(partial.skipped[0]!.sessionIds).toHaveLength(3);

    const { entities, pendingSessions } = await t.api.redaction.entities({});
    expect(pendingSessions).toBe(3);
    const person = entities.find((e) => e.kind === 'name' && e.key === 'teodora vukovic')!;
    expect(person).toMatchObject({ label: 'Teodora Vukovic', sessions: 3 });
    // "Teodora Vukovic" and the lower-case "teodora" further on are one entity.
    expect(person.places).toBe(6);
    expect(entities.find((e) => e.kind === 'place' && e.key === 'spokane')).toMatchObject({ sessions: 3, places: 6 });

    const kept = await t.api.redaction.decideEntity({ entity: 'spokane', decision: 'rejected' });
    expect(kept).toMatchObject({ sessions: 3, places: 6, cleared: 0, stillPending: 3 });
    const replaced = await t.api.redaction.decideEntity({ entity: 'Teodora Vukovic', decision: 'accepted' });
    expect(replaced).toMatchObject({ sessions: 3, cleared: 3, stillPending: 0 });
    const text = (await t.api.sessions.get({ id: (await t.api.sessions.ids({ search: 'Spokane' }))[0]! })).turns
      .map((x) => x.text)
      .join('\n');
    expect(text).not.toMatch(/teodora|vukovic/i);
    expect(text).toMatch(/Spokane[\s\S]*spokane/);

    // One undo restores every session the decision cleared.
    await t.api.sessions.undo({ opId: replaced.opId! });
    expect(await t.api.sessions.ids({ pendingDetails: true })).toHaveLength(3);
  });

  it('previews placeholders for a selection, applies them as one undoable change and skips sessions with nothing pending', async () => {
    const all = await importFiles(
      {
        'clean.txt': transcript(0),
        'd1.txt': transcript(1, 'Teodora Vukovic', 'Spokane'),
        'd2.txt': transcript(2, 'Teodora Vukovic', 'Spokane'),
      },
      'review',
    );
    const preview = await t.api.redaction.applySelection({ ids: all, apply: false });
    expect(preview).toMatchObject({ sessions: 2, skipped: 1, opId: null });
    expect(preview.preview.some((p) => /teodora/i.test(p.before) && !/teodora/i.test(p.after))).toBe(true);
    expect(await t.api.sessions.ids({ pendingDetails: true })).toHaveLength(2);
    const applied = await t.api.redaction.applySelection({ ids: all, apply: true });
    expect(await t.api.sessions.ids({ pendingDetails: true })).toHaveLength(0);
    await t.api.sessions.undo({ opId: applied.opId! });
    expect(await t.api.sessions.ids({ pendingDetails: true })).toHaveLength(2);
  });

  it('looks for names accepted in one session in the others (project-wide)', async () => {
    await importFiles({ 'named.txt': transcript(1, 'Teodora Vukovic', 'Spokane') }, 'review');
    const named = (await t.api.sessions.ids({ pendingDetails: true }))[0]!;
    await t.api.redaction.applySelection({ ids: [named], apply: true });
    const loose = join(dir, 'loose.txt');
    writeFileSync(
      loose,
      'Counselor: How was your week?\nClient: teodora phoned again and I did not answer.\nCounselor: What stopped you?\nClient: I was tired.',
    );
    await settledJob(t, (await t.api.imports.start({ paths: [loose], redaction: 'off' })).id);
    const other = (await t.api.sessions.ids({ search: 'phoned' }))[0]!;
    const detected = await t.api.sessions.detectRedactions({ id: other });
    expect((detected.redaction as { detections: { text: string; kind: string }[] }).detections).toEqual([
      expect.objectContaining({ text: 'teodora', kind: 'name' }),
    ]);
  });
});

describe('project-wide propagation on import and from the arena', () => {
  it('looks for names and places accepted in reviewed sessions when importing, for review and when applying', async () => {
    await importFiles({ 'named.txt': transcript(1, 'Teodora Vukovic', 'Spokane') }, 'review');
    await t.api.redaction.applySelection({ ids: await t.api.sessions.ids({ pendingDetails: true }), apply: true });
    // Nothing around these mentions says they are a name or a place: only the project's decisions do.
    const loose = (n: number) =>
      `Counselor: How was your week, part ${n}?\nClient: teodora phoned again and I did not answer.\nCounselor: What stopped you?\nClient: I was tired of driving to spokane for her.`;
    writeFileSync(join(dir, 'review.txt'), loose(1));
    await settledJob(t, (await t.api.imports.start({ paths: [join(dir, 'review.txt')], redaction: 'review' })).id);
    const reviewed = (await t.api.sessions.ids({ search: 'part 1' }))[0]!;
    const detections = ((await t.api.sessions.get({ id: reviewed })).redaction as { detections: { text: string; kind: string }[] })
      .detections;
    expect(detections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: 'teodora', kind: 'name' }),
        expect.objectContaining({ text: 'spokane', kind: 'place' }),
      ]),
    );
    expect(await t.api.sessions.ids({ pendingDetails: true })).toEqual([reviewed]);

    writeFileSync(join(dir, 'apply.txt'), loose(2));
    await settledJob(t, (await t.api.imports.start({ paths: [join(dir, 'apply.txt')], redaction: 'apply' })).id);
    const applied = await t.api.sessions.get({ id: (await t.api.sessions.ids({ search: 'part 2' }))[0]! });
    expect(applied.turns.map((x) => x.text).join('\n')).not.toMatch(/teodora|spokane/i);
  });

  it('looks for them in a chat saved from the arena too', async () => {
    await importFiles({ 'named.txt': transcript(1, 'Teodora Vukovic', 'Spokane') }, 'review');
    await t.api.redaction.applySelection({ ids: await t.api.sessions.ids({ pendingDetails: true }), apply: true });
    const providerId = await addFakeProvider(t, fake.url, KEY);
    const c = await t.api.arena.create({
      mode: 'named',
      sharedSystemPrompt: null,
      columns: [
        { providerId, model: 'gpt-4o-mini', systemPrompt: null, temperature: null, maxTokens: null },
        { providerId, model: 'gpt-4o', systemPrompt: null, temperature: null, maxTokens: null },
      ],
    });
    await t.api.arena.send({ id: c.id, text: 'teodora phoned again and I did not answer.' });
    await waitFor(async () => ((await t.api.arena.get({ id: c.id })).messages.some((m) => m.status === 'streaming') ? null : true), 20_000);
    const { sessionId } = await t.api.arena.saveToLibrary({ id: c.id, column: 0 });
    const detections = ((await t.api.sessions.get({ id: sessionId })).redaction as { detections: { text: string; kind: string }[] })
      .detections;
    expect(detections).toEqual(expect.arrayContaining([expect.objectContaining({ text: 'teodora', kind: 'name' })]));
    expect(await t.api.sessions.ids({ pendingDetails: true })).toEqual([sessionId]);
  });

  it("reads the project's accepted names once per import job, not per session, and only when asked", () => {
    let queries = 0;
    const known = knownPerImport({ acceptedDetails: () => (queries++, [{ text: 'Teodora', kind: 'name' }]) });
    const first = known('job-1');
    expect(queries).toBe(0);
    for (let i = 0; i < 50; i++) expect(first()).toEqual([{ text: 'Teodora', kind: 'name' }]);
    known('job-1')();
    expect(queries).toBe(1);
    known('job-2')();
    expect(queries).toBe(2);
  });
});

describe('sessions.export', () => {
  it('says plainly when the file cannot be written', async () => {
    await importFiles({ 'a.txt': transcript(1) }, 'off');
    const blocked = join(dir, 'a-folder.jsonl');
    mkdirSync(blocked);
    await expect(t.api.sessions.export({ out: blocked })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^Could not write .*a-folder\.jsonl: .*Choose a file/),
    });
    await expect(t.api.sessions.export({ out: 'relative.jsonl' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /full path/ });
  });
});
