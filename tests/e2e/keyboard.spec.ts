/**
 * Keyboard only: a complete run from the library to the debrief without the mouse (Tab, arrow keys,
 * Enter and the number keys), checking at every step that the focused control shows a visible focus
 * indicator. Headings that receive focus only to mark a new screen (tabindex="-1") are not controls and
 * draw no ring by design; every control and the scene itself must. After each step the focus moves to the
 * next thing to do: the Continue button when there is one, else the new scene.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { focusIndicator, outcomeHeading, plan, scenario, stepLine } from './support.ts';

test.use({ serviceWorkers: 'block' });

const phoneScreen = scenario('phone-screen');

/** Press a key and check that focus landed on something with a visible focus indicator. */
async function pressAndCheck(page: Page, key: string, where: string): Promise<Awaited<ReturnType<typeof focusIndicator>>> {
  await page.keyboard.press(key);
  const focus = await focusIndicator(page);
  expect(focus.tag, `${where}: after ${key}, focus is on an element, not lost to the page`).not.toBe('body');
  expect(focus.focusVisible, `${where}: after ${key}, <${focus.tag}> "${focus.name}" matches :focus-visible`).toBe(true);
  expect(focus.visible, `${where}: after ${key}, <${focus.tag}> "${focus.name}" draws an outline or shadow`).toBe(true);
  return focus;
}

/**
 * Press Tab (or Shift+Tab) until the focused element's text includes `text`, checking the focus indicator
 * at every stop. Past the last control the browser's own interface takes the focus (the page reports
 * <body>) before it comes back round; that is allowed once.
 */
async function tabTo(page: Page, text: string | RegExp, where: string, key = 'Tab', max = 60): Promise<void> {
  let wrapped = false;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const focus = await focusIndicator(page);
    if (focus.tag === 'body' && !wrapped) {
      wrapped = true;
      continue;
    }
    expect(focus.tag, `${where}: after ${key}, focus is on an element, not lost to the page`).not.toBe('body');
    expect(focus.focusVisible, `${where}: after ${key}, <${focus.tag}> "${focus.name}" matches :focus-visible`).toBe(true);
    expect(focus.visible, `${where}: after ${key}, <${focus.tag}> "${focus.name}" draws an outline or shadow`).toBe(true);
    if (typeof text === 'string' ? focus.name.includes(text) : text.test(focus.name)) return;
  }
  throw new Error(`${where}: "${text}" not reached within ${max} presses of ${key}`);
}

test('a complete run with the keyboard only, focus visible at every step', async ({ page }) => {
  test.setTimeout(60_000);
  const run = plan(phoneScreen, 'candidate', 'mutualFit')!;
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Other Side of the Desk' })).toBeFocused();

  await tabTo(page, phoneScreen.title, 'library');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: phoneScreen.title })).toBeFocused();

  // The mode is a radio group: Tab reaches the chosen one, the arrow keys move between them.
  await tabTo(page, 'Coach', 'scenario screen');
  await expect(page.getByRole('radio', { name: /^Coach/ })).toBeFocused();
  await pressAndCheck(page, 'ArrowDown', 'mode');
  await expect(page.getByRole('radio', { name: /^Realistic/ })).toBeChecked();
  await pressAndCheck(page, 'ArrowUp', 'mode');
  await expect(page.getByRole('radio', { name: /^Coach/ })).toBeChecked();
  await tabTo(page, 'Play as the candidate', 'scenario screen');
  await page.keyboard.press('Enter');
  await expect(stepLine(page)).toHaveText(/Coach mode · step 1$/);

  for (const [i, move] of run.moves.entries()) {
    const where = `step ${i + 1}`;
    if (move.kind === 'continue') {
      // After a step the Continue button already has the focus (checked below); at step 1 Tab reaches it.
      if (i === 0) await tabTo(page, 'Continue', where);
      await expect(page.getByRole('button', { name: 'Continue', exact: true })).toBeFocused();
      await page.keyboard.press('Enter');
    } else {
      const labels = await page
        .getByRole('region', { name: /, what do you do\?$/ })
        .getByRole('button')
        .allInnerTexts();
      const index = labels.findIndex((text) => text.includes(move.label));
      expect(index, `${where}: "${move.label}" is offered`).toBeGreaterThanOrEqual(0);
      if (i % 2 === 0 && index < 9) {
        await page.keyboard.press(String(index + 1)); // the number shown beside the choice
      } else {
        await tabTo(page, move.label, where);
        await page.keyboard.press('Enter');
      }
    }
    if (i === run.moves.length - 1) break;
    await expect(stepLine(page)).toHaveText(new RegExp(`step ${i + 2}$`));
    // The next thing to do takes the focus, with a visible ring: the Continue button where there is one
    // (Enter moves on), else the new scene, so the next Tab starts from it and reaches its choices.
    const next = run.moves[i + 1]!.kind === 'continue' ? page.getByRole('button', { name: 'Continue', exact: true }) : page.getByRole('article');
    await expect(next).toBeFocused();
    const focus = await focusIndicator(page);
    expect(
      focus.visible && focus.focusVisible,
      `${where}: the ${run.moves[i + 1]!.kind === 'continue' ? 'Continue button' : 'scene'} shows that it has the focus`,
    ).toBe(true);
  }

  await expect(outcomeHeading(page, 'mutualFit')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: phoneScreen.title })).toBeFocused();
  // Every stop on the debrief shows its focus, through to the share link and its copy button.
  await tabTo(page, 'Copy link', 'debrief');
  // And back to a rewind, which works from the keyboard too.
  await tabTo(page, /^Rewind to step \d+/, 'debrief, backwards', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /, what do you do\?$/ })).toBeVisible();
  await page.keyboard.press('1');
  await expect(stepLine(page)).toBeVisible();
});
