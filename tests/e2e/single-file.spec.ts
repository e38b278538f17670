/**
 * The single-file build (`npm run build:single`): one HTML file, opened straight from disk (`file://`),
 * plays a scenario to its outcome without fetching anything, under its own hash-based CSP (the shared
 * fixture fails the test on any CSP violation or console error).
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from './fixtures.ts';
import { SINGLE_DIR as outDir, SINGLE_FILE } from './single-build.ts';
import { openScenario, outcomeHeading, plan, playMoves, scenario, scenarios, startPlaying } from './support.ts';

test.describe.configure({ mode: 'serial' });

// The global setup built the file (single-build.ts).

test('opened from disk, the single file plays a scenario to its outcome without fetching anything', async ({ page }) => {
  expect(readdirSync(outDir)).toEqual(['index.html']);
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (!/^(file|data|about):/.test(request.url())) fetched.push(request.url());
  });
  const url = pathToFileURL(resolve(SINGLE_FILE)).href;
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Other Side of the Desk' })).toBeVisible();
  for (const scenario of scenarios) await expect(page.getByRole('link', { name: scenario.title, exact: true })).toBeVisible();

  // Not the offline test's road: another scenario, seat and outcome.
  const run = plan(scenario('after-interview'), 'employer', 'noFit')!;
  await openScenario(page, run.scenario);
  await startPlaying(page, 'realistic', run.seat);
  await playMoves(page, run.moves);
  await expect(outcomeHeading(page, run.outcome)).toBeVisible();
  expect(fetched, 'requests beyond the file itself').toEqual([]);
});

test('the run is saved in the browser: a reload of the file resumes where the player was', async ({ page }) => {
  const url = pathToFileURL(resolve(SINGLE_FILE)).href;
  await page.goto(url);
  const run = plan(scenario('phone-screen'), 'candidate', 'mutualFit')!;
  await openScenario(page, run.scenario);
  await startPlaying(page, 'coach', run.seat);
  const scene = page.getByRole('article').first();
  const opening = (await scene.textContent()) ?? '';
  await playMoves(page, run.moves.slice(0, 1));
  await expect(scene).not.toHaveText(opening);
  const reached = (await scene.textContent()) ?? '';
  await page.reload();
  await expect(scene).toHaveText(reached);
});
