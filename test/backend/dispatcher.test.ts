import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMethods } from '../../src/shared/api';
import type { ApiResult } from '../../src/shared/api/result';
import { startTestBackend, type TestBackend } from '../support/testBackend';

let t: TestBackend;
let fuzzFile: string;
beforeAll(async () => {
  t = await startTestBackend();
  fuzzFile = (await t.api.projects.create({ name: 'Fuzz' })).file;
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
  fc.dictionary(
    fc.constantFrom(
      'id',
      'name',
      'file',
      'key',
      'preset',
      'baseUrl',
      'calls',
      'limit',
      'status',
      'providerId',
      'model',
      'role',
      '__proto__',
      'constructor',
    ),
    fc.anything(),
    { maxKeys: 4 },
  ),
);

describe('the dispatcher under random and malformed input', () => {
  it('answers every method with INVALID_INPUT (or another stable code), never INTERNAL, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...apiMethods), junk, async (method, input) => {
        if (method === 'projects.close' || method === 'projects.create' || method === 'projects.open' || method === 'projects.saveCopy')
          return;
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
    expect(await t.backend.call('nope.nothing', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Unknown method/) },
    });
    expect(await t.backend.call('providers.list', { sneaky: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await t.backend.call('jobs.get', { id: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/id/) },
    });
    expect(await t.backend.call(42 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers hostile names and paths (NUL, over-long, prototype keys, missing folders) with a stable code on every method', async () => {
    const missing = join(t.dataDir, 'no', 'such', 'folder');
    // Names meet prototype keys, NUL and length; paths are absolute, so nothing lands beside the test run.
    const names = fc.constantFrom(
      'a\0b',
      'y'.repeat(5000),
      'constructor',
      'hasOwnProperty',
      '__proto__',
      'toString',
      'valueOf',
      'prototype',
      '',
      '../../etc/passwd',
    );
    const paths = fc.constantFrom(
      join(t.dataDir, 'a\0b.hds'),
      join(t.dataDir, `${'x'.repeat(300)}.hds`),
      join(missing, 'file.hds'),
      join(missing, 'out.jsonl'),
      t.dataDir,
      join(t.dataDir, 'constructor'),
      join(t.dataDir, '__proto__'),
    );
    const input = fc.oneof(
      fc.record(
        {
          name: names,
          title: names,
          id: names,
          search: names,
          key: names,
          role: names,
          note: names,
          model: names,
          providerId: names,
          preset: names,
          format: names,
        },
        { requiredKeys: [] },
      ),
      fc.record({ file: paths, out: paths, outDir: paths, path: paths, name: names }, { requiredKeys: [] }),
      fc.record({ name: names, template: fc.constant('A template long enough to be accepted by the schema.') }),
      fc.record({ paths: fc.array(paths, { minLength: 1, maxLength: 2 }) }),
      fc.record({ file: paths, overwrite: fc.boolean() }),
    );
    const totals = { requests: 0, internal: 0, byCode: {} as Record<string, number> };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...apiMethods.filter((m) => m !== 'projects.close' && m !== 'projects.open' && m !== 'projects.create')),
        input,
        async (method, value) => {
          const result = (await t.backend.call(method, value)) as ApiResult<unknown>;
          totals.requests++;
          const code = result.ok ? 'ok' : result.error.code;
          totals.byCode[code] = (totals.byCode[code] ?? 0) + 1;
          if (!result.ok && code === 'INTERNAL') totals.internal++;
          if (!result.ok)
            expect(result.error.code, `${method} ${JSON.stringify(value).slice(0, 200)}: ${result.error.message}`).not.toBe('INTERNAL');
        },
      ),
      { numRuns: 1500, seed: 11 },
    );
    // The project-switching methods get the same names, one by one, and the fuzz project is opened again after.
    for (const file of [
      join(t.dataDir, 'a\0b.hds'),
      join(t.dataDir, `${'x'.repeat(300)}.hds`),
      join(missing, 'p.hds'),
      t.dataDir,
      join(t.dataDir, 'constructor'),
    ]) {
      for (const [method, value] of [
        ['projects.create', { name: 'constructor', file }],
        ['projects.open', { file }],
        ['projects.create', { name: 'n\0ame' }],
      ] as const) {
        const result = (await t.backend.call(method, value)) as ApiResult<unknown>;
        totals.requests++;
        const code = result.ok ? 'ok' : result.error.code;
        totals.byCode[code] = (totals.byCode[code] ?? 0) + 1;
        if (code === 'INTERNAL') totals.internal++;
        expect(code, `${method} ${JSON.stringify(value).slice(0, 200)}`).not.toBe('INTERNAL');
      }
    }
    console.log(`hostile-input fuzz: ${JSON.stringify(totals)}`);
    expect(totals.internal).toBe(0);
    await t.api.projects.open({ file: fuzzFile });
  });

  it('answers prompts.save with a prototype key as a name without an internal error', async () => {
    for (const name of ['constructor', 'hasOwnProperty', 'toString']) {
      expect(
        await t.backend.call('prompts.save', { name, template: 'A template long enough to be accepted by the schema.' }),
      ).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(INVALID_INPUT|NOT_FOUND)$/) } });
    }
  });

  it('answers desktop-only methods with NOT_FOUND outside the desktop app', async () => {
    expect(await t.backend.call('desktop.revealInFolder', { file: '/tmp' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
