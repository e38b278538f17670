// Only the DOM tests need the DOM matchers and testing-library's settings: a test in Node loads neither.
if (typeof document !== 'undefined') {
  await import('@testing-library/jest-dom/vitest');
  const { configure } = await import('@testing-library/svelte');
  // `findBy…` and `waitFor` wait up to 10 s instead of 1 s: on a machine with both CPUs busy a render can take
  // longer than a second, and a test that waits on a condition should slow down, not fail.
  configure({ asyncUtilTimeout: 10_000 });
}

export {};
