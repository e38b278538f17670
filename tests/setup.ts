import '@testing-library/jest-dom/vitest';

// In the DOM tests, `findBy…` and `waitFor` wait up to 10 s instead of 1 s: on a machine with both CPUs busy
// a render can take longer than a second, and a test that waits on a condition should slow down, not fail.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/svelte');
  configure({ asyncUtilTimeout: 10_000 });
}
