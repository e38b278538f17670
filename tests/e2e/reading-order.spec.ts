/**
 * On a laptop (1366×768) the play screen is taller than the window, so a person scrolls down to the options.
 * After the step they take there, the new content must start in view: the coach's note on that step (coach
 * mode), else the new scene. Before, the page stayed scrolled down and both began above the window.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openScenario, scenario, startPlaying, stepLine } from './support.ts';

test.use({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });

/** Where the top of the first shown element matching `selector` is, in the window (px from its top). */
const topOf = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const element = [...document.querySelectorAll<HTMLElement>(sel)].find((e) => !e.hidden);
    return element ? element.getBoundingClientRect().top : null;
  }, selector);

for (const mode of ['coach', 'realistic'] as const) {
  test(`${mode} mode: after a step taken below the fold, the new content starts in view`, async ({ page }) => {
    const s = scenario('adjustment-request');
    await page.goto('/');
    await openScenario(page, s);
    await startPlaying(page, mode, s.seats[0]!);
    let below = 0;
    for (let step = 1; step < 8; step++) {
      // Like a person with a mouse: scroll to the last option (or Continue) and click it.
      const target = page.locator('section.choices:not([hidden]) button, .go-on:not([hidden]) button').last();
      if (!(await target.count())) break;
      await target.scrollIntoViewIfNeeded();
      if ((await page.evaluate(() => scrollY)) > 0) below++;
      await target.click();
      if (!(await stepLine(page).isVisible())) break; // the run ended
      await expect(stepLine(page)).toHaveText(new RegExp(`step ${step + 1}$`));
      const start = mode === 'coach' ? '.coach' : '.scene';
      const where = `${mode} mode, after step ${step}`;
      await expect.poll(() => topOf(page, start), `${where}: the top of ${start} is not above the window`).toBeGreaterThanOrEqual(0);
      expect(await topOf(page, start), `${where}: ${start} starts within the window`).toBeLessThan(768);
    }
    expect(below, 'steps taken with the page scrolled down').toBeGreaterThan(0);
  });
}
