import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { defineConfig } from '@playwright/test';
import type { HostOptions } from './test/e2e/fixtures';
import { ELECTRON_UNAVAILABLE, electronBinary } from './test/e2e/support/electronHost';

/** Debian's Chromium from PATH: these machines cannot download Playwright's own browser. */
function chromiumOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

// The runner process prints why the Electron project is skipped (workers load this file too, with
// TEST_WORKER_INDEX set), so the reason shows exactly once in every run's log.
if (process.env.TEST_WORKER_INDEX === undefined && !electronBinary()) {
  process.stderr.write(`[electron project] ${ELECTRON_UNAVAILABLE}\n`);
  process.env.HDS_ELECTRON_ANNOUNCED = '1';
}

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export default defineConfig<HostOptions>({
  testDir: 'test/e2e',
  // The screenshot tour is a camera, not a check: it runs only when asked for (see the spec).
  testIgnore: process.env.HDS_SCREENSHOTS ? [] : ['**/screenshots.spec.ts'],
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  use: {
    trace: 'off',
    screenshot: 'off',
    video: 'off',
    viewport: { width: 1366, height: 860 },
    actionTimeout: 15_000,
    // The app honours reduced motion, so no spec or screenshot waits on a transition.
    reducedMotion: 'reduce',
  },
  projects: [
    {
      name: 'browser',
      use: { hostKind: 'browser', launchOptions: { executablePath: chromiumOnPath(), args: chromiumArgs } },
    },
    {
      // The same specs against the desktop app; skipped, with the reason printed, where no Electron binary exists.
      name: 'electron',
      use: { hostKind: 'electron' },
    },
  ],
});
