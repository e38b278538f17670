/**
 * The room in a real browser: the room server (started here, serving the same build) takes a phone's vote,
 * and the facilitator's screen shows it. The phone page passes axe at a phone's width.
 */
import { startRoomServer } from '../../server/server.ts';
import { axeViolations, expect, test, watch } from './fixtures.ts';
import { scenario, SCREENSHOT_DIR } from './support.ts';

const phoneScreen = scenario('phone-screen');

test('a phone joins through the printed address and votes; the screen’s tally follows', async ({ page, browser, problems }) => {
  test.setTimeout(90_000);
  const server = await startRoomServer({ host: '127.0.0.1', dist: process.env.OSOTD_APP_BUILD ?? process.env.E2E_OUT ?? 'dist' });
  try {
    await page.goto(`${server.url}/#/facilitate/${phoneScreen.id}`);
    await page.getByRole('button', { name: 'Start a new session' }).click();
    await page.getByRole('button', { name: 'Present from this window' }).click();
    await page.getByRole('button', { name: 'Open the room to phones' }).click();
    await expect(page.getByText('Phones can join and vote.')).toBeVisible();
    // The screen shows the join code in the briefing, as the terminal printed it.
    const screen = page.getByRole('region', { name: 'The screen' });
    await expect(screen.getByRole('img', { name: /^QR code to join the room/ })).toBeVisible();
    await expect(screen.getByText(`${server.code.slice(0, 4)} ${server.code.slice(4)}`)).toBeVisible();

    await page.getByRole('button', { name: 'Start the session' }).click();
    const openVote = page.getByRole('button', { name: 'Open the vote' });
    for (let guard = 0; guard < 10 && !(await openVote.isVisible()); guard++) await page.getByRole('button', { name: 'Next scene' }).click();
    await openVote.click();

    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await watch(phoneContext, problems);
    const phone = await phoneContext.newPage();
    await phone.goto(`${server.url}/#/join/${server.code}`);
    await phone.getByLabel('Your name in this room').fill('Sam');
    await phone.getByRole('button', { name: 'Join' }).click();
    const options = phone.getByRole('group', { name: 'Your vote' }).getByRole('button');
    await expect(options.first()).toBeEnabled();
    const second = options.nth(1);
    await second.click();
    await expect(phone.getByText(/Vote received: B/)).toBeVisible();
    await expect(second).toHaveAttribute('aria-pressed', 'true');

    await expect(screen.getByText('1 of 1 voted.', { exact: false })).toBeVisible();
    await expect(screen.getByRole('figure', { name: 'Votes so far: 1 vote' })).toBeVisible();
    await phone.screenshot({ path: `${SCREENSHOT_DIR}/room-phone-390.png`, fullPage: true });
    expect(await axeViolations(phone)).toEqual([]);

    await page.getByRole('button', { name: 'Close the vote' }).click();
    await expect(phone.getByText('The vote is closed. Watch the screen.')).toBeVisible();
    await expect(screen.getByRole('figure', { name: 'The vote: 1 vote' })).toBeVisible();
    await phoneContext.close();
  } finally {
    await server.close();
  }
});
