/**
 * The library lists every scenario file. Each scenario is played in the browser from every seat along the
 * analyser's shortest path to one outcome (rotating, so every outcome is reached across the library) in
 * tests/e2e/honest-play.spec.ts; every scenario × seat × outcome path is replayed through the real machine in
 * tests/engine/scenarios.test.ts. A new scenario file is covered without a new test.
 */
import { expect, test } from './fixtures.ts';
import { scenarios } from './support.ts';

test.use({ serviceWorkers: 'block' });

test('every scenario file is in the library', async ({ page }) => {
  expect(scenarios.length).toBeGreaterThan(0);
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: /^Showing/ })).toHaveText(`Showing ${scenarios.length} of ${scenarios.length} scenarios.`);
  for (const s of scenarios) await expect(page.getByRole('link', { name: s.title, exact: true })).toBeVisible();
});
