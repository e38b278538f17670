/**
 * Browser figures from the preview build in Chromium:
 * - what the first load really downloads before the library is ready (every script and stylesheet);
 * - choice-to-next-scene latency: 4× CPU slowdown through the DevTools protocol, scenarios played from the
 *   start as often as needed until 200 choices are made (a seeded random pick at each decision, the
 *   Continue buttons in between). Each figure is the time from the click event to the next frame painted
 *   after it: the event handler, Svelte's update, style, layout and paint.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { OUTCOME_INFO, OUTCOMES } from '../../lib/engine/ledger.ts';
import { mulberry32 } from '../../lib/engine/analyse.ts';
import { scenarioFiles } from '../library.ts';
import { kB } from '../../build/budget.ts';
import { CHROMIUM_FLAGS, requireChromium } from './browser.ts';
import { median, percentile, table } from './format.ts';

export const CPU_SLOWDOWN = 4;
export const CHOICES = 200;

/** Buttons that move a run on where nobody decides (or hand the device over). */
export const GO_ON = /^(continue|next|i am .+: show my turn)/i;

export interface LatencyFigures {
  choices: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  continues: { count: number; medianMs: number; p95Ms: number };
  runs: number;
}

export interface BrowserLoadFigures {
  files: { url: string; type: string; raw: number; gzip: number }[];
  raw: number;
  gzip: number;
  readyMs: number;
}

/** Built-in scenarios and the seats a person can take in them, from scenarios/. */
export function playable(dir = 'scenarios'): { id: string; seat: string }[] {
  return scenarioFiles(dir).flatMap((file) => {
    const scenario = JSON.parse(readFileSync(file, 'utf8')) as { id: string; seats: string[] };
    return scenario.seats.map((seat) => ({ id: scenario.id, seat }));
  });
}

export type PageState = { kind: 'choices'; count: number } | { kind: 'goOn' } | { kind: 'ended' } | { kind: 'waiting' };

/**
 * Page-side helpers, installed before the app runs. Kept as source text: functions compiled by tsx carry
 * helpers that do not exist in the page. `__bench.clicks` records, for each trusted click on a button, the
 * time from the click event to the next frame painted after it; `__bench.state()` tells what the page offers.
 */
export const PAGE_HELPERS = `
window.__bench = {
  clicks: [],
  usable: (el) => el.offsetParent !== null && !el.disabled && !el.closest('[aria-busy="true"]'),
  buttons(kind, goOn) {
    if (kind === 'choices') return [...document.querySelectorAll('button[aria-keyshortcuts]')].filter(window.__bench.usable);
    const pattern = new RegExp(goOn, 'i');
    return [...document.querySelectorAll('button')].filter((b) => window.__bench.usable(b) && pattern.test(b.textContent.trim()));
  },
  state(goOn, titles) {
    const choices = window.__bench.buttons('choices');
    if (choices.length) return { kind: 'choices', count: choices.length };
    const headings = [...document.querySelectorAll('h1, h2, h3')].map((h) => h.textContent.trim());
    if (headings.some((h) => titles.some((t) => h.includes(t)))) return { kind: 'ended' };
    if (window.__bench.buttons('goOn', goOn).length) return { kind: 'goOn' };
    return { kind: 'waiting' };
  },
  // Where a person would tap, once the page is ready for them: the button is scrolled to only when it is not
  // in full view, and the tap waits until the page is idle (that scroll painted, the last step's deferred work
  // done), as nobody chooses within milliseconds of a new scene. Otherwise a scroll's frame or work the page
  // put off until after its frame lands in the next click's time. The same on every page measured.
  async aim(kind, index, goOn) {
    const button = window.__bench.buttons(kind, goOn)[index];
    if (!button) return null;
    const before = button.getBoundingClientRect();
    if (before.top < 0 || before.bottom > innerHeight) button.scrollIntoView({ block: 'center' });
    await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }));
    const r = button.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    return { x, y, hits: !!hit && hit.closest('button') === button };
  },
};
window.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button') : null;
  if (!button || !event.isTrusted) return;
  const kind = button.hasAttribute('aria-keyshortcuts') ? 'choice' : 'other';
  const start = event.timeStamp;
  requestAnimationFrame(() =>
    setTimeout(() => {
      const click = { kind, ms: performance.now() - start };
      window.__bench.clicks.push(click);
      // Also the first painted frame at which the page offers something again (a button, an outcome), when
      // the page set what to look for (window.__benchSettle = [goOn, titles]): a screen still loading is not an answer.
      const settle = window.__benchSettle;
      const check = () => {
        if (window.__bench.state(settle[0], settle[1]).kind !== 'waiting') click.settledMs = performance.now() - start;
        else requestAnimationFrame(() => setTimeout(check, 0));
      };
      if (settle) check();
    }, 0),
  );
}, true);
`;

export const OUTCOME_TITLES = OUTCOMES.map((o) => OUTCOME_INFO[o].title);

async function pageState(page: Page): Promise<PageState> {
  return page.evaluate(`window.__bench.state(${JSON.stringify(GO_ON.source)}, ${JSON.stringify(OUTCOME_TITLES)})`);
}

async function settledState(page: Page): Promise<PageState> {
  const until = Date.now() + 10_000;
  for (;;) {
    const state = await pageState(page);
    if (state.kind !== 'waiting') return state;
    if (Date.now() > until) throw new Error(`the page shows neither choices, a Continue button nor an outcome at ${page.url()}`);
    await page.waitForTimeout(25);
  }
}

/**
 * A real (trusted) mouse click on a button, straight through the DevTools protocol: Playwright's
 * locator.click() waits for several frames first, which under a 4× slowdown makes the bench crawl.
 */
export async function clickButton(page: Page, kind: 'choices' | 'goOn', index: number): Promise<void> {
  const aim = (await page.evaluate(`window.__bench.aim(${JSON.stringify(kind)}, ${index}, ${JSON.stringify(GO_ON.source)})`)) as {
    x: number;
    y: number;
    hits: boolean;
  } | null;
  if (!aim) throw new Error(`the ${kind === 'choices' ? 'choice' : 'Continue'} button went away`);
  if (aim.hits) await page.mouse.click(aim.x, aim.y);
  else if (kind === 'choices') await page.locator('button[aria-keyshortcuts]').nth(index).click();
  else await page.getByRole('button', { name: GO_ON }).first().click();
}

export interface ClickFigure {
  kind: string;
  /** From the click event to the next frame painted after it. */
  ms: number;
  /** From the click event to the first painted frame that offers a button or an outcome (once known; see `__benchSettle`). */
  settledMs?: number;
}

export async function clicksRecorded(page: Page): Promise<ClickFigure[]> {
  return page.evaluate('window.__bench.clicks');
}

/**
 * The click timed after the first `before` ones, once it is recorded. Polled, not `page.waitForFunction`:
 * the app's Content Security Policy forbids evaluating strings in the page.
 */
export async function nextClick(page: Page, before: number): Promise<ClickFigure> {
  let clicks = await clicksRecorded(page);
  const until = Date.now() + 30_000;
  while (clicks.length <= before) {
    if (Date.now() > until) throw new Error(`a click at ${page.url()} was not followed by a frame within 30 s`);
    await page.waitForTimeout(10);
    clicks = await clicksRecorded(page);
  }
  return clicks.at(-1)!;
}

export async function benchLatency(baseUrl: string, choices = CHOICES): Promise<LatencyFigures> {
  const games = playable();
  if (!games.length) throw new Error('no built-in scenarios to play');
  const browser: Browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_FLAGS });
  try {
    // A phone-sized window; no service worker, so its precaching does not compete for the slowed CPU.
    const context = await browser.newContext({ viewport: { width: 412, height: 915 }, serviceWorkers: 'block' });
    await context.addInitScript({ content: PAGE_HELPERS });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const pick = mulberry32(8); // seeded, so runs take the same paths each time
    let made = 0;
    let runs = 0;
    const choiceTimes: number[] = [];
    const otherTimes: number[] = [];
    while (made < choices) {
      const game = games[runs % games.length]!;
      runs++;
      // A fresh start each time (no saved run to resume), at full speed: only the playing is measured.
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await page.goto(baseUrl);
      await page.evaluate('localStorage.clear()');
      await page.goto(`${baseUrl}#/play/${game.id}/${game.seat}`);
      await page.reload();
      await settledState(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      let steps = 0;
      for (;;) {
        const state = await settledState(page);
        if (state.kind === 'ended' || made >= choices) break;
        if (++steps > 500) throw new Error(`a run of ${game.id} as the ${game.seat} did not end after 500 steps`);
        const before = (await clicksRecorded(page)).length;
        const kind = state.kind === 'choices' ? 'choices' : 'goOn';
        const index = state.kind === 'choices' ? Math.floor(pick() * state.count) : 0;
        await clickButton(page, kind, index);
        if (kind === 'choices') made++;
        const last = await nextClick(page, before);
        (last.kind === 'choice' ? choiceTimes : otherTimes).push(last.ms);
      }
    }
    const figures: LatencyFigures = {
      choices: choiceTimes.length,
      medianMs: median(choiceTimes),
      p95Ms: percentile(choiceTimes, 95),
      maxMs: Math.max(...choiceTimes),
      continues: { count: otherTimes.length, medianMs: median(otherTimes), p95Ms: percentile(otherTimes, 95) },
      runs,
    };
    console.log(`  ${figures.choices} choices over ${runs} runs (${games.length} scenario seats in turn), CPU slowed ${CPU_SLOWDOWN}×, click to next paint:`);
    console.log(
      table([
        ['', 'count', 'median', 'p95', 'max'],
        ['choices', figures.choices, `${figures.medianMs.toFixed(1)} ms`, `${figures.p95Ms.toFixed(1)} ms`, `${figures.maxMs.toFixed(1)} ms`],
        ['Continue / hand-over', otherTimes.length, `${figures.continues.medianMs.toFixed(1)} ms`, `${figures.continues.p95Ms.toFixed(1)} ms`, ''],
      ]),
    );
    return figures;
  } finally {
    await browser.close();
  }
}

/** What the browser downloads (scripts and styles) until the library's buttons are there and the network is idle. */
export async function benchBrowserLoad(baseUrl: string): Promise<BrowserLoadFigures> {
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const responses: Promise<BrowserLoadFigures['files'][number] | null>[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      responses.push(
        response
          .body()
          .then((body) => ({ url: new URL(response.url()).pathname, type, raw: body.length, gzip: gzipSync(body, { level: 9 }).length }))
          .catch(() => null),
      );
    });
    const started = Date.now();
    await page.goto(baseUrl);
    await page.getByRole('button').first().waitFor();
    const readyMs = Date.now() - started;
    await page.waitForLoadState('networkidle');
    const files = (await Promise.all(responses)).filter((f) => f !== null);
    const raw = files.reduce((sum, f) => sum + f.raw, 0);
    const gzip = files.reduce((sum, f) => sum + f.gzip, 0);
    console.log(`  In Chromium, until the library's first button is ready and the network is idle (no CPU slowdown):`);
    console.log(table([['file', 'raw', 'gzip'], ...files.map((f) => [f.url, kB(f.raw), kB(f.gzip)]), ['total', kB(raw), kB(gzip)]], '    '));
    console.log(`    first button ready after ${readyMs} ms`);
    return { files, raw, gzip, readyMs };
  } finally {
    await browser.close();
  }
}
