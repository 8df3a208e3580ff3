import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI';
import { startTestBackend, waitFor, type TestBackend } from '../support/testBackend';

const KEY = 'sk-live-SENTINEL-7f3a9c2e5b1d4f6a8c0e';
const WRONG = 'sk-wrong-SENTINEL-99999999999999999';
let fake: FakeOpenAI;
let t: TestBackend;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
  t = await startTestBackend();
});
afterAll(async () => {
  await t.cleanup();
  await fake.close();
});

describe('an API key never leaves the secret store', () => {
  it('is absent from every reply, event, log line, ledger row and the project file', async () => {
    const { file } = await t.api.projects.create({ name: 'Leak check' });
    const good = await t.api.providers.add({ name: 'Good', preset: 'openai', baseUrl: fake.url });
    const bad = await t.api.providers.add({ name: 'Bad', preset: 'openai', baseUrl: fake.url });
    await t.api.providers.setKey({ id: good.id, key: KEY });
    await t.api.providers.setKey({ id: bad.id, key: WRONG });
    await t.api.providers.update({ id: bad.id, maxRetries: 0 });

    await t.api.providers.test({ id: good.id });
    await t.api.providers.test({ id: bad.id }).catch(() => undefined);
    const ok = await t.api.providers.startSpeedTest({ providerId: good.id, model: 'gpt-4o-mini', calls: 5, concurrency: 2, maxTokens: 8 });
    const failing = await t.api.providers.startSpeedTest({
      providerId: bad.id,
      model: 'gpt-4o-mini',
      calls: 3,
      concurrency: 1,
      maxTokens: 8,
    });
    fake.addFault({ route: 'chat', kind: 'status500', times: 2 });
    for (const id of [ok.id, failing.id]) {
      await waitFor(async () => !['running', 'queued'].includes((await t.api.jobs.get({ id })).status));
    }
    fake.clearFaults();
    await t.api.providers.list();
    await t.api.jobs.items({ id: failing.id });
    const ledger = await t.api.calls.list({ limit: 1000 });
    expect(ledger.total).toBeGreaterThanOrEqual(8);
    expect(ledger.rows.some((c) => c.errorClass === 'auth')).toBe(true);
    // The fake server really received the key: the check below would see it if anything echoed it.
    expect(fake.requests.some((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);

    await t.api.projects.close();
    const haystacks = {
      replies: t.replies.join('\n'),
      events: JSON.stringify(t.events),
      logs: t.logLines.join('\n'),
      projectFiles: readdirSync(join(t.dataDir, 'projects'))
        .map((f) => readFileSync(join(t.dataDir, 'projects', f)).toString('latin1'))
        .join('\n'),
    };
    expect(haystacks.replies.length).toBeGreaterThan(1000);
    expect(haystacks.projectFiles).toContain('Leak check');
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of [KEY, WRONG, KEY.slice(0, 20), WRONG.slice(0, 20)]) {
        expect(text.includes(secret), `${where} contains a key`).toBe(false);
      }
    }
    expect(file.endsWith('.hds')).toBe(true);
  });
});
