/**
 * Importing a scenario file in the browser: a broken file gets its problems in words with line and
 * column, and nothing is saved; a valid one is saved, listed under "Your scenarios" and plays to its
 * outcome. Security: a scenario whose every text is markup, script and `javascript:` strings renders as
 * inert text on every screen it reaches (no dialog, no request, no script, no element made from it),
 * under the strict CSP (the shared fixture fails the test on any CSP violation or console error).
 */
import type { Page } from '@playwright/test';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { fakeScenario } from '../support/fakes.ts';
import { expect, test } from './fixtures.ts';
import { checkScreen, movesOf, OUTCOME_INFO, outcomeHeading, playMoves } from './support.ts';

/** Each string would run script, load something, or navigate, if it were ever treated as HTML or a URL. */
const HOSTILE = {
  title: `<img src=x onerror="window.__pwned='title'">Hired?`,
  summary: `<script>window.__pwned='summary'</script><b>bold</b> summary`,
  setting: `<iframe src="javascript:window.__pwned='setting'"></iframe> setting`,
  employer: `<svg onload="window.__pwned='employer'"> Boss`,
  candidate: `"><img src=//example.org/c.png> Applicant`,
  text: `<form action="https://example.org/steal"><button>Send</button></form><a href="javascript:alert('text')">link</a>`,
  label: `javascript:alert('label')`,
  feedback: `<style>body{display:none}</style>{@html '<b>x</b>'} \${alert('feedback')}`,
  thoughts: `<object data="https://example.org/o"></object><link rel=stylesheet href=https://example.org/s.css>`,
  aside: `<meta http-equiv="refresh" content="0;url=https://example.org">`,
};

function hostileScenario() {
  const s = fakeScenario({
    id: 'hostile-markup',
    title: HOSTILE.title,
    summary: HOSTILE.summary,
    setting: HOSTILE.setting,
    objectives: [`<marquee>${HOSTILE.summary}</marquee>`],
    tags: ['<i>tag</i>'],
    facilitator: { questions: [HOSTILE.text] },
    cast: {
      employer: { name: HOSTILE.employer, role: `<u>role</u>` },
      candidate: { name: HOSTILE.candidate, role: HOSTILE.label },
    },
  }) as unknown as { machine: { states: Record<string, { meta: Record<string, unknown>; on?: Record<string, { meta: Record<string, string> }> }> } };
  let n = 0;
  for (const scene of Object.values(s.machine.states)) {
    scene.meta.text = [HOSTILE.text, HOSTILE.setting];
    scene.meta.asides = { employer: HOSTILE.aside, candidate: HOSTILE.aside.replace('0;', '1;') };
    for (const choice of Object.values(scene.on ?? {})) {
      n++;
      // Every label different (they are button names), every one hostile.
      choice.meta.label = n % 2 ? `${HOSTILE.label} ${n}` : `<img src=x onerror=alert(${n})> ${n}`;
      choice.meta.feedback = `${HOSTILE.feedback} ${n}`;
      choice.meta.thoughts = `${HOSTILE.thoughts} ${n}`;
    }
  }
  return s;
}

/** Fail on any dialog, and record every request that leaves the app's own origin. */
function guard(page: Page, base: string) {
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(base) || /\/x$/.test(url)) requests.push(url);
  });
  return { dialogs, requests };
}

/** Nothing on the page was made from the scenario's markup, and no script of it ran. */
async function expectInert(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
    elements: [
      ...document.querySelectorAll(
        'main img, main iframe, main script, main style, main object, main form, main marquee, main link, main meta, [onerror], [onload], a[href^="javascript:" i], iframe[src^="javascript:" i]',
      ),
    ].map((el) => el.outerHTML.slice(0, 80)),
    bodyShown: getComputedStyle(document.body).display !== 'none',
  }));
  expect(found, where).toEqual({ pwned: null, elements: [], bodyShown: true });
}

test('a broken file gets its problems in words, with line and column, and nothing is saved; the format guide in the app', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a scenario' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import a scenario' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Import a scenario' })).toHaveCount(1);
  await checkScreen(page, 'import');
  // The format guide opens in the app, and comes back.
  await page.getByRole('link', { name: 'the authoring guide' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Writing scenarios' })).toBeFocused();
  await page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'Importing a scenario in the app' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Importing a scenario in the app' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Importing a scenario in the app' })).toBeInViewport();
  await checkScreen(page, 'guide');
  await page.getByRole('link', { name: '← Contents' }).click();
  await page.getByRole('link', { name: '← Import a scenario' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import a scenario' })).toBeVisible();
  await page.getByLabel("Or paste the file's text").fill('{ "old": "pasted text" }');
  const text = JSON.stringify(fakeScenario({ id: 'broken-call' }), null, 2).replace('"minutes": 3', '"minutes": 3,,');
  await page
    .getByLabel('Choose a scenario file, or drop one here')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByRole('heading', { name: /^The file “broken\.json” cannot be imported: \d+ problems?\.$/ })).toBeVisible();
  await expect(page.getByLabel("Or paste the file's text"), 'the file replaced the old pasted text').toHaveValue(text);
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText(/\(line \d+, column \d+\)/);
  await expect(page.getByText('Nothing was saved. Fix the file and import it again.')).toBeVisible();
  await checkScreen(page, 'import-problems');
  await page.getByRole('link', { name: '← Library' }).click();
  await expect(page.getByText('No scenarios of your own yet.')).toBeVisible();
});

test('an imported scenario full of markup and javascript: strings renders inert on every screen, and plays to its outcome', async ({ page, baseURL }) => {
  test.setTimeout(60_000);
  const { dialogs, requests } = guard(page, baseURL!);
  const input = hostileScenario();
  const valid = validateScenario(input);
  expect(valid.ok, 'the hostile scenario is a valid file').toBe(true);
  const scenario = (valid as Extract<typeof valid, { ok: true }>).scenario;
  const path = analyseScenario(scenario).seats.find((s) => s.seat === 'candidate')!.outcomes.mutualFit.shortestPath!;

  await page.goto('/#/import');
  await page
    .getByLabel('Choose a scenario file, or drop one here')
    .setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(input, null, 2)) });
  await expect(page.getByRole('heading', { name: /^The file “hostile\.json” is valid/ })).toBeVisible();
  await expect(page.getByText(HOSTILE.title, { exact: true })).toBeVisible();
  await expectInert(page, 'import check');
  await page.getByRole('button', { name: 'Show the map' }).click();
  await expectInert(page, 'import map');
  await page.getByRole('button', { name: /^Save/ }).first().click();
  await expect(page.getByRole('heading', { name: `Saved “${HOSTILE.title}” to your scenarios.` })).toBeVisible();

  await page.getByRole('link', { name: '← Library' }).click();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: HOSTILE.title, exact: true }) });
  await expect(card).toBeVisible();
  await expect(card).toContainText(HOSTILE.summary);
  await expectInert(page, 'library');
  await checkScreen(page, 'library-custom', []);

  await card.getByRole('button', { name: 'Map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Map: ${HOSTILE.title}` })).toBeVisible();
  await expectInert(page, 'map');
  await checkScreen(page, 'map-imported', []);
  await page.goBack();

  await page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: HOSTILE.title, exact: true }) })
    .getByRole('button', { name: 'Play as the candidate' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: HOSTILE.title })).toBeVisible();
  await expect(page.getByText(HOSTILE.setting, { exact: true }).first()).toBeVisible();
  await expectInert(page, 'play');
  await playMoves(page, movesOf(scenario, path));
  await expect(outcomeHeading(page, 'mutualFit')).toBeVisible();
  await expect(page.getByText(`${HOSTILE.thoughts}`, { exact: false }).first()).toBeVisible();
  await expectInert(page, 'debrief');
  await checkScreen(page, 'debrief-imported', []);

  expect(dialogs, 'dialogs opened').toEqual([]);
  expect(requests, 'requests beyond the app').toEqual([]);
  expect(await page.title()).toBe(`${OUTCOME_INFO.mutualFit.title} · ${HOSTILE.title}`);
});
