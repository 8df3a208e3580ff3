import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport as importAndWait, startImportBackend, writeInto } from '../support/importRun';
import type { TestBackend } from '../support/testBackend';
import { wav } from '../support/wav';

const data = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const ANNOMI = join(data, 'annomi', 'AnnoMI-simple.csv');
const ESCONV = join(data, 'esconv', 'FailedESConv.json');

let t: TestBackend;
let dir: string;
beforeEach(async () => {
  ({ t, dir } = await startImportBackend('Import', 'hds-import-'));
});
afterEach(async () => {
  await t.cleanup();
});

const runImport = (input: Parameters<typeof importAndWait>[1]) => importAndWait(t, input);

const write = (name: string, text: string) => writeInto(dir, name, text);

describe('importing real transcripts', () => {
  it('imports AnnoMI: 133 sessions with both roles, no empty turns, quality and topic kept', async () => {
    const { job, reports } = await runImport({ paths: [ANNOMI] });
    expect(job.status).toBe('succeeded');
    expect(reports[0]).toMatchObject({ imported: 133, format: 'csv' });
    const page = await t.api.sessions.list({ limit: 500, source: 'real' });
    expect(page.total).toBe(133);
    const detail = await t.api.sessions.get({ id: page.rows[0]!.id });
    expect(detail.metadata).toMatchObject({ miQuality: expect.stringMatching(/^(high|low)$/), topic: expect.any(String) });
    expect((detail.metadata.topic as string).trim()).toBe(detail.metadata.topic);
    for (const row of page.rows.slice(0, 40)) {
      const s = await t.api.sessions.get({ id: row.id });
      expect(s.turns.some((x) => x.role === 'user')).toBe(true);
      expect(s.turns.some((x) => x.role === 'assistant')).toBe(true);
      expect(s.turns.every((x) => x.text.trim().length > 0)).toBe(true);
    }
    const high = page.rows.length;
    expect(high).toBe(133);
  });

  it('imports ESConv: 196 sessions, roles from the file, survey scores as numbers', async () => {
    const { reports } = await runImport({ paths: [ESCONV] });
    expect(reports[0]).toMatchObject({ imported: 196, format: 'dialogue-json' });
    const page = await t.api.sessions.list({ limit: 1 });
    const s = await t.api.sessions.get({ id: page.rows[0]!.id });
    expect(JSON.stringify(s.metadata)).toMatch(/empathy/);
    expect(s.turns.every((x) => !x.text.endsWith('\n'))).toBe(true);
  });

  it("counts each file's sessions in the job message as they are read and checked, up to the last", async () => {
    const { job } = await runImport({ paths: [ESCONV], redaction: 'review' });
    const messages = t.events.flatMap((e) =>
      e.name === 'job.updated' && e.payload.id === job.id && e.payload.status === 'running' && e.payload.message ? [e.payload.message] : [],
    );
    const counts = messages
      .map((m) => /^FailedESConv\.json: ([\d,]+) of 196 sessions read and checked$/.exec(m))
      .filter((m) => m !== null)
      .map((m) => Number(m[1]!.replace(/,/g, '')));
    // Seen while the file was still being read: a count below the total, rising.
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.some((n) => n < 196)).toBe(true);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    // The progress bar counts them too (the job is one file: 0 of 1 until it ends otherwise), and lets go when the file is stored.
    const updates = t.events.flatMap((e) => (e.name === 'job.updated' && e.payload.id === job.id ? [e.payload] : []));
    const inside = updates.flatMap((u) => (u.itemProgress ? [u.itemProgress] : []));
    expect(inside.every((p) => p.total === 196)).toBe(true);
    expect(inside.some((p) => p.done > 0 && p.done < 196)).toBe(true);
    expect(inside.map((p) => p.done)).toEqual([...inside.map((p) => p.done)].sort((a, b) => a - b));
    expect(updates.at(-1)).toMatchObject({ status: 'succeeded', itemProgress: null });
  }, 60_000);

  it('creates no duplicates when the same file is imported again, and says so', async () => {
    await runImport({ paths: [ESCONV] });
    const preview = await t.api.imports.preview({ paths: [ESCONV] });
    expect(preview[0]!.alreadyImported).toBe(true);
    expect(preview[0]!.transcripts[0]!.duplicateOf).not.toBeNull();
    const again = await runImport({ paths: [ESCONV] });
    expect(again.reports[0]!.imported).toBe(0);
    expect(again.reports[0]!.skipped).toHaveLength(196);
    expect(again.reports[0]!.skipped[0]!.reason).toMatch(/already in the library/);
    expect((await t.api.sessions.list({})).total).toBe(196);
    expect((await t.api.sessions.list({ originFile: 'FailedESConv.json' })).total).toBe(196);
    expect((await t.api.sessions.list({ originFile: 'other.json' })).total).toBe(0);
  });

  it('previews speakers with role guesses and honours a corrected mapping, remembered next time', async () => {
    const file = write(
      'labels.txt',
      [
        'A: Hi, thanks for coming in. What would you like to focus on today?',
        'B: My sleep, I guess. I lie awake worrying.',
        'A: It sounds like the nights are hard. What goes through your mind?',
        'B: That I will mess up at work tomorrow.',
      ].join('\n'),
    );
    const [preview] = await t.api.imports.preview({ paths: [file] });
    const a = preview!.transcripts[0]!.speakers.find((s) => s.speaker === 'A')!;
    expect(a).toMatchObject({ role: 'assistant', basis: 'guess' });
    expect(a.confidence).toBeGreaterThan(0);
    expect(preview!.transcripts[0]!.firstTurns[0]).toMatchObject({ role: 'assistant' });

    // The person disagrees: B is the counselor here.
    const { reports } = await runImport({ paths: [file], fileRoles: { [file]: { A: 'user', B: 'assistant' } } });
    const session = await t.api.sessions.get({ id: reports[0]!.sessionIds[0]! });
    expect(session.turns[0]).toMatchObject({ role: 'user', text: expect.stringMatching(/^Hi, thanks/) });
    const other = write('other.txt', 'A: Hello again.\nB: Welcome back, how was the week?');
    const [next] = await t.api.imports.preview({ paths: [other] });
    expect(next!.transcripts[0]!.speakers.find((s) => s.speaker === 'B')).toMatchObject({ role: 'assistant', basis: 'remembered' });
  });

  it('reports bad files clearly and changes nothing for them, while good files still import', async () => {
    const empty = write('empty.txt', '');
    const binary = join(dir, 'photo.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3, 0, 0, 0, 0]));
    const truncated = write('cut.json', '[{"dialog": [{"speaker": "speaker", "content": "hi"');
    const good = write(
      'good.txt',
      'Therapist: What brings you in?\nClient: Panic attacks on the train.\nTherapist: That sounds frightening.',
    );
    const previews = await t.api.imports.preview({ paths: [empty, binary, truncated, good] });
    expect(previews.map((p) => p.error === null)).toEqual([false, false, false, true]);
    expect(previews[0]!.error).toMatch(/empty/);
    expect(previews[1]!.error).toMatch(/binary/);
    expect(previews[2]!.error).toMatch(/JSON/);
    const { job, reports } = await runImport({ paths: [empty, binary, truncated, good] });
    expect(job.failed).toBe(3);
    expect(job.done).toBe(1);
    expect(reports.find((r) => r.name === 'good.txt')!.imported).toBe(1);
    expect((await t.api.sessions.list({})).total).toBe(1);
    const failed = await t.api.jobs.items({ id: job.id, status: 'failed' });
    expect(failed.rows.map((r) => r.error).join('\n')).toMatch(/empty[\s\S]*binary[\s\S]*JSON/);
  });

  it('cleans and splits as chosen, recording what cleaning did on the session', async () => {
    const lines = Array.from({ length: 120 }, (_, i) =>
      i % 2 === 0
        ? `Client: [00:0${i % 10}] Um, worry number ${i} keeps me awake [inaudible] at night, and then I replay the whole day again.`
        : `Counselor: What do you notice about worry number ${i}, and what do you do next?`,
    );
    const file = write('long.txt', lines.join('\n'));
    const { reports } = await runImport({ paths: [file], cleaning: { removeFillers: true, maxTokens: 1200 } });
    expect(reports[0]!.imported).toBeGreaterThan(1);
    const first = await t.api.sessions.get({ id: reports[0]!.sessionIds[0]! });
    expect(first.title).toMatch(/part 1 of/);
    expect(first.turns[0]!.role).toBe('user');
    expect(first.turns.at(-1)!.role).toBe('assistant');
    expect(first.turns[0]!.text).not.toMatch(/\[|Um/);
    expect(first.tokenCount).toBeLessThanOrEqual(1200);
    expect(first.systemPrompt).toMatch(/CBT|cognitive/i);
    expect(first.cleaning).toMatchObject({ fillersRemoved: expect.any(Number), artifactsStripped: expect.any(Number) });
  });

  it('reports near-duplicates across imports', async () => {
    const base = [
      'Therapist: What would you like to work on today?',
      'Client: I get anxious before every presentation at work and my hands shake.',
      'Therapist: What goes through your mind just before you present?',
      'Client: That everyone will see I am a fraud and I will be fired.',
    ];
    await runImport({ paths: [write('one.txt', base.join('\n'))] });
    const { reports } = await runImport({
      paths: [write('two.txt', [...base, 'Therapist: That sounds like a heavy prediction.'].join('\n'))],
    });
    expect(reports[0]!.imported).toBe(1);
    expect(reports[0]!.nearDuplicates).toHaveLength(1);
    expect(reports[0]!.nearDuplicates[0]!.similarity).toBeGreaterThan(0.8);
  });

  it('stages uploaded bytes for browser mode and imports them under their own name', async () => {
    const { path } = await t.api.imports.stage({
      name: 'upload.txt',
      contentBase64: Buffer.from('T: Hello, how are you?\nC: Tired.\nT: Tell me more.').toString('base64'),
    });
    const { reports } = await runImport({ paths: [path] });
    expect(reports[0]).toMatchObject({ name: 'upload.txt', imported: 1 });
    await expect(t.api.imports.stage({ name: '../evil.txt', contentBase64: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('redaction of personal details', () => {
  const withDetails = [
    'Counselor: Hi, I am Dana. What should I call you?',
    "Client: I'm Sarah Jones, I'm 34 and I live at 42 Elm Street in Leeds. You can reach me on 07700 900123 or sarah.jones@example.com.",
    'Counselor: Thank you, Sarah. What brings you in today?',
    'Client: Since March 3rd, 2021 I have been anxious every morning.',
  ].join('\n');

  it('keeps detections for review, blocks approval until they are decided, then applies the decisions with undo', async () => {
    const { reports } = await runImport({ paths: [write('details.txt', withDetails)], redaction: 'review' });
    const id = reports[0]!.sessionIds[0]!;
    const pending = await t.api.sessions.get({ id });
    expect(pending.status).toBe('needs_review');
    expect(pending.redaction).toMatchObject({ status: 'pending' });
    const detections = (pending.redaction as { detections: { id: string; kind: string; text: string }[] }).detections;
    expect(detections.map((d) => d.kind)).toEqual(expect.arrayContaining(['name', 'age', 'address', 'phone', 'email', 'date']));
    expect(pending.turns[1]!.text).toContain('07700 900123');

    await expect(t.api.sessions.update({ id, status: 'approved' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/personal details/),
    });

    const city = detections.find((d) => d.text === 'Leeds');
    const decisions = Object.fromEntries(detections.map((d) => [d.id, d === city ? ('rejected' as const) : ('accepted' as const)]));
    const applied = await t.api.sessions.applyRedactions({ id, decisions, mode: 'placeholder' });
    expect(applied.turns[1]!.text).not.toMatch(/Sarah|07700|example\.com|Elm Street/);
    expect(applied.turns[1]!.text).toMatch(/\[CLIENT_NAME_1\]/);
    expect(applied.turns[2]!.text).toMatch(/\[CLIENT_NAME_1\]/);
    if (city) expect(applied.turns[1]!.text).toContain('Leeds');
    expect(applied.redaction).toMatchObject({ status: 'applied' });
    expect((await t.api.sessions.update({ id, status: 'approved' })).status).toBe('approved');

    const history = await t.api.sessions.history({ id });
    const redactionEdit = history.find((h) => h.kind === 'redaction')!;
    expect(redactionEdit.summary).toMatch(/replaced/);
    await t.api.sessions.undo({ opId: redactionEdit.opId });
    expect((await t.api.sessions.get({ id })).turns[1]!.text).toContain('07700 900123');
  });

  it('applies every detection at once for --redact, keeping the report', async () => {
    const { reports } = await runImport({ paths: [write('details2.txt', withDetails)], redaction: 'apply', redactionMode: 'surrogate' });
    const s = await t.api.sessions.get({ id: reports[0]!.sessionIds[0]! });
    expect(s.status).toBe('draft');
    expect(s.turns.map((x) => x.text).join(' ')).not.toMatch(/Sarah|07700 900123|sarah\.jones/);
    expect(s.redaction).toMatchObject({ status: 'applied', mode: 'surrogate' });
  });
});

describe('importing audio', () => {
  it('sends audio to the provider’s transcription endpoint as part of the import job', async () => {
    const { startFakeOpenAI } = await import('../support/fakeOpenAI');
    const fake = await startFakeOpenAI({ apiKey: 'sk-audio-test-0000000000' });
    try {
      const file = join(dir, 'session-recording.wav');
      writeFileSync(file, wav(40));
      const [preview] = await t.api.imports.preview({ paths: [file] });
      expect(preview).toMatchObject({ format: 'audio', error: null });
      expect(preview!.problems[0]!.message).toMatch(/transcri/);

      const refused = await runImport({ paths: [file] });
      expect(refused.job.failed).toBe(1);
      const reason = (await t.api.jobs.items({ id: refused.job.id, status: 'failed' })).rows[0]!.error;
      expect(reason).toMatch(/choose a Transcriber model in Settings > Models/);

      const provider = await t.api.providers.add({ name: 'Fake', preset: 'openai', baseUrl: fake.url });
      await t.api.providers.setKey({ id: provider.id, key: 'sk-audio-test-0000000000' });
      await t.api.models.setRoleDefault({ role: 'transcriber', providerId: provider.id, modelId: 'gpt-4o-transcribe-diarize' });
      const { job, reports } = await runImport({ paths: [file] });
      expect(job.status).toBe('succeeded');
      expect(reports[0]).toMatchObject({ format: 'audio', imported: 1 });
      const session = await t.api.sessions.get({ id: reports[0]!.sessionIds[0]! });
      expect(session.title).toBe('session-recording');
      expect(new Set(session.turns.map((x) => x.role))).toEqual(new Set(['user', 'assistant']));
      const calls = await t.api.calls.list({ jobId: job.id });
      expect(calls.rows.map((c) => c.purpose)).toEqual(['transcribe']);
      expect(fake.requests.some((r) => r.path === '/v1/audio/transcriptions')).toBe(true);
    } finally {
      await fake.close();
    }
  });
});
