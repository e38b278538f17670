/**
 * Phone-first play (390×844, touch): every option of every decision is on screen without scrolling, the
 * keyboard hint is not shown on a touch screen, a tapped option does not keep a chosen look, and the
 * debrief puts the outcome and the turning point first with the steps folded and a jump to the turning
 * point. Screenshots of the library, play and debrief at 390×844, 1366×768 and 1920×1080.
 */
import type { Page } from '@playwright/test';
import { axeViolations, expect, test } from './fixtures.ts';
import { expectOptionsOnScreen, openScenario, PHONE, scenario, startPlaying, stepLine } from './support.ts';

test.use({ serviceWorkers: 'block' });
// Whole runs, one decision at a time, with axe on each screen.
test.describe.configure({ timeout: 180_000 });

/** Play from step 1 to the end by pressing 1 at every decision and Continue otherwise; returns how many decisions were checked. */
async function playByPressingOne(page: Page, where: string, check: (step: number) => Promise<void>): Promise<number> {
  let decisions = 0;
  for (let step = 1; step < 200; step++) {
    const over = page.getByRole('heading', { level: 2, name: 'Step by step: what each side did and thought' });
    const choices = page.locator('section.choices:not([hidden])');
    const next = page.getByRole('button', { name: 'Continue', exact: true });
    await expect(choices.or(next).or(over).first()).toBeVisible();
    if (await over.isVisible()) return decisions;
    if (await choices.isVisible()) {
      decisions++;
      await check(step);
      await page.keyboard.press('1');
    } else {
      await next.click();
    }
    await expect(stepLine(page).or(over).first(), `${where}, step ${step}`).toBeVisible();
    if (await stepLine(page).isVisible()) await expect(stepLine(page)).not.toHaveText(new RegExp(`step ${step}$`));
  }
  throw new Error(`${where}: the run did not end`);
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  // Every scenario's decisions are also checked on a phone, from every seat, by honest-play.spec.ts.
  for (const id of ['phone-screen']) {
    test(`${id}: every option of every decision is on screen without scrolling, and the debrief starts with the outcome`, async ({ page }) => {
      const s = scenario(id);
      await page.goto('/');
      await openScenario(page, s);
      await startPlaying(page, 'coach', s.seats[0]!);
      await expect(page.getByText('Press a number key to choose.')).toBeHidden();
      const decisions = await playByPressingOne(page, id, async (step) => {
        await expectOptionsOnScreen(page, `${id}, step ${step}`);
      });
      expect(decisions).toBeGreaterThan(1);

      // The debrief: outcome first, the turning point with it, the steps folded.
      const outcome = page.locator('#outcome-title');
      await page.evaluate(() => window.scrollTo(0, 0));
      const top = await outcome.boundingBox();
      expect(top!.y + top!.height).toBeLessThanOrEqual(PHONE.height);
      const steps = page.locator('.timeline > li > details');
      expect(await steps.count()).toBeGreaterThan(1);
      for (const open of await steps.evaluateAll((all) => all.map((d) => (d as HTMLDetailsElement).open))) expect(open).toBe(false);
      await page.getByRole('button', { name: 'Jump to the turning point' }).click();
      const turning = page.locator('.timeline > li.turning > details');
      await expect(turning).toHaveAttribute('open', '');
      await expect(turning.getByText('Turning point: the largest swing of the run')).toBeInViewport();
      await expect(turning.locator('summary')).toBeFocused();
      await page.getByRole('button', { name: 'Show all steps' }).click();
      for (const open of await steps.evaluateAll((all) => all.map((d) => (d as HTMLDetailsElement).open))) expect(open).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  test('a tapped option does not look chosen at the next decision', async ({ page }) => {
    const s = scenario('phone-screen');
    await page.goto('/');
    await openScenario(page, s);
    await startPlaying(page, 'realistic', s.seats[0]!);
    const first = page.locator('section.choices:not([hidden]) button').first();
    const resting = await first.evaluate((b) => getComputedStyle(b).borderColor);
    await first.tap();
    await expect(stepLine(page)).not.toHaveText(/step 1$/);
    const next = page.getByRole('button', { name: 'Continue', exact: true }).or(page.locator('section.choices:not([hidden]) button').first());
    await expect(next.first()).toBeVisible();
    const option = page.locator('section.choices:not([hidden]) button').first();
    if (await option.isVisible()) {
      expect(await option.evaluate((b) => getComputedStyle(b).borderColor)).toBe(resting);
      expect(await option.evaluate((b) => b.matches(':focus-visible'))).toBe(false);
    }
  });
});

// Screenshots of the library, play and debrief at 390×844, 1366×768 and 1920×1080 (with axe) are taken by
// checkScreen() in screens.spec.ts, with every other screen.
