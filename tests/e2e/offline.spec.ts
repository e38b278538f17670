/**
 * The installable offline app: after one visit, with the network switched off, the app still opens, every
 * built-in scenario still loads, and a scenario can be played to its outcome.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { OUTCOME_INFO, OUTCOMES, type Outcome, type Side } from '../../src/lib/engine/ledger.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenarioText } from '../../src/lib/engine/validate.ts';
import { expect, test } from './fixtures.ts';

const scenarios: Scenario[] = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => {
    const result = validateScenarioText(readFileSync(`scenarios/${file}`, 'utf8'));
    if (!result.ok) throw new Error(`scenarios/${file} is invalid`);
    return result.scenario;
  });

/** A scenario, a seat and the shortest path the analyser finds to an outcome, as a person would play it. */
function plan(preferred = 'phone-screen') {
  const scenario = scenarios.find((s) => s.id === preferred) ?? scenarios[0]!;
  const seat: Side = scenario.seats.includes('candidate') ? 'candidate' : scenario.seats[0]!;
  const analysis = analyseScenario(scenario).seats.find((s) => s.seat === seat)!;
  const outcome = OUTCOMES.find((o) => analysis.outcomes[o].reachable) as Outcome;
  const steps = analysis.outcomes[outcome].shortestPath!.map((step) =>
    step.by === 'player'
      ? { label: (scenario.machine.states[step.scene]!.on![step.event] as { meta: { label: string } }).meta.label }
      : { label: null },
  );
  return { scenario, seat, outcome, steps };
}

/** Open a scenario from the library and play the plan's choices through to the debrief. */
async function playToOutcome(page: Page, run: ReturnType<typeof plan>): Promise<void> {
  await page.getByRole('link', { name: run.scenario.title, exact: true }).click();
  await page.getByRole('button', { name: `Play as the ${run.seat}` }).click();
  for (const step of run.steps) {
    if (step.label) await page.getByRole('button', { name: step.label, exact: true }).click();
    else await page.getByRole('button', { name: 'Continue', exact: true }).click();
  }
  await expect(page.getByRole('heading', { name: OUTCOME_INFO[run.outcome].title })).toBeVisible();
}

test('after one visit the app works with the network off: library, every scenario, a run to its outcome', async ({ page, context }) => {
  test.setTimeout(60_000);
  expect(scenarios.length, 'built-in scenarios in scenarios/').toBeGreaterThan(0);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Other Side of the Desk' })).toBeVisible();
  // The service worker installs (precaching everything) and takes control of the page.
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker?.controller?.state ?? 'none'), {
      message: 'a service worker controls the page (registerServiceWorker() from src/pwa/register.ts runs at start-up)',
      timeout: 15_000,
    })
    .toBe('activated');

  await context.setOffline(true);
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Other Side of the Desk' })).toBeVisible();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // Every built-in scenario's content was precached: each one opens.
  for (const scenario of scenarios) {
    await page.goto(`/#/scenario/${scenario.id}`);
    await expect(page.getByRole('heading', { level: 1, name: scenario.title })).toBeVisible();
  }

  await page.goto('/#/');
  await playToOutcome(page, plan());
});

test('the app is installable: it links a manifest with a name, a start URL and icons that load', async ({ page }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const response = await page.request.get(href!);
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as { name: string; start_url: string; display: string; icons: { src: string; sizes: string }[] };
  expect(manifest).toMatchObject({ name: 'Other Side of the Desk', display: 'standalone' });
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  const base = new URL(href!, page.url());
  for (const icon of manifest.icons) {
    const image = await page.request.get(new URL(icon.src, base).href);
    expect(image.ok(), icon.src).toBe(true);
  }
  expect(new URL(manifest.start_url, base).href).toBe(new URL('/', page.url()).href);
});
