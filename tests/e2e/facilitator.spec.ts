/**
 * Facilitator mode in a real browser: the facilitator's controls and the presenter window are two pages
 * of one browser context, and every step taken on the controls shows on the presenter (they talk over
 * a BroadcastChannel). Both pass axe, and are saved as screenshots.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { checkScreen, scenario } from './support.ts';

const phoneScreen = scenario('phone-screen');

/** The scene's words as the presenter shows them. */
function presenterScene(presenter: Page) {
  return presenter.getByRole('article');
}

test('the presenter window follows the facilitator’s controls, step by step', async ({ page, context }) => {
  test.setTimeout(60_000);
  await page.goto(`/#/facilitate/${phoneScreen.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Facilitate: ${phoneScreen.title}` })).toBeVisible();
  await checkScreen(page, 'facilitator-lobby');
  await page.getByRole('button', { name: 'Start a new session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Facilitating: ${phoneScreen.title}` })).toBeVisible();
  await expect(page.getByText(/no presenter window open/)).toBeVisible();

  const [presenter] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Open the presenter window' }).click()]);
  await expect(presenter.getByRole('heading', { level: 1, name: phoneScreen.title })).toBeVisible();
  await expect(presenter.getByText('Starting soon.')).toBeVisible();
  await expect(page.getByText(/presenter window open/)).toBeVisible();
  // The facilitator works in the control window; the presenter is on the other screen.
  await page.bringToFront();
  await expect(page.getByText(/no presenter window open/)).toHaveCount(0);

  await page.getByRole('button', { name: 'Start the session' }).click();
  const first = phoneScreen.machine.states[phoneScreen.machine.initial]!;
  await expect(presenterScene(presenter)).toContainText(first.meta.text[0]!);
  await checkScreen(page, 'facilitator-control');
  await checkScreen(presenter, 'facilitator-presenter');
  await page.bringToFront();

  // Play three decisions: open the vote, count hands, close it, reveal, move on. The presenter keeps up.
  let decisions = 0;
  for (let guard = 0; guard < 30 && decisions < 3; guard++) {
    const sceneText = (
      await page
        .getByRole('region', { name: /^Scene \d+:/ })
        .locator('p')
        .first()
        .innerText()
    ).trim();
    await expect(presenterScene(presenter)).toContainText(sceneText);
    const openVote = page.getByRole('button', { name: 'Open the vote' });
    if (await openVote.isVisible()) {
      await openVote.click();
      await expect(presenter.getByText('The vote is open: raise your hand for one option.')).toBeVisible();
      const plus = page.getByRole('button', { name: /^One more vote for / });
      const label = (await plus.first().getAttribute('aria-label'))!.replace('One more vote for ', '');
      for (let i = 0; i < 3; i++) await plus.first().click();
      await expect(page.getByText('3 votes counted.')).toBeVisible();
      await page.getByRole('button', { name: 'Close the vote' }).click();
      await expect(presenter.getByText(`The room chose: ${label}`)).toBeVisible();
      await page.getByRole('button', { name: 'Reveal what it did' }).click();
      await expect(presenter.getByRole('region', { name: 'What it did' })).toBeVisible();
      decisions++;
    }
    await page.getByRole('button', { name: 'Next scene' }).click();
  }
  expect(decisions).toBe(3);
  // A reload of the presenter picks the session up again.
  const now = (
    await page
      .getByRole('region', { name: /^Scene \d+:/ })
      .locator('p')
      .first()
      .innerText()
  ).trim();
  await presenter.reload();
  await expect(presenterScene(presenter)).toContainText(now);
});

test('a presenter link without a session, and an unknown view, get a message in words', async ({ page }) => {
  await page.goto(`/#/facilitate/${phoneScreen.id}/presenter`);
  await expect(page.getByRole('heading', { level: 1, name: 'This facilitator link does not work' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(/needs a session/);
  // Opened afresh, as from a link (a change of the address alone keeps the first message: see the report).
  await page.goto('about:blank');
  await page.goto(`/#/facilitate/${phoneScreen.id}/projector`);
  await expect(page.getByRole('alert')).toHaveText(/"projector" is not a facilitator view/);
  await checkScreen(page, 'message-facilitator-link');
});
