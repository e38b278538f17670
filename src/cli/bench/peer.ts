/**
 * The app beside its peer, a minimal inkjs page (`ink-peer.ts`), in the same Chromium with the CPU slowed
 * 4×, played interleaved (one run of the app, one in realistic mode, one run of the ink story, and so on), so
 * that all see the same machine load:
 * - choice → next frame (median, p95): from the click event to the next frame painted after it, in coach mode
 *   (the default, with the coach's notes and both ledgers on screen) and in realistic mode (neither);
 * - the click that ends a run (median), until the first frame that shows the ending: the app's outcome, the
 *   ink page's last paragraph (a frame that says the debrief is loading does not count);
 * - the bytes needed before the first choice can be made, gzip: everything the browser downloads from a
 *   cold start (no cache, no service worker) until the first button of the run is there.
 * Prints a side-by-side table with the ratios (app ÷ ink). Figures, never assertions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { mulberry32 } from '../../lib/engine/analyse.ts';
import { kB } from '../../build/budget.ts';
import { RECORD_VERSIONS, settingsKind, type Settings } from '../../lib/persistence/records.ts';
import { CHROMIUM_FLAGS, requireChromium } from './browser.ts';
import { median, percentile, table } from './format.ts';
import { buildInkPage, INK_END_TITLE } from './ink-peer.ts';
import { clickButton, clicksRecorded, CPU_SLOWDOWN, nextClick, GO_ON, OUTCOME_TITLES, PAGE_HELPERS, playable, type PageState } from './latency.ts';
import { serve } from './server.ts';

/** Choices made on each page (the issue's measurement made 150). */
export const PEER_CHOICES = 150;

export interface SideFigures {
  choices: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  /** The click that ends a run (median over the runs). */
  endingMs: number;
  endings: number;
  /** Bytes before the first choice can be made. */
  playBytes: { raw: number; gzip: number; files: { url: string; raw: number; gzip: number }[] };
}

export interface PeerFigures {
  cpuSlowdown: number;
  /** The app's figures; its `playBytes` are in coach mode, the default. */
  app: SideFigures;
  /** The app's bytes before the first choice in realistic mode, gzip. */
  realisticPlayBytes: number;
  /** The app's choice latency in realistic mode (no coach box, no ledgers on screen), played interleaved with the others. */
  realistic: Pick<SideFigures, 'choices' | 'runs' | 'medianMs' | 'p95Ms'>;
  ink: SideFigures;
  ratios: { median: number; p95: number; ending: number; playBytes: number };
}

interface Subject {
  name: string;
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  titles: string[];
  /** The address of a fresh run (the `run`th). */
  address(run: number): string;
  choiceTimes: number[];
  endingTimes: number[];
  made: number;
  runs: number;
}

async function state(subject: Subject): Promise<PageState> {
  return subject.page.evaluate(`window.__bench.state(${JSON.stringify(GO_ON.source)}, ${JSON.stringify(subject.titles)})`);
}

async function settled(subject: Subject): Promise<PageState> {
  const until = Date.now() + 15_000;
  for (;;) {
    const now = await state(subject);
    if (now.kind !== 'waiting') return now;
    if (Date.now() > until) throw new Error(`${subject.name}: the page shows neither choices, a Continue button nor an ending at ${subject.page.url()}`);
    await subject.page.waitForTimeout(20);
  }
}

/** The time from the click after the first `before` ones to the first frame that offered something again. */
async function settledTime(page: Page, before: number): Promise<number> {
  for (const until = Date.now() + 30_000; Date.now() < until; await page.waitForTimeout(10)) {
    const ms = (await clicksRecorded(page))[before]?.settledMs;
    if (ms !== undefined) return ms;
  }
  throw new Error(`a click at ${page.url()} was not followed by an answer within 30 s`);
}

/** One run from a fresh start, every click timed; choices count towards `limit`. */
async function playRun(subject: Subject, pick: () => number, limit: number): Promise<void> {
  const { page, cdp } = subject;
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.goto('about:blank');
  await page.goto(subject.address(subject.runs));
  subject.runs++;
  await settled(subject);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  for (let steps = 0; ; steps++) {
    const now = await settled(subject);
    if (now.kind === 'ended' || subject.made >= limit) break;
    if (steps > 500) throw new Error(`${subject.name}: a run did not end after 500 steps`);
    const before = (await clicksRecorded(page)).length;
    const kind = now.kind === 'choices' ? 'choices' : 'goOn';
    await clickButton(page, kind, kind === 'choices' ? Math.floor(pick() * (now as { count: number }).count) : 0);
    const last = await nextClick(page, before);
    // The run's end counts until its outcome is painted, not a frame that says it is loading.
    if ((await settled(subject)).kind === 'ended') subject.endingTimes.push(await settledTime(page, before));
    else if (last.kind === 'choice') subject.choiceTimes.push(last.ms);
    if (last.kind === 'choice') subject.made++;
  }
}

/**
 * Everything downloaded from a cold start until the run's first button can be used: each request the
 * page started before the frame in which that button was first usable (found frame by frame in the page,
 * so a request started just after, such as the commentary in realistic mode, is not counted).
 */
async function playBytes(
  browser: Browser,
  subject: Pick<Subject, 'name' | 'titles'>,
  address: string,
  storage: Record<string, unknown> = {},
): Promise<SideFigures['playBytes']> {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, serviceWorkers: 'block' });
  try {
    await context.addInitScript({ content: PAGE_HELPERS });
    await context.addInitScript((entries) => {
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, JSON.stringify(value));
    }, storage);
    await context.addInitScript(
      ([goOn, titles]) => {
        const bench = (window as unknown as { __bench: { state(goOn: string, titles: string[]): { kind: string } }; __usableAt?: number }).__bench;
        const watch = () => {
          if (bench.state(goOn, titles).kind !== 'waiting') (window as unknown as { __usableAt: number }).__usableAt = performance.now();
          else requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      },
      [GO_ON.source, subject.titles] as const,
    );
    const page = await context.newPage();
    const files: Promise<{ url: string; raw: number; gzip: number } | null>[] = [];
    let ready = false;
    page.on('response', (response) => {
      if (ready) return;
      files.push(
        response
          .body()
          .then((body) => ({ url: new URL(response.url()).pathname, raw: body.length, gzip: gzipSync(body, { level: 9 }).length }))
          .catch(() => null),
      );
    });
    await page.goto(address);
    await settled({ ...subject, page } as Subject);
    ready = true;
    const before = new Set(
      await page.evaluate(() => {
        const at = (window as unknown as { __usableAt?: number }).__usableAt ?? Infinity;
        return [
          location.pathname,
          ...performance
            .getEntriesByType('resource')
            .filter((e) => e.startTime < at)
            .map((e) => new URL(e.name).pathname),
        ];
      }),
    );
    const got = (await Promise.all(files)).filter((f) => f !== null && before.has(f.url)) as { url: string; raw: number; gzip: number }[];
    return { files: got, raw: got.reduce((s, f) => s + f.raw, 0), gzip: got.reduce((s, f) => s + f.gzip, 0) };
  } finally {
    await context.close();
  }
}

/** Saved settings that make the app play in realistic mode. */
const REALISTIC: Record<string, unknown> = {
  [settingsKind.prefix]: { version: RECORD_VERSIONS.settings, mode: 'realistic' } satisfies Settings,
};

async function subjectIn(
  browser: Browser,
  name: string,
  titles: string[],
  address: Subject['address'],
  storage: Record<string, unknown> = {},
): Promise<Subject> {
  // A phone-sized window; no service worker, so its precaching does not compete for the slowed CPU.
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, serviceWorkers: 'block' });
  await context.addInitScript({ content: PAGE_HELPERS });
  await context.addInitScript((entries) => {
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, JSON.stringify(value));
  }, storage);
  await context.addInitScript((settle) => ((window as unknown as { __benchSettle: unknown }).__benchSettle = settle), [GO_ON.source, titles]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  return { name, context, page, cdp, titles, address, choiceTimes: [], endingTimes: [], made: 0, runs: 0 };
}

function side(subject: Subject, bytes: SideFigures['playBytes']): SideFigures {
  return {
    choices: subject.choiceTimes.length,
    runs: subject.runs,
    medianMs: median(subject.choiceTimes),
    p95Ms: percentile(subject.choiceTimes, 95),
    endingMs: median(subject.endingTimes),
    endings: subject.endingTimes.length,
    playBytes: bytes,
  };
}

export async function benchPeer(appUrl: string, choices = PEER_CHOICES): Promise<PeerFigures> {
  const games = playable();
  if (!games.length) throw new Error('no built-in scenarios to play');
  const inkDir = mkdtempSync(join(tmpdir(), 'osotd-ink-'));
  const { knots } = buildInkPage(inkDir);
  const inkServer = await serve(inkDir);
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_FLAGS });
  try {
    // A fresh run each time: the app starts a new run at `#/play/<id>/<seat>` when none is unfinished, and
    // each context keeps its own storage, so the run it left finished is never resumed.
    const gameAt = (run: number) => {
      const game = games[run % games.length]!;
      return `${appUrl}#/play/${game.id}/${game.seat}`;
    };
    const app = await subjectIn(browser, 'app', OUTCOME_TITLES, gameAt);
    // The same runs in realistic mode (its storage holds the setting), which shows neither the coach nor the ledgers.
    const realisticApp = await subjectIn(browser, 'app (realistic)', OUTCOME_TITLES, gameAt, REALISTIC);
    const ink = await subjectIn(browser, 'ink', [INK_END_TITLE], () => inkServer.url);
    const pick = mulberry32(8);
    const realisticPick = mulberry32(8);
    const inkPick = mulberry32(9);
    while (app.made < choices || realisticApp.made < choices || ink.made < choices) {
      if (app.made < choices) await playRun(app, pick, choices);
      if (realisticApp.made < choices) await playRun(realisticApp, realisticPick, choices);
      if (ink.made < choices) await playRun(ink, inkPick, choices);
    }
    await app.context.close();
    await realisticApp.context.close();
    await ink.context.close();
    const first = games[0]!;
    const firstRun = `${appUrl}#/play/${first.id}/${first.seat}`;
    const appBytes = await playBytes(browser, { name: 'app', titles: OUTCOME_TITLES }, firstRun);
    // Realistic mode explains nothing until the debrief, so its first choice does not wait for the commentary.
    const realistic = await playBytes(browser, { name: 'app', titles: OUTCOME_TITLES }, firstRun, REALISTIC);
    const inkBytes = await playBytes(browser, { name: 'ink', titles: [INK_END_TITLE] }, inkServer.url);
    const figures: PeerFigures = {
      cpuSlowdown: CPU_SLOWDOWN,
      app: side(app, appBytes),
      realisticPlayBytes: realistic.gzip,
      realistic: {
        choices: realisticApp.choiceTimes.length,
        runs: realisticApp.runs,
        medianMs: median(realisticApp.choiceTimes),
        p95Ms: percentile(realisticApp.choiceTimes, 95),
      },
      ink: side(ink, inkBytes),
      ratios: { median: 0, p95: 0, ending: 0, playBytes: 0 },
    };
    figures.ratios = {
      median: figures.app.medianMs / figures.ink.medianMs,
      p95: figures.app.p95Ms / figures.ink.p95Ms,
      ending: figures.app.endingMs / figures.ink.endingMs,
      playBytes: figures.app.playBytes.gzip / figures.ink.playBytes.gzip,
    };
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const x = (v: number) => `${v.toFixed(2)}×`;
    console.log(
      `  ${choices} choices on each page, interleaved run by run (app in coach mode, the default, then in realistic mode: ${games.length} scenario seats in turn, ${app.runs} and ${realisticApp.runs} runs; ink: a ${knots}-knot story, ${ink.runs} runs), CPU slowed ${CPU_SLOWDOWN}×:`,
    );
    console.log(
      table([
        ['figure', 'this app', 'inkjs page', 'ratio'],
        ['choice → next frame, median', ms(figures.app.medianMs), ms(figures.ink.medianMs), x(figures.ratios.median)],
        ['choice → next frame, p95', ms(figures.app.p95Ms), ms(figures.ink.p95Ms), x(figures.ratios.p95)],
        [
          '  the same in realistic mode, median',
          ms(figures.realistic.medianMs),
          ms(figures.ink.medianMs),
          x(figures.realistic.medianMs / figures.ink.medianMs),
        ],
        ['  the same in realistic mode, p95', ms(figures.realistic.p95Ms), ms(figures.ink.p95Ms), x(figures.realistic.p95Ms / figures.ink.p95Ms)],
        ['run-ending click, median', ms(figures.app.endingMs), ms(figures.ink.endingMs), x(figures.ratios.ending)],
        ['bytes before the first choice, gzip', kB(figures.app.playBytes.gzip), kB(figures.ink.playBytes.gzip), x(figures.ratios.playBytes)],
        [
          '  the same in realistic mode',
          kB(figures.realisticPlayBytes),
          kB(figures.ink.playBytes.gzip),
          x(figures.realisticPlayBytes / figures.ink.playBytes.gzip),
        ],
      ]),
    );
    console.log(`  What the app loads before the first choice of “${first.id}” (${first.seat}, coach mode), cold, gzip:`);
    console.log(table([['file', 'raw', 'gzip'], ...appBytes.files.map((f) => [f.url, kB(f.raw), kB(f.gzip)])], '    '));
    console.log(`  What the ink page loads: ${inkBytes.files.map((f) => `${f.url} ${kB(f.gzip)}`).join(', ')}`);
    return figures;
  } finally {
    await browser.close();
    await inkServer.close();
    rmSync(inkDir, { recursive: true, force: true });
  }
}
