import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS } from './src/cli/bench/browser.ts';

/** Debian's Chromium: no browser is downloaded. `.ci/run` installs it with apt-get. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `No Chromium at ${CHROMIUM}. The browser tests need Debian's Chromium: run "apt-get update && apt-get install -y chromium" (as root), ` +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}

/** Port and build folder of the preview server; set E2E_PORT and E2E_OUT to run two test sessions side by side. */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT = process.env.E2E_OUT ?? 'dist';
/** A build made beforehand (`npm test` builds once, into OSOTD_APP_BUILD): served as it is. */
const PREBUILT = process.env.OSOTD_APP_BUILD;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  // Screenshots of every screen, for review, go to test-results/screenshots/ (emptied first).
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: true,
  // Two browsers for two CPUs (a third made each test slower on this machine); E2E_WORKERS changes it.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  timeout: 90_000,
  // Generous waits, so a busy machine (CI beside other jobs) slows the suite down rather than failing it.
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: PREBUILT
      ? `npx vite preview --outDir ${PREBUILT} --port ${PORT} --strictPort --host 127.0.0.1`
      : `npx vite build --outDir ${OUT} --emptyOutDir && npx vite preview --outDir ${OUT} --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
