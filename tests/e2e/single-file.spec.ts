/**
 * The single-file build (`npm run build:single`): one HTML file, opened straight from disk (`file://`),
 * plays a scenario to its outcome without fetching anything, under its own hash-based CSP (the shared
 * fixture fails the test on any CSP violation or console error).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { OUTCOME_INFO, OUTCOMES, type Outcome, type Side } from '../../src/lib/engine/ledger.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenarioText } from '../../src/lib/engine/validate.ts';
import { expect, test } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

const scenarios: Scenario[] = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => {
    const result = validateScenarioText(readFileSync(`scenarios/${file}`, 'utf8'));
    if (!result.ok) throw new Error(`scenarios/${file} is invalid`);
    return result.scenario;
  });

/** A scenario, a seat and the shortest path the analyser finds to an outcome, as a person would play it. */
function plan(preferred: string, seat: Side) {
  const scenario = scenarios.find((s) => s.id === preferred) ?? scenarios[0]!;
  const playable: Side = scenario.seats.includes(seat) ? seat : scenario.seats[0]!;
  const analysis = analyseScenario(scenario).seats.find((s) => s.seat === playable)!;
  // The last reachable outcome, so this test does not walk the same road as the offline one.
  const outcome = [...OUTCOMES].reverse().find((o) => analysis.outcomes[o].reachable) as Outcome;
  const steps = analysis.outcomes[outcome].shortestPath!.map((step) =>
    step.by === 'player'
      ? { label: (scenario.machine.states[step.scene]!.on![step.event] as { meta: { label: string } }).meta.label }
      : { label: null },
  );
  return { scenario, seat: playable, outcome, steps };
}

async function playToOutcome(page: Page, run: ReturnType<typeof plan>): Promise<void> {
  await page.getByRole('link', { name: run.scenario.title, exact: true }).click();
  await page.getByRole('button', { name: `Play as the ${run.seat}` }).click();
  for (const step of run.steps) {
    if (step.label) await page.getByRole('button', { name: step.label, exact: true }).click();
    else await page.getByRole('button', { name: 'Continue', exact: true }).click();
  }
  await expect(page.getByRole('heading', { name: OUTCOME_INFO[run.outcome].title })).toBeVisible();
}

const outDir = mkdtempSync(join(tmpdir(), 'osotd-single-'));

test.beforeAll(() => {
  test.setTimeout(120_000);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|NODE_ENV$)/.test(key)));
  const build = spawnSync('npx', ['vite', 'build', '--mode', 'single', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    env,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`npm run build:single failed:\n${build.stderr}`);
});

test.afterAll(() => rmSync(outDir, { recursive: true, force: true }));

test('opened from disk, the single file plays a scenario to its outcome without fetching anything', async ({ page }) => {
  expect(readdirSync(outDir)).toEqual(['index.html']);
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (!/^(file|data|about):/.test(request.url())) fetched.push(request.url());
  });
  const url = pathToFileURL(join(outDir, 'index.html')).href;
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Other Side of the Desk' })).toBeVisible();
  for (const scenario of scenarios) await expect(page.getByRole('link', { name: scenario.title, exact: true })).toBeVisible();

  await playToOutcome(page, plan('after-interview', 'employer'));
  expect(fetched, 'requests beyond the file itself').toEqual([]);
});

test('the run is saved in the browser: a reload of the file resumes where the player was', async ({ page }) => {
  const url = pathToFileURL(join(outDir, 'index.html')).href;
  await page.goto(url);
  const run = plan('phone-screen', 'candidate');
  await page.getByRole('link', { name: run.scenario.title, exact: true }).click();
  await page.getByRole('button', { name: `Play as the ${run.seat}` }).click();
  const scene = page.getByRole('article').first();
  const opening = (await scene.textContent()) ?? '';
  const first = run.steps[0]!;
  await page.getByRole('button', first.label ? { name: first.label, exact: true } : { name: 'Continue', exact: true }).click();
  await expect(scene).not.toHaveText(opening);
  const reached = (await scene.textContent()) ?? '';
  await page.reload();
  await expect(scene).toHaveText(reached);
});
