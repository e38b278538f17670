/**
 * A built-in scenario's commentary (coach feedback, thoughts…) is a chunk of its own, fetched once the run's
 * first scene is shown. The first scene comes without it, and a choice made before it has arrived waits
 * for it, so the coach never shows a missing note.
 */
import { expect, test } from './fixtures.ts';
import { scenario, stepLine } from './support.ts';

// The page's own requests, not the service worker's cache, so that the commentary's can be held back.
test.use({ serviceWorkers: 'block' });

test('a choice made before the commentary has arrived waits for it, then the coach explains it', async ({ page }) => {
  const s = scenario('adjustment-request');
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const asked: string[] = [];
  await page.route(/\/assets\/adjustment-request-notes-[\w-]+\.js$/, async (route) => {
    asked.push(route.request().url());
    await held;
    await route.continue();
  });
  const playChunk = page.waitForResponse(/\/assets\/adjustment-request-(?!notes)[\w-]+\.js$/);

  // Straight to a new run (coach mode, the default), as a shared link or the benchmark opens it.
  await page.goto(`/#/play/${s.id}/employer`);
  await expect(stepLine(page)).toHaveText(/Coach mode · step 1$/);
  const choices = page.getByRole('region', { name: /, what do you do\?$/ }).getByRole('button');
  const label = (await choices.first().innerText()).replace(/^\d+\s*/, '').trim();
  const choice = Object.values(s.machine.states[s.machine.initial]!.on ?? {}).find((c) => 'meta' in c && c.meta.label === label);
  expect(choice && 'meta' in choice, `“${label}” is a choice of the first scene`).toBe(true);
  const { feedback, thoughts } = (choice as { meta: { feedback: string; thoughts: string } }).meta;

  // What play loaded holds no commentary; the commentary was asked for once the scene was there.
  const text = await (await playChunk).text();
  expect(text).not.toContain(JSON.stringify(feedback).slice(1, -1));
  expect(text).not.toContain(JSON.stringify(thoughts).slice(1, -1));
  await expect.poll(() => asked.length).toBe(1);

  // The number key waits while the commentary is held back…
  await page.keyboard.press('1');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(stepLine(page)).toHaveText(/step 1$/);
  // …and goes through once it is in: the coach shows the choice's feedback.
  release();
  await expect(stepLine(page)).toHaveText(/step 2$/);
  await expect(page.getByRole('complementary', { name: 'Coach' })).toContainText(feedback);
});
