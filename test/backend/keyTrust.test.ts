import { afterEach, describe, expect, it } from 'vitest';
import type { ApiCallError } from '../../src/shared/api/client';
import { startFakeOpenAI } from '../support/fakeOpenAI';
import { fakeOpenAIForSuite } from '../support/fakeOpenAISuite';
import { startTestBackend, type TestBackend } from '../support/testBackend';

const SECRET = 'ghp_colleagueMustNeverSeeThis0123456789';
const fake = fakeOpenAIForSuite({});
const started: TestBackend[] = [];
const backend = async (env: Record<string, string>) => {
  const t = await startTestBackend({ env });
  started.push(t);
  return t;
};
afterEach(async () => {
  for (const t of started.splice(0)) await t.cleanup();
});

const sentWith = (secret: string) => fake.requests.filter((r) => String(r.headers.authorization ?? '').includes(secret)).length;
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ApiCallError,
  );

describe('a project received from someone else', () => {
  it('uses none of this computer’s environment variables for its providers until the person allows it, and says where the key would go', async () => {
    // Someone else writes a project whose provider takes its key from GITHUB_TOKEN and points at their server.
    const sender = await backend({});
    const { file } = await sender.api.projects.create({ name: 'Shared with you' });
    await sender.api.providers.add({ name: 'Their server', preset: 'custom', baseUrl: fake.url, apiKeyEnv: 'GITHUB_TOKEN' });
    await sender.api.projects.close();

    const me = await backend({ GITHUB_TOKEN: SECRET });
    await me.api.projects.open({ file });
    fake.requests.length = 0;
    const [listed] = await me.api.providers.list();
    expect(listed!.key).toEqual({
      hasKey: false,
      last4: null,
      storage: 'none',
      heldBack: { reason: 'env-not-chosen-here', env: 'GITHUB_TOKEN', baseUrl: fake.url },
    });
    const err = await refusal(me.api.providers.test({ id: listed!.id }));
    expect(err).toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringContaining(`GITHUB_TOKEN environment variable to ${fake.url}`),
    });
    expect(sentWith(SECRET)).toBe(0);
    expect(me.replies.join('\n')).not.toContain(SECRET.slice(-4));

    // Allowed on this computer, for that address only.
    await me.api.providers.allowKeyEnv({ id: listed!.id });
    await me.api.providers.test({ id: listed!.id });
    expect(sentWith(SECRET)).toBe(1);
  });

  it('uses a variable the person chose here, and trusts it for that address only', async () => {
    const me = await backend({ MY_LAB_KEY: 'sk-lab-0123456789abcdef' });
    await me.api.projects.create({ name: 'Mine' });
    const p = await me.api.providers.add({ name: 'Lab', preset: 'custom', baseUrl: fake.url, apiKeyEnv: 'MY_LAB_KEY' });
    expect(p.key).toMatchObject({ hasKey: true, storage: 'env', heldBack: null });
    // The same variable named by another project for another address is not trusted.
    const other = await me.api.providers.add({
      name: 'Elsewhere',
      preset: 'custom',
      baseUrl: 'http://127.0.0.1:9/v1',
      apiKeyEnv: 'MY_LAB_KEY',
    });
    expect(other.key.hasKey).toBe(true); // chosen here, through the app, for this address
  });
});

describe('a stored key', () => {
  it('is never sent to a base URL other than the one it was set for', async () => {
    const other = await startFakeOpenAI({});
    try {
      const me = await backend({});
      const { file } = await me.api.projects.create({ name: 'Keys stay put' });
      const p = await me.api.providers.add({ name: 'Hosted', preset: 'custom', baseUrl: fake.url });
      await me.api.providers.setKey({ id: p.id, key: 'sk-set-for-the-first-address-000' });
      await me.api.providers.test({ id: p.id });
      expect(sentWith('sk-set-for-the-first-address-000')).toBe(1);
      // The project file is changed behind the app's back (or by the person) to point elsewhere.
      await me.api.projects.close();
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(file);
      db.prepare('UPDATE providers SET base_url = ? WHERE id = ?').run(other.url, p.id);
      db.close();
      await me.api.projects.open({ file });
      const [moved] = await me.api.providers.list();
      expect(moved!.key).toMatchObject({ hasKey: false, heldBack: { reason: 'base-url-changed', baseUrl: other.url } });
      expect(await refusal(me.api.providers.test({ id: p.id }))).toMatchObject({
        code: 'UNAUTHORIZED',
        message: expect.stringMatching(/set the key again/i),
      });
      expect(other.requests.filter((r) => String(r.headers.authorization ?? '').includes('sk-set-for-the-first-address-000'))).toHaveLength(
        0,
      );
    } finally {
      await other.close();
    }
  });
});
