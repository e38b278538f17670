/**
 * Model-based play, generated from the scenario files: for every scenario and every seat it offers, the
 * analyser's shortest path to one outcome is played in the browser by clicking the choices by their words
 * (and Continue), and the debrief must name that outcome. The outcome rotates with the scenario and seat,
 * so across the library every outcome is played from both seats. Every scenario × seat × outcome path is
 * also replayed through the real machine in tests/engine/scenarios.test.ts (fast, no browser); here the
 * point is the screens. A new scenario file is covered without a new test.
 */
import { expect, test } from './fixtures.ts';
import { fileOf, OUTCOME_INFO, OUTCOMES, openScenario, outcomeHeading, plan, playMoves, scenarios, startPlaying, stepLine } from './support.ts';

// One play per scenario and seat: no service worker (its precaching per fresh context is load, not behaviour; offline.spec.ts covers it).
test.use({ serviceWorkers: 'block' });

test('every scenario file is in the library', async ({ page }) => {
  expect(scenarios.length).toBeGreaterThan(0);
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: /^Showing/ })).toHaveText(`Showing ${scenarios.length} of ${scenarios.length} scenarios.`);
  for (const s of scenarios) await expect(page.getByRole('link', { name: s.title, exact: true })).toBeVisible();
});

scenarios.forEach((s, n) => {
  test.describe(s.id, () => {
    s.seats.forEach((seat, k) => {
      for (const outcome of [OUTCOMES[(2 * n + k) % OUTCOMES.length]!]) {
        test(`as the ${seat}: the shortest path to "${OUTCOME_INFO[outcome].title}"`, async ({ page }) => {
          const run = plan(s, seat, outcome);
          expect(run, `from the ${seat}'s seat, “${OUTCOME_INFO[outcome].title}” can be reached (see npm run scenarios ${fileOf(s)})`).toBeDefined();
          await page.goto('/');
          await openScenario(page, s);
          await startPlaying(page, 'realistic', seat);
          await playMoves(page, run!.moves);
          await expect(outcomeHeading(page, outcome)).toBeVisible();
          await expect(page.getByText(`Debrief · played as the ${seat}`)).toBeVisible();
          await expect(stepLine(page)).toHaveCount(0);
          // The timeline lists every step the analyser counted.
          await expect(page.getByRole('heading', { level: 3, name: /^Step \d+/ })).toHaveCount(run!.path.length);
        });
      }
    });
  });
});
