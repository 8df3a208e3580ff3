import { describe, expect, it } from 'vitest';
import { apiInputs, type HandlerLoaders, type Handlers } from '../../src/shared/api';
import type { MethodsOf } from '../../src/shared/api/inputLoaders';
import { desktopInputs } from '../../src/shared/api/desktop';
import { startTestBackend } from '../support/testBackend';

// A handler table with a method left out is not a `Handlers`, so the backend's own table would not
// compile (`npm run typecheck` checks this file): the directive fails the build if it ever compiles.
type WithoutFreeze = Omit<Handlers, 'datasets.freeze'>;
// @ts-expect-error 'datasets.freeze' is missing from the table
export const incomplete: Handlers = {} as WithoutFreeze;
// The desktop group is the Electron host's to bring; a table without it is complete.
export const withoutDesktop: Handlers = {} as Omit<Handlers, keyof typeof desktopInputs>;
// The backend's table is split by domain and loaded on first use; it is checked the same way.
// @ts-expect-error the 'study' domain has no loader
export const withoutStudy: HandlerLoaders = {} as Omit<HandlerLoaders, 'study'>;
type DatasetsWithoutFreeze = Omit<Pick<Handlers, MethodsOf<'datasets'>>, 'datasets.freeze'>;
// @ts-expect-error the datasets loader's handlers lack 'datasets.freeze'
export const datasetsWithoutFreeze: HandlerLoaders['datasets'] = async () => ({}) as DatasetsWithoutFreeze;

describe('the handler table', () => {
  it('answers every method of the contract except the desktop group, none with "not available"', async () => {
    const t = await startTestBackend();
    try {
      const missing: string[] = [];
      for (const method of Object.keys(apiInputs).filter((m) => !(m in desktopInputs))) {
        const reply = (await t.backend.call(method, { __probe: true })) as { ok: boolean; error?: { message: string } };
        if (!reply.ok && /is not available in this version/.test(reply.error?.message ?? '')) missing.push(method);
      }
      expect(missing).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});
