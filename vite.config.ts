import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { scenarioPlugin } from './src/build/scenario-plugin.ts';
import { guidePlugin } from './src/build/guide-plugin.ts';
import { cspPlugin } from './src/build/csp-plugin.ts';
import { pwaPlugin, SERVICE_WORKER_SOURCE } from './src/build/pwa-plugin.ts';
import { bundleReportPlugin } from './src/build/bundle-report.ts';
import { shellChunk } from './src/build/shell-chunk.ts';
import { compileHintsPlugin } from './src/build/compile-hints-plugin.ts';
import { SINGLE_FILE_MODE, singleFileBuildOptions, singleFilePlugin } from './src/build/single-file-plugin.ts';

const underVitest = Boolean(process.env.VITEST);

export default defineConfig(({ mode }) => {
  // `vite build --mode single` (npm run build:single): one self-contained HTML file in dist-single/.
  const single = mode === SINGLE_FILE_MODE;
  // Everything the page needs before the first screen, in one chunk (see shell-chunk.ts).
  const shell = shellChunk((id) => id.endsWith(SERVICE_WORKER_SOURCE));
  return {
    plugins: [
      svelte(),
      svelteTesting(),
      scenarioPlugin(),
      guidePlugin(),
      compileHintsPlugin(),
      ...(single ? [singleFilePlugin()] : [cspPlugin(), pwaPlugin(), shell.plugin, bundleReportPlugin()]),
    ],
    base: single ? './' : '/',
    // Under vitest, @xstate/svelte would otherwise load its CJS build and with it a second copy of Svelte.
    resolve: underVitest ? { conditions: ['module', 'browser', 'development|production'] } : {},
    build: single ? singleFileBuildOptions() : { target: 'es2022', rolldownOptions: { output: { codeSplitting: { groups: [shell.group] } } } },
    test: {
      // Node by default: a test that renders or needs the DOM says so in its first line
      // (`// @vitest-environment jsdom`); a jsdom for every file cost about 40 s of the run.
      environment: 'node',
      include: ['tests/**/*.test.ts'],
      exclude: ['tests/e2e/**', 'node_modules/**'],
      setupFiles: ['tests/setup.ts'],
      // Generous, so a test that passes on a quiet machine also passes with both CPUs busy; a test that
      // hangs still fails. Tests wait on conditions (vi.waitFor, findBy*), never on the clock.
      testTimeout: 60_000,
      // Both CPUs of the build machine (vitest's default leaves one idle), as threads: starting a thread per
      // file costs less than a process (the suite took 115 s instead of 145 s on the 2-CPU machine).
      pool: 'threads',
      maxWorkers: 2,
      hookTimeout: 120_000,
    },
  };
});
