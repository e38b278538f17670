/**
 * The installable offline app: after one visit, with the network switched off, the app still opens, every
 * built-in scenario still loads, and a scenario can be played to its outcome.
 */
import { expect, test } from './fixtures.ts';
import { openScenario, outcomeHeading, plan, playMoves, scenario, scenarios, startPlaying } from './support.ts';

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
  const run = plan(scenario('phone-screen'), 'candidate', 'mutualFit')!;
  await openScenario(page, run.scenario);
  await startPlaying(page, 'realistic', run.seat);
  await playMoves(page, run.moves);
  await expect(outcomeHeading(page, run.outcome)).toBeVisible();
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
