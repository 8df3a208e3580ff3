import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { _electron } from 'playwright-core';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakeOpenAI';
import { announceOnce, electronBinary, ELECTRON_UNAVAILABLE } from './support/electronHost';
import { cleanEnv, startStandalone } from './support/standalone';

export interface HostOptions {
  hostKind: 'browser' | 'electron';
}

type RunningHost =
  | { kind: 'browser'; url: string; browser: Browser; dataDir: string }
  | { kind: 'electron'; electronApp: ElectronApplication; window: Page; dataDir: string }
  | { kind: 'unavailable'; reason: string };

/** What a spec may know about the app under test, whichever host runs it. */
export interface AppHelper {
  host: 'browser' | 'electron';
  /** The fake OpenAI-compatible server this worker's specs point providers at. */
  fake: FakeOpenAI;
  /** The key the fake server expects; specs type it into the app and check it never shows. */
  apiKey: string;
  /** The app's data folder for this worker; a safe place for files a spec creates. */
  dataDir: string;
  /** Loads the app afresh at its first screen. */
  restart(): Promise<void>;
}

interface WorkerFixtures {
  fake: FakeOpenAI;
  fakeKey: string;
  running: RunningHost;
}

export const test = base.extend<{ app: AppHelper }, HostOptions & WorkerFixtures>({
  hostKind: ['browser', { option: true, scope: 'worker' }],

  // Playwright reads a fixture's dependencies from its first parameter, so "none" must be spelled `{}`.
  // eslint-disable-next-line no-empty-pattern
  fakeKey: [async ({}, use) => use(`sk-e2e-${randomBytes(12).toString('hex')}`), { scope: 'worker' }],

  fake: [
    async ({ fakeKey }, use) => {
      const fake = await startFakeOpenAI({ apiKey: fakeKey });
      await use(fake);
      await fake.close();
    },
    { scope: 'worker' },
  ],

  // One app per worker, with its own data folder and port: the specs in a worker share it.
  running: [
    async ({ hostKind, playwright, launchOptions }, use) => {
      if (hostKind === 'electron' && !electronBinary()) {
        announceOnce(ELECTRON_UNAVAILABLE);
        await use({ kind: 'unavailable', reason: ELECTRON_UNAVAILABLE });
        return;
      }
      const dataDir = mkdtempSync(join(tmpdir(), 'hds-e2e-'));
      try {
        if (hostKind === 'browser') {
          if (!launchOptions.executablePath)
            throw new Error(
              'No `chromium` on PATH. Install it (Debian: apt-get install chromium); Playwright does not download browsers here.',
            );
          const server = await startStandalone(dataDir);
          const browser = await playwright.chromium.launch(launchOptions);
          try {
            await use({ kind: 'browser', url: server.url, browser, dataDir });
          } finally {
            await browser.close();
            await server.stop();
          }
        } else {
          const electronApp = await _electron.launch({
            executablePath: electronBinary() ?? undefined,
            args: [resolve('out/main/index.js')],
            env: cleanEnv({ HDS_DATA_DIR: dataDir }),
          });
          try {
            const window = await electronApp.firstWindow();
            await use({ kind: 'electron', electronApp, window, dataDir });
          } finally {
            await electronApp.close();
          }
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  page: async ({ running, viewport, reducedMotion }, use) => {
    if (running.kind === 'unavailable') {
      test.skip(true, running.reason);
      return;
    }
    if (running.kind === 'electron') {
      await use(running.window);
      return;
    }
    const context = await running.browser.newContext({ viewport, reducedMotion });
    const page = await context.newPage();
    await page.goto(running.url);
    await use(page);
    await context.close();
  },

  app: async ({ running, page, fake, fakeKey }, use) => {
    if (running.kind === 'unavailable') return;
    const restart = async () => {
      if (running.kind === 'browser') await page.goto(running.url);
      else {
        await page.evaluate("window.location.hash = ''");
        await page.reload();
      }
    };
    if (running.kind === 'electron') await restart();
    await use({ host: running.kind, fake, apiKey: fakeKey, dataDir: running.dataDir, restart });
    // Faults a spec added must not leak into the next spec of this worker.
    fake.clearFaults();
    fake.setLatency(0);
  },
});

export { expect };
