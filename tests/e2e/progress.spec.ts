/**
 * "My progress" and the learning record store settings in Chromium, at 390 × 844 and 1366 × 768: two saved
 * runs of a built-in scenario (the analyser's shortest paths to two outcomes) are summed up with their
 * pictures, axe finds nothing (contrast included, light and dark), nothing scrolls sideways on the phone,
 * and the settings form says what is missing, then saves; a run played then sends a statement for each
 * choice and one for its end to the record store (answered here by the test).
 */
import type { Page } from '@playwright/test';
import { axeViolations, expect, test } from './fixtures.ts';
import { SCREENSHOT_DIR } from './screenshot-dir.ts';
import { OUTCOMES, outcomeHeading, plan, playMoves, scenarios, stepLine, type Plan } from './support.ts';

test.use({ serviceWorkers: 'block' });

const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
];

const s = scenarios[0]!;
const seat = s.seats[0]!;
const plans = OUTCOMES.map((o) => plan(s, seat, o))
  .filter((p): p is Plan => p !== undefined)
  .slice(0, 2);

/** Saved data as the app writes it: each run's choices, its step count and outcome, and the history. */
function savedData(): Record<string, string> {
  const data: Record<string, string> = {};
  const history = plans.map((p, i) => {
    const id = `e2e${i}`;
    const time = Date.UTC(2026, 11, 1, 9, i);
    const choices = p.path.filter((step) => step.by === 'player').map((step) => step.event);
    data[`osotd:v1:run:${id}`] = JSON.stringify({
      version: 2,
      id,
      scenarioId: s.id,
      scenarioTitle: s.title,
      seat,
      mode: 'coach',
      seed: 1,
      startedAt: time,
      updatedAt: time,
      holder: null,
      choices,
      stepCount: p.path.length,
      outcome: p.outcome,
    });
    return { runId: id, scenarioId: s.id, scenarioTitle: s.title, seat, outcome: p.outcome, finishedAt: time + 60_000, choices: choices.length };
  });
  data['osotd:v1:history'] = JSON.stringify({ version: 1, runs: history });
  return data;
}

async function check(page: Page, what: string, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${size.width}.png`, fullPage: true, animations: 'disabled' });
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(over, `${what} at ${size.width} px scrolls sideways`).toBeLessThanOrEqual(0);
    expect(await axeViolations(page), `axe on ${what} at ${size.width} px`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page), `axe on ${what}, dark`).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
}

test('my progress sums up saved runs; the record store settings save, and a run then sends its choices and its end there', async ({ page }) => {
  expect(plans).toHaveLength(2);
  await page.addInitScript((data) => {
    if (!localStorage.getItem('osotd:v1:history')) for (const [key, value] of Object.entries(data)) localStorage.setItem(key, value);
  }, savedData());
  await page.goto('/');
  await page.getByRole('link', { name: 'My progress' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My progress' })).toBeFocused();
  await expect(page.getByText(/^In 2 saved runs/)).toBeVisible();
  const found = page.getByRole('region', { name: 'Outcomes found' });
  await expect(found.getByRole('listitem').filter({ hasText: s.title }).first()).toContainText('2 of 4 outcomes, 2 runs');
  await expect(found.locator('svg')).toHaveCount(1);
  await check(page, 'My progress', 'progress');

  await page.getByRole('link', { name: /learning record store/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Learning record store' })).toBeFocused();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').first()).toHaveText(/Not saved: 4 fields need changing/);
  await expect(page.getByRole('textbox', { name: 'Endpoint address' })).toHaveAttribute('aria-invalid', 'true');
  await check(page, 'the record store settings, with problems', 'lrs-settings');
  await page.getByRole('textbox', { name: 'Endpoint address' }).fill('https://lrs.example.com/xapi/');
  await page.getByRole('textbox', { name: 'Key', exact: true }).fill('key');
  await page.getByLabel('Secret', { exact: true }).fill('secret');
  await page.getByRole('textbox', { name: 'Email address' }).fill('ada@example.com');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').first()).toHaveText(/^Saved\./);
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('osotd:v1:lrs')!).endpoint)).toBe('https://lrs.example.com/xapi/');

  // A run played now reports each choice and its end to that record store.
  const verbs: string[] = [];
  await page.route('https://lrs.example.com/xapi/statements**', async (route) => {
    verbs.push((route.request().postDataJSON() as { verb: { id: string } }).verb.id.split('/').at(-1)!);
    await route.fulfill({ status: 204 });
  });
  const first = plans[0]!;
  await page.goto(`/#/play/${s.id}/${seat}`);
  await expect(stepLine(page)).toHaveText(/step 1$/);
  await playMoves(page, first.moves);
  await expect(outcomeHeading(page, first.outcome)).toBeVisible();
  const choices = first.moves.filter((m) => m.kind === 'choose').length;
  await expect.poll(() => verbs).toEqual([...Array<string>(choices).fill('responded'), 'completed']);
});
