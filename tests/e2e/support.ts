/**
 * Shared helpers for the browser tests: the built-in scenarios read from `scenarios/` (so a new file is
 * covered without writing a test), the analyser's shortest paths as moves a person makes, and the few
 * gestures every journey repeats (open a scenario, pick a mode and a seat, play moves, check the focus).
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { analyseScenario, type PathStep } from '../../src/lib/engine/analyse.ts';
import { OUTCOME_INFO, OUTCOMES, type Outcome, type Side } from '../../src/lib/engine/ledger.ts';
import type { PlaySeat } from '../../src/lib/engine/machine.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenarioText } from '../../src/lib/engine/validate.ts';
import { axeViolations, expect, test } from './fixtures.ts';
import { SCREENSHOT_DIR } from './screenshot-dir.ts';

export { OUTCOME_INFO, OUTCOMES, type Outcome, type Side };

const files = readdirSync('scenarios')
  .filter((file) => file.endsWith('.json'))
  .sort();

/** Every scenario file in `scenarios/`, validated with the app's own rules, in file-name order. */
export const scenarios: Scenario[] = files.map((file) => {
  const result = validateScenarioText(readFileSync(`scenarios/${file}`, 'utf8'));
  if (!result.ok) throw new Error(`scenarios/${file} is invalid: run "npm run scenarios scenarios/${file}" for the problems`);
  return result.scenario;
});

/** The file a scenario came from, e.g. `scenarios/phone-screen.json`. */
export function fileOf(s: Scenario): string {
  return `scenarios/${files[scenarios.indexOf(s)]}`;
}

export function scenario(id: string): Scenario {
  const found = scenarios.find((s) => s.id === id);
  if (!found) throw new Error(`No scenario "${id}" in scenarios/`);
  return found;
}

/** One step as a person sees it: click a choice by its words, or press Continue. */
export type Move = { kind: 'choose'; label: string } | { kind: 'continue' };

export function movesOf(s: Scenario, path: readonly PathStep[]): Move[] {
  return path.map((step) => {
    if (step.by !== 'player') return { kind: 'continue' };
    const transition = s.machine.states[step.scene]!.on![step.event] as { meta: { label: string } };
    return { kind: 'choose', label: transition.meta.label };
  });
}

export interface Plan {
  scenario: Scenario;
  seat: Side;
  outcome: Outcome;
  /** The analyser's shortest path to the outcome, step for step. */
  path: PathStep[];
  moves: Move[];
}

const analyses = new Map<string, ReturnType<typeof analyseScenario>>();
function analysis(s: Scenario) {
  let found = analyses.get(s.id);
  if (!found) analyses.set(s.id, (found = analyseScenario(s)));
  return found;
}

/** The analyser's shortest path to an outcome from a seat, or undefined when the outcome cannot be reached. */
export function plan(s: Scenario, seat: Side, outcome: Outcome): Plan | undefined {
  const reach = analysis(s).seats.find((a) => a.seat === seat)?.outcomes[outcome];
  if (!reach?.reachable || !reach.shortestPath) return undefined;
  return { scenario: s, seat, outcome, path: reach.shortestPath, moves: movesOf(s, reach.shortestPath) };
}

/** Two outcomes from one seat whose shortest paths share the longest beginning, then part at a person's choice. */
export function fork(s: Scenario, seat: Side): { first: Plan; second: Plan; at: number } {
  let best: { first: Plan; second: Plan; at: number } | undefined;
  for (const a of OUTCOMES) {
    for (const b of OUTCOMES) {
      const first = plan(s, seat, a);
      const second = plan(s, seat, b);
      if (a === b || !first || !second) continue;
      let at = 0;
      while (at < first.path.length && at < second.path.length && first.path[at]!.event === second.path[at]!.event) at++;
      if (at >= first.path.length || at >= second.path.length || second.path[at]!.by !== 'player') continue;
      if (!best || at > best.at) best = { first, second, at };
    }
  }
  if (!best) throw new Error(`${s.id}: no two outcomes part at a choice from the ${seat}'s seat`);
  return best;
}

/** The "Playing … · step N" line of the play screen. */
export function stepLine(page: Page): Locator {
  return page.getByText(/^Playing .* · step \d+$/);
}

/** Open a scenario from the library by its title, as a person would. */
export async function openScenario(page: Page, s: Scenario): Promise<void> {
  await page.getByRole('link', { name: s.title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s.title })).toBeVisible();
}

/** On the scenario screen: choose coach or realistic mode, then a seat. */
export async function startPlaying(page: Page, mode: 'coach' | 'realistic', seat: PlaySeat): Promise<void> {
  await page.getByRole('radio', { name: mode === 'coach' ? /^Coach/ : /^Realistic/ }).check();
  const name = seat === 'both' ? 'Play with two players on one device' : `Play as the ${seat}`;
  await page.getByRole('button', { name, exact: true }).click();
  await expect(stepLine(page)).toHaveText(/step 1$/);
}

/**
 * Play moves from the current step: click each choice by its exact words, or Continue, and check after
 * each one that the run moved on by one step (so a click that did nothing cannot go unnoticed). The
 * last move ends the run, so the step line is not checked after it.
 */
export async function playMoves(page: Page, moves: readonly Move[], firstStep = 1): Promise<void> {
  for (const [i, move] of moves.entries()) {
    const button =
      move.kind === 'choose' ? page.getByRole('button', { name: move.label, exact: true }) : page.getByRole('button', { name: 'Continue', exact: true });
    const what = move.kind === 'choose' ? `the choice “${move.label}”` : 'Continue';
    await expect(button, `step ${firstStep + i}: ${what} is on screen`).toBeVisible();
    await button.click();
    if (i < moves.length - 1) await expect(stepLine(page)).toHaveText(new RegExp(`step ${firstStep + i + 1}$`));
  }
}

/** A phone's screen. */
export const PHONE = { width: 390, height: 844 } as const;

/**
 * Every option of the decision on screen lies wholly inside the viewport with the page scrolled to its
 * top: a person sees all their options without scrolling (and there are at least two).
 */
export async function expectOptionsOnScreen(page: Page, where: string): Promise<void> {
  const { boxes, width, height } = await page.evaluate(() => {
    window.scrollTo(0, 0);
    const region = document.querySelector('section.choices:not([hidden])');
    return {
      width: innerWidth,
      height: innerHeight,
      boxes: [...(region?.querySelectorAll('button') ?? [])].map((b) => {
        const r = b.getBoundingClientRect();
        return { label: b.textContent!.trim(), top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      }),
    };
  });
  expect(boxes.length, `${where}: options shown`).toBeGreaterThan(1);
  const off = boxes.filter((b) => b.top < 0 || b.left < 0 || b.bottom > height + 0.5 || b.right > width + 0.5);
  expect(
    off.map((b) => `“${b.label.slice(0, 40)}” at ${Math.round(b.top)}–${Math.round(b.bottom)} px`),
    `${where}: every option on a ${width}×${height} screen without scrolling`,
  ).toEqual([]);
}

/** The debrief's outcome heading. */
export function outcomeHeading(page: Page, outcome: Outcome): Locator {
  return page.getByRole('heading', { level: 2, name: OUTCOME_INFO[outcome].title, exact: true });
}

/** What shows the focused element: its outline or box shadow, and whether it matches :focus-visible. */
export async function focusIndicator(page: Page): Promise<{ tag: string; name: string; visible: boolean; focusVisible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', name: '', visible: false, focusVisible: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const box = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      name: (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '').trim().replace(/\s+/g, ' '),
      visible: (outline || shadow) && box.width > 0 && box.height > 0,
      focusVisible: el.matches(':focus-visible'),
    };
  });
}

export { SCREENSHOT_DIR };
mkdirSync(SCREENSHOT_DIR, { recursive: true });

export const WIDTHS = [
  { name: '360', width: 360, height: 780 },
  { name: '1920', width: 1920, height: 1080 },
] as const;

/** The sizes people use the app at: a phone, a laptop and a projector (the projector in the dark scheme). */
export const REVIEW_SIZES = [
  { name: '390x844', width: 390, height: 844 },
  { name: '1366x768', width: 1366, height: 768 },
] as const;

/**
 * A violation already reported and awaiting a fix in src: the axe rule id, and where and why in words.
 * It is allowed only on the screens that name it, and a screen that names it fails once it is gone, so
 * the exception is removed with the fix.
 */
export interface KnownIssue {
  rule: string;
  why: string;
}

/** At a phone's width the page must not scroll sideways (WCAG 1.4.10 Reflow); as an axe-style line. */
async function reflow(page: Page): Promise<string[]> {
  const wide = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const over = document.documentElement.scrollWidth - width;
    const culprits = [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !el.closest('[class*="canvas"]'))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 30)}”`);
    return over > 0 ? `the page is ${over} px wider than the ${width} px screen: ${culprits.join(', ')}` : '';
  });
  return wide ? [`reflow: ${wide}`] : [];
}

/**
 * Review one screen state: full-page screenshots for review at a phone's 390×844 and a laptop's 1366×768
 * (`<name>-390x844.png`, `<name>-1366x768.png`) and a projector's 1920×1080 in the dark scheme
 * (`<name>-1920-dark.png`); axe (WCAG 2.2 A/AA, contrast included) on the phone in the light scheme and
 * on the projector in the dark scheme (each scheme once: axe is the slow part); and no sideways scrolling
 * at the narrowest phone, 360 px (WCAG 1.4.10). No violation is allowed beyond the known issues named.
 * The viewport and scheme are put back.
 */
export async function checkScreen(page: Page, name: string, known: KnownIssue[] = []): Promise<void> {
  const original = page.viewportSize();
  const runs: { where: string; violations: string[] }[] = [];
  const shot = (suffix: string) => page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${suffix}.png`, fullPage: true, animations: 'disabled' });
  await page.setViewportSize({ width: 360, height: 780 });
  const narrow = await reflow(page);
  for (const size of REVIEW_SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await shot(size.name);
    if (size.width < 400) runs.push({ where: `${size.name}, light`, violations: [...(await axeViolations(page)), ...narrow] });
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('1920-dark');
  runs.push({ where: '1920×1080, dark', violations: await axeViolations(page) });
  await page.emulateMedia({ colorScheme: 'light' });
  if (original) await page.setViewportSize(original);

  for (const { where, violations } of runs) {
    const isKnown = (line: string) => known.some((k) => line.startsWith(`${k.rule}:`));
    expect(
      violations.filter((line) => !isKnown(line)),
      `axe on "${name}" at ${where}`,
    ).toEqual([]);
    // Reflow is checked at the narrowest phone only (reported with the phone run).
    for (const issue of known.filter((k) => k.rule !== 'reflow' || where.startsWith('390'))) {
      expect(
        violations.some((line) => line.startsWith(`${issue.rule}:`)),
        `known issue "${issue.rule}" no longer on "${name}" at ${where}: remove it from the test`,
      ).toBe(true);
    }
  }
  for (const issue of known) test.info().annotations.push({ type: 'known axe issue', description: `${name}: ${issue.rule}: ${issue.why}` });
}
