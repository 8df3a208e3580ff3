import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMethods } from '../../src/shared/api';
import type { ApiResult } from '../../src/shared/api/result';
import { startTestBackend, type TestBackend } from '../support/testBackend';

let t: TestBackend;
beforeAll(async () => {
  t = await startTestBackend();
  await t.api.projects.create({ name: 'Fuzz' });
});
afterAll(async () => {
  await t.cleanup();
});

// Methods that need a real file system target or a desktop host are fed junk too; none may crash.
const junk = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string(),
  fc.integer(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('id', 'name', 'file', 'key', 'preset', 'baseUrl', 'calls', 'limit', 'status', 'providerId', 'model', 'role', '__proto__', 'constructor'), fc.anything(), { maxKeys: 4 }),
);

describe('the dispatcher under random and malformed input', () => {
  it('answers every method with INVALID_INPUT (or another stable code), never INTERNAL, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...apiMethods), junk, async (method, input) => {
        if (method === 'projects.close' || method === 'projects.create' || method === 'projects.open' || method === 'projects.saveCopy') return;
        const result = (await t.backend.call(method, input)) as ApiResult<unknown>;
        if (!result.ok) {
          expect(result.error.code).not.toBe('INTERNAL');
          expect(result.error.message.length).toBeGreaterThan(0);
          expect(result.error.message).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: 600, seed: 42 },
    );
    expect(await t.api.projects.current()).toMatchObject({ name: 'Fuzz' });
  });

  it('rejects unknown methods and extra keys with readable messages', async () => {
    expect(await t.backend.call('nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Unknown method/) } });
    expect(await t.backend.call('providers.list', { sneaky: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await t.backend.call('jobs.get', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/id/) } });
    expect(await t.backend.call(42 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers desktop-only methods with NOT_FOUND outside the desktop app', async () => {
    expect(await t.backend.call('desktop.revealInFolder', { file: '/tmp' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
