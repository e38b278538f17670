/**
 * The presenter made for projectors: at 1280×720, 1366×768, 1920×1080 and 3840×2160, every option of
 * every decision, the vote tally and the scene stay on the screen without scrolling, for two whole
 * sessions; the clock shows only while the vote is open; the debrief's picture fills the screen. And the
 * session report prints without breaking a table word across lines.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { scenario } from './support.ts';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
] as const;

/** Boxes of the elements that are not wholly inside the viewport, and whether the page scrolls. */
async function outside(page: Page, targets: Locator): Promise<{ out: string[]; scrolls: boolean }> {
  const boxes = await targets.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { text: (el.textContent ?? '').trim().slice(0, 40), top: r.top, left: r.left, bottom: r.bottom, right: r.right };
    }),
  );
  const { w, h, scrolls } = await page.evaluate(() => {
    const presenter = document.querySelector('.presenter');
    return {
      w: innerWidth,
      h: innerHeight,
      scrolls: document.documentElement.scrollHeight > innerHeight + 1 || (presenter ? presenter.scrollHeight > presenter.clientHeight + 1 : false),
    };
  });
  return {
    out: boxes
      .filter((b) => b.top < 0 || b.left < 0 || b.bottom > h + 0.5 || b.right > w + 0.5)
      .map((b) => `${b.text} [${Math.round(b.top)}–${Math.round(b.bottom)} of ${h}]`),
    scrolls,
  };
}

/**
 * The smallest and the largest of the sizes. They are all 16:9 and the presenter's type follows the
 * screen, so what fits at both ends fits between them; each decision's first screen is checked at all four.
 */
const ENDS = [SIZES[0], SIZES[3]];

/** At every size given: everything `targets` finds lies inside the viewport, and nothing scrolls. */
async function fitsEverySize(
  presenter: Page,
  targets: () => Locator,
  what: string,
  sizes: readonly { width: number; height: number }[] = SIZES,
): Promise<void> {
  for (const size of sizes) {
    await presenter.setViewportSize(size);
    await expect(targets().first()).toBeVisible();
    // The presenter fits its type to the screen on the next frame: wait for the layout to settle.
    await expect
      .poll(async () => outside(presenter, targets()), { message: `${what} at ${size.width}×${size.height}`, timeout: 5_000 })
      .toEqual({ out: [], scrolls: false });
  }
}

async function startSession(page: Page, id: string): Promise<Page> {
  await page.goto(`/#/facilitate/${id}`);
  await page.getByRole('button', { name: 'Start a new session' }).click();
  const [presenter] = await Promise.all([
    page.context().waitForEvent('page'),
    page
      .getByRole('button', { name: 'Open the presenter window' })
      .or(page.getByRole('link', { name: 'Open the presenter window' }))
      .click(),
  ]);
  await expect(presenter.getByText('Starting soon.')).toBeVisible();
  await page.bringToFront();
  await page.getByRole('button', { name: 'Start the session' }).click();
  return presenter;
}

for (const id of ['phone-screen', 'saying-no']) {
  test(`the presenter fits every decision of “${scenario(id).title}” on the screen, at four sizes`, async ({ page }) => {
    test.setTimeout(240_000);
    const presenter = await startSession(page, id);
    const options = () => presenter.getByRole('list', { name: 'Options' }).getByRole('listitem');
    const scene = () => presenter.getByRole('article');
    const tally = () => presenter.getByRole('figure', { name: /^The vote:/ }).getByRole('listitem');
    let decisions = 0;
    for (let guard = 0; guard < 60; guard++) {
      const openVote = page.getByRole('button', { name: 'Open the vote' });
      const next = page.getByRole('button', { name: 'Next scene' });
      const reveal = page.getByRole('button', { name: 'Reveal the debrief' });
      await expect(openVote.or(next).or(reveal)).toBeVisible();
      if (await reveal.isVisible()) break;
      if (await openVote.isVisible()) {
        decisions++;
        await fitsEverySize(presenter, () => options().or(scene()), `decision ${decisions}: the scene and every option`);
        await openVote.click();
        await expect(presenter.getByRole('timer', { name: 'Time left' })).toBeVisible();
        await fitsEverySize(presenter, () => options().or(presenter.getByRole('timer')), `decision ${decisions}: the open vote`, ENDS);
        await page
          .getByRole('button', { name: /^One more vote for / })
          .first()
          .click();
        await page.getByRole('button', { name: 'Close the vote' }).click();
        await expect(presenter.getByText(/^The room chose:/)).toBeVisible();
        // The clock leaves the screen with the vote.
        await expect(presenter.getByRole('timer')).toHaveCount(0);
        await page.getByRole('button', { name: 'Reveal what it did' }).click();
        await expect(presenter.getByRole('region', { name: 'What it did' })).toBeVisible();
        await expect(presenter.getByRole('timer')).toHaveCount(0);
        await fitsEverySize(
          presenter,
          () =>
            tally()
              .or(scene())
              .or(presenter.getByRole('region', { name: 'What it did' })),
          `decision ${decisions}: the tally and the reveal`,
          ENDS,
        );
      }
      await next.click();
    }
    expect(decisions).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'Reveal the debrief' }).click();
    const picture = () =>
      presenter.getByRole('img', { name: 'Where the room’s interview ended' }).or(presenter.getByRole('img', { name: "Where the room's interview ended" }));
    await fitsEverySize(presenter, () => picture().or(presenter.getByRole('heading', { name: 'How the employer sees the candidate' })), 'the debrief');
    // The picture fills the screen: over 30% of its height on a 1920×1080 screen (it shrinks with the rest when a scene is long).
    await presenter.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(async () => (await picture().boundingBox())?.height ?? 0).toBeGreaterThan(1080 * 0.3);
  });
}

test.describe('the session report', () => {
  // A room in Berlin: the report tells its times in Berlin time, and says so.
  test.use({ timezoneId: 'Europe/Berlin' });

  test('the session report prints without breaking a table word across lines', async ({ page }) => {
    test.setTimeout(120_000);
    await startSession(page, 'phone-screen');
    // The first decision chosen without a vote, the others voted on, to the end; then the report is on the control view.
    let decisions = 0;
    for (let guard = 0; guard < 60; guard++) {
      const openVote = page.getByRole('button', { name: 'Open the vote' });
      const reveal = page.getByRole('button', { name: 'Reveal the debrief' });
      await expect(openVote.or(page.getByRole('button', { name: 'Next scene' })).or(reveal)).toBeVisible();
      if (await reveal.isVisible()) break;
      if (await openVote.isVisible()) {
        if (decisions === 0) {
          await page.getByText('Choose without a vote').click();
          await page.getByLabel('Option', { exact: true }).selectOption({ index: 1 });
          await page.getByRole('button', { name: 'Choose this option' }).click();
        } else {
          await openVote.click();
          await page
            .getByRole('button', { name: /^One more vote for / })
            .first()
            .click();
          await page.getByRole('button', { name: 'Close the vote' }).click();
        }
        await page.getByRole('button', { name: 'Reveal what it did' }).click();
        decisions++;
      }
      await page.getByRole('button', { name: 'Next scene' }).click();
    }
    await page.getByRole('button', { name: 'Reveal the debrief' }).click();
    const report = page.getByRole('region', { name: 'Session report' });
    await expect(report).toContainText(`${decisions}, of which 0 overridden`);
    await expect(report.getByRole('cell', { name: /without a vote/ }).first()).toBeVisible();
    // The started time is local, with its zone named, not an ISO string.
    await expect(report.getByRole('definition').nth(3)).toHaveText(/^\d{1,2} \w{3} \d{4}, \d\d:\d\d (CES?T|GMT\+[12]) \(Europe\/Berlin\)$/);

    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.byteLength).toBeGreaterThan(1000);
    await page.emulateMedia({ media: 'print' });
    // Print is landscape A4 (297 mm less 24 mm of margins), so the table is laid out at that width.
    await page.setViewportSize({ width: Math.round((273 / 25.4) * 96), height: 800 });
    const broken = await report.locator('td, th').evaluateAll((cells) => {
      const split: string[] = [];
      for (const cell of cells) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          // A line may break after a hyphen or a slash ("mm-/hm"), never inside the letters of a word.
          for (const match of text.matchAll(/[^\s\-‐–—/]+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) split.push(match[0]);
          }
        }
      }
      return split;
    });
    expect(broken).toEqual([]);
    await expect(report.getByRole('columnheader', { name: 'Decided by' })).toBeVisible();
  });
});
