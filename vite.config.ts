import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { scenarioPlugin } from './src/build/scenario-plugin.ts';
import { cspPlugin } from './src/build/csp-plugin.ts';

const underVitest = Boolean(process.env.VITEST);

export default defineConfig({
  plugins: [svelte(), svelteTesting(), scenarioPlugin(), cspPlugin()],
  // Under vitest, @xstate/svelte would otherwise load its CJS build and with it a second copy of Svelte.
  resolve: underVitest ? { conditions: ['module', 'browser', 'development|production'] } : {},
  build: { target: 'es2022' },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    setupFiles: ['tests/setup.ts'],
  },
});
