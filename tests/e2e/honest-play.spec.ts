/**
 * Honest play: the app must not reward a player who does not read, nor show what the other side keeps to
 * itself.
 *
 * - The options are shown in the run's own shuffled order, exactly as the engine orders them for the run's
 *   seed (`shownInOrder`); tests/engine/press-first.test.ts shows that pressing 1 in that order wins no more
 *   often than random play. Each scenario is played from every seat along the analyser's shortest path to
 *   one outcome (rotating, so every outcome is played across the library), with the number keys.
 * - The labels of the simulated side's choices (its private intentions) never show during play, in either
 *   mode; the play screen shows only what the other side can see (`observed`). The debrief names them, as
 *   that side's decision.
 * - Pass-and-play in coach mode: the chooser reads their feedback (and may undo) before passing the device;
 *   the hand-over screen shows nothing of the next person's turn and offers no undo.
 * - After a choice key, when the next thing to do is Continue, the focus is on it, so Enter moves on.
 *
 * The run is followed in Node with the engine's own step function (`turnAt`, `takeStep`), so every screen
 * is checked against the scene the run is really in.
 */
import type { Page } from '@playwright/test';
import { shownInOrder } from '../../src/lib/engine/run.ts';
import {
  automaticMove,
  startingPosition,
  takeStep,
  turnAt,
  upcomingTurn,
  type Move,
  type PlaySeat,
  type Position,
  type Turn,
} from '../../src/lib/engine/step.ts';
import type { Choice, Scenario } from '../../src/lib/engine/schema.ts';
import { firstName, theSide } from '../../src/lib/ui/words.ts';
import { expect, test } from './fixtures.ts';
import {
  expectOptionsOnScreen,
  OUTCOME_INFO,
  OUTCOMES,
  openScenario,
  PHONE,
  plan,
  scenario,
  scenarios,
  stepLine,
  type Outcome,
  type Plan,
  type Side,
} from './support.ts';

// Many short plays: no service worker (offline.spec.ts covers it).
test.use({ serviceWorkers: 'block' });

const OUTCOME_TITLES = OUTCOMES.map((o) => OUTCOME_INFO[o].title);

/** What a play screen (or the debrief) shows, read in one go. */
interface Screen {
  /** The step number of the "Playing … · step N" line, or null (debrief, message). */
  step: number | null;
  /** The outcome named by the debrief's heading, or null during play. */
  outcome: Outcome | null;
  /** The labels of the offered choices, in the order shown. */
  labels: string[];
  continue: boolean;
  continueFocused: boolean;
  /** `document.body.innerText`, white space collapsed. */
  text: string;
}

async function readScreen(page: Page): Promise<Screen> {
  const raw = await page.evaluate((titles) => {
    const status = [...document.querySelectorAll('p')].map((p) => p.textContent ?? '').find((t) => /^Playing .* · step \d+$/.test(t.trim()));
    const heading = [...document.querySelectorAll('h2')].map((h) => (h.textContent ?? '').trim()).find((t) => titles.includes(t));
    const region = document.getElementById('choices-title')?.closest('section:not([hidden])');
    const labels = region ? [...region.querySelectorAll('button')].map((b) => (b.lastElementChild?.textContent ?? '').trim()) : [];
    const button = [...document.querySelectorAll('button')].find((b) => (b.textContent ?? '').trim() === 'Continue' && b.checkVisibility());
    return {
      step: status ? Number(/step (\d+)$/.exec(status.trim())![1]) : null,
      heading: heading ?? null,
      labels,
      continue: Boolean(button),
      continueFocused: Boolean(button) && document.activeElement === button,
      text: document.body.innerText,
    };
  }, OUTCOME_TITLES);
  const outcome = raw.heading ? OUTCOMES.find((o) => OUTCOME_INFO[o].title === raw.heading)! : null;
  return { ...raw, outcome, text: squash(raw.text) };
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Wait until the run has moved on from step `step` (or reached its debrief). */
async function movedOn(page: Page, step: number): Promise<void> {
  await page.waitForFunction(
    ({ step, titles }) => {
      const status = [...document.querySelectorAll('p')].map((p) => (p.textContent ?? '').trim()).find((t) => /^Playing .* · step \d+$/.test(t));
      if (status) return Number(/step (\d+)$/.exec(status)![1]) !== step;
      return [...document.querySelectorAll('h2')].some((h) => titles.includes((h.textContent ?? '').trim()));
    },
    { step, titles: OUTCOME_TITLES },
  );
}

/** Start a new run of a scenario from a seat by its address, as the library's play buttons do; the app draws its seed. */
async function startRun(page: Page, s: Scenario, seat: PlaySeat): Promise<void> {
  await page.evaluate((hash) => (location.hash = hash), `#/play/${s.id}/${seat}`);
  await expect(stepLine(page)).toHaveText(/step 1$/);
}

/** The seed of the run on screen, from its saved record. */
async function seedOnScreen(page: Page): Promise<number> {
  return page.evaluate(() => {
    const id = /^#\/run\/(.+)$/.exec(location.hash)?.[1];
    const key = id && Object.keys(localStorage).find((k) => k.endsWith(`:run:${id}`));
    if (!key) throw new Error(`no saved run for ${location.hash}`);
    return (JSON.parse(localStorage.getItem(key)!) as { seed: number }).seed;
  });
}

/** Choose the realistic mode once; the app remembers it for the runs that follow. */
async function chooseMode(page: Page, s: Scenario, mode: 'coach' | 'realistic'): Promise<void> {
  await page.evaluate(() => (location.hash = '#/'));
  await openScenario(page, s);
  await page.getByRole('radio', { name: mode === 'coach' ? /^Coach/ : /^Realistic/ }).check();
}

/** The state of a play screen, as `glance` reads it. */
interface Glance {
  step: number | null;
  outcome: string | null;
  choices: boolean;
  continue: boolean;
  continueFocused: boolean;
}

/**
 * Wait in the page until the run is past step `after` (or, with null, until a play screen or debrief
 * shows), then glance at it: one round trip per move, so the many plays below stay quick.
 */
async function glance(page: Page, after: number | null): Promise<Glance> {
  return page.evaluate(
    async ({ after, titles }) => {
      const look = () => {
        const status = [...document.querySelectorAll('p')].map((p) => (p.textContent ?? '').trim()).find((t) => /^Playing .* · step \d+$/.test(t));
        const step = status ? Number(/step (\d+)$/.exec(status)![1]) : null;
        const outcome = [...document.querySelectorAll('h2')].map((h) => (h.textContent ?? '').trim()).find((t) => titles.includes(t)) ?? null;
        const button = [...document.querySelectorAll('button')].find((b) => (b.textContent ?? '').trim() === 'Continue' && b.checkVisibility());
        const choices = Boolean(document.getElementById('choices-title')?.checkVisibility());
        return { step, outcome, choices, continue: Boolean(button), continueFocused: Boolean(button) && document.activeElement === button };
      };
      const ready = (g: ReturnType<typeof look>) => g.outcome !== null || (g.step !== null && g.step !== after && (g.choices || g.continue));
      for (let frames = 0; frames < 600; frames++) {
        const g = look();
        if (ready(g)) return g;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      return look();
    },
    { after, titles: OUTCOME_TITLES },
  );
}

// ---- b. the simulated side's private labels ------------------------------------------------------

/** The labels of the choices the simulated side can make in a scene (those its rules name), for a person in `seat`. */
function privateLabels(s: Scenario, sceneId: string, seat: Side): string[] {
  const scene = s.machine.states[sceneId]!;
  if (!scene.meta.decides || scene.meta.decides === seat) return [];
  return (scene.meta.npc ?? []).map((rule) => (scene.on![rule.choose] as Choice).meta.label);
}

/**
 * Play a run from a seat along a planned path, pressing the number key of each planned option, following the
 * run in Node. At every play screen: the options are in the engine's display order for the run's seed, and no
 * private label of the simulated side from the scenes passed through is on screen, unless the player may see
 * that same text there (the scene, their own note, their options and earlier choices, or what the other side
 * was seen to do). The debrief names the planned outcome, lists every step, and names the simulated side's
 * moves as its own.
 */
async function playWithoutLeaks(page: Page, s: Scenario, route: Plan, mode: 'coach' | 'realistic'): Promise<void> {
  const { seat } = route;
  await startRun(page, s, seat);
  const seed = await seedOnScreen(page);
  let at: Position = startingPosition(s);
  const passed = new Set<string>();
  const seen: string[] = []; // what the player may legitimately have on screen from earlier steps
  const taken: string[] = []; // the simulated side's moves, as the debrief words them
  const leaks: string[] = [];
  for (let step = 1; step <= 200; step++) {
    const turn: Turn = turnAt(s, at, seat);
    const screen = await readScreen(page);
    const where = `${s.id} as the ${seat} in ${mode} mode, step ${step} (scene "${at.scene}")`;
    if (turn.kind === 'ended') {
      expect(leaks, `${s.id} as the ${seat} in ${mode} mode: the simulated side's private labels shown during play`).toEqual([]);
      expect(screen.outcome, `${where}: the debrief names the outcome`).toBe(route.outcome);
      // The debrief's first screen comes first; its step-by-step timeline follows after a paint.
      await expect(page.getByRole('heading', { level: 2, name: 'Step by step: what each side did and thought' })).toBeVisible();
      // On a phone the steps start folded: open them, as a person would, to read them.
      await page.getByRole('button', { name: 'Show all steps' }).click();
      const debrief = await readScreen(page);
      for (const line of taken) expect(debrief.text, `${where}: the debrief names the simulated side's decision`).toContain(line);
      // The timeline lists every step the analyser counted.
      await expect(page.getByRole('heading', { level: 3, name: /^Step \d+/ })).toHaveCount(route.path.length);
      return;
    }
    expect(screen.step, `${where}: the play screen`).toBe(step);
    passed.add(at.scene);
    const scene = s.machine.states[at.scene]!;
    const observed = turn.kind === 'simulated' ? turn.choice.meta.observed : undefined;
    if (observed) expect(screen.text, `${where}: what the other side does, as the player sees it`).toContain(squash(observed));
    const legit = [s.setting, ...scene.meta.text, scene.meta.asides?.[seat] ?? '', ...screen.labels, ...seen, observed ?? ''].map(squash);
    for (const id of passed) {
      for (const label of privateLabels(s, id, seat).map(squash)) {
        if (screen.text.includes(label) && !legit.some((text) => text.includes(label))) leaks.push(`${where}: “${label}” (scene "${id}")`);
      }
    }

    const planned = route.path[step - 1];
    expect(planned?.scene, `${where}: the run follows the analyser's path`).toBe(at.scene);
    let move: Move;
    if (turn.kind === 'player') {
      await expectOptionsOnScreen(page, where);
      const shown = shownInOrder(turn, seed, at.scene);
      if (shown.kind !== 'player') throw new Error('unreachable');
      expect(screen.labels, `${where}: the options, in the run's display order`).toEqual(shown.choices.map((c) => c.choice.meta.label));
      const index = shown.choices.findIndex((c) => c.event === planned!.event);
      expect(index, `${where}: the planned choice is offered`).toBeGreaterThanOrEqual(0);
      move = { type: planned!.event as Move['type'] };
      seen.push(shown.choices[index]!.choice.meta.label);
      await page.keyboard.press(String(index + 1));
    } else {
      move = automaticMove(turn)!;
      expect(move, `${where}: the scenario can move on`).not.toBeNull();
      expect(move.type, `${where}: the run follows the analyser's path`).toBe(planned!.event);
      if (turn.kind === 'simulated') {
        if (observed) seen.push(observed);
        taken.push(squash(`${firstName(s.cast, turn.side)} (${theSide(turn.side)}, played by the scenario): ${turn.choice.meta.label}`));
      }
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
    }
    at = takeStep(s, at, move)!.next;
    await movedOn(page, step);
  }
  expect(leaks, `${s.id} as the ${seat}: the simulated side's private labels shown during play`).toEqual([]);
  throw new Error(`${s.id} as the ${seat}: no outcome after 200 steps`);
}

test.describe('every scenario from every seat, on a phone: the run’s display order, every option on screen, nothing private, and the planned outcome', () => {
  test.use({ viewport: PHONE });
  for (const [i, s] of scenarios.entries()) {
    // Each seat once, realistic and coach mode alternating, and the outcome rotating with the scenario and
    // seat, so across the library both modes are played from both seats and every outcome is reached.
    test(`${s.id}: from every seat, in realistic or coach mode`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto('/');
      for (const [k, seat] of s.seats.entries()) {
        const mode = (i + k) % 2 === 0 ? 'realistic' : 'coach';
        const outcome = OUTCOMES[(2 * i + k) % OUTCOMES.length]!;
        const route = plan(s, seat, outcome);
        expect(route, `${s.id}: from the ${seat}'s seat, “${OUTCOME_INFO[outcome].title}” can be reached`).toBeDefined();
        await chooseMode(page, s, mode);
        await playWithoutLeaks(page, s, route!, mode);
      }
    });
  }
});

// ---- c. pass-and-play hand-over ------------------------------------------------------------------

/** The scenes from a position up to the next decision (following continues), for what the hand-over must not show. */
function scenesUpTo(s: Scenario, from: Position): string[] {
  const scenes = [from.scene];
  let at = from;
  for (let hops = 0; hops < 50 && turnAt(s, at, 'both').kind === 'continue'; hops++) {
    at = takeStep(s, at, { type: 'continue' })!.next;
    scenes.push(at.scene);
  }
  return scenes;
}

test('pass-and-play in coach mode: the chooser reads their feedback and may undo, then the hand-over shows nothing of the next turn', async ({ page }) => {
  test.setTimeout(90_000);
  const s = scenario('phone-screen');
  const { cast } = s;
  const first = (side: Side) => firstName(cast, side);
  await page.goto('/');
  await chooseMode(page, s, 'coach');
  await startRun(page, s, 'both');
  const handover = page.getByRole('heading', { name: /^Pass the device to / });
  const undo = page.getByRole('button', { name: 'Undo my last choice' });
  const passOn = page.getByRole('button', { name: 'I have read this: pass the device on' });
  const coach = page.getByRole('complementary', { name: 'Coach' });

  let at: Position = startingPosition(s);
  let holder: Side | null = null;
  let step = 1;
  let handovers = 0;
  let undone = false;
  for (let moves = 0; moves < 100 && handovers < 3; moves++) {
    const turn = turnAt(s, at, 'both');
    if (turn.kind === 'ended') break;
    const upcoming = upcomingTurn(s, at, 'both');
    if (upcoming.kind === 'player' && upcoming.side !== holder) {
      // The hand-over: only the next person's name; nothing of their scenes, notes or choices, and no undo.
      const next: Side = upcoming.side;
      await expect(handover).toHaveText(`Pass the device to ${cast[next].name}, ${theSide(next)}`);
      await expect(undo).toHaveCount(0);
      await expect(page.getByRole('article')).toHaveCount(0);
      await expect(page.getByRole('heading', { name: /, what do you do\?$/ })).toHaveCount(0);
      const text = squash(await page.locator('body').innerText());
      for (const id of scenesUpTo(s, at)) {
        const scene = s.machine.states[id]!;
        for (const line of [...scene.meta.text, ...Object.values(scene.meta.asides ?? {})]) {
          expect(text, `the hand-over to ${first(next)} shows nothing of scene "${id}"`).not.toContain(squash(line));
        }
      }
      for (const c of upcoming.choices) expect(text).not.toContain(squash(c.choice.meta.label));
      await page.getByRole('button', { name: `I am ${cast[next].name}: show my turn` }).click();
      await expect(handover).toHaveCount(0);
      holder = next;
      handovers++;
    }
    if (turn.kind === 'continue') {
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      at = takeStep(s, at, { type: 'continue' })!.next;
      await expect(stepLine(page)).toHaveText(new RegExp(`step ${++step}$`));
      continue;
    }
    expect(turn.kind, `step ${step}: a person's decision`).toBe('player');
    if (turn.kind !== 'player') return;
    // The decision shows, for the person holding the device.
    expect(turn.side).toBe(holder);
    await expect(page.getByRole('heading', { name: `${first(turn.side)}, what do you do?` })).toBeVisible();
    const label = (
      await page
        .getByRole('region', { name: /, what do you do\?$/ })
        .getByRole('button')
        .first()
        .innerText()
    )
      .replace(/^\d+\s*/, '')
      .trim();
    const pick = turn.choices.find((c) => c.choice.meta.label === label)!;
    expect(pick, `step ${step}: “${label}” is one of the options`).toBeDefined();
    await page.keyboard.press('1');
    const after = takeStep(s, at, { type: pick.event })!.next;
    if (turnAt(s, after, 'both').kind === 'ended') break;
    // Still with the chooser: their feedback, a way to undo, and the button to pass on (which has the focus).
    await expect(stepLine(page)).toHaveText(new RegExp(`step ${step + 1}$`));
    await expect(coach).toContainText(`${first(turn.side)} chose “${label}”`);
    await expect(undo).toBeVisible();
    await expect(passOn).toBeFocused();
    await expect(handover).toHaveCount(0);
    if (!undone) {
      // Undo goes back to the same decision, the same option first; then choose again.
      await undo.click();
      await expect(stepLine(page)).toHaveText(new RegExp(`step ${step}$`));
      await expect(page.getByRole('heading', { name: `${first(turn.side)}, what do you do?` })).toBeVisible();
      await expect(
        page
          .getByRole('region', { name: /, what do you do\?$/ })
          .getByRole('button')
          .first(),
      ).toContainText(label);
      await page.keyboard.press('1');
      await expect(passOn).toBeFocused();
      undone = true;
    }
    await passOn.press('Enter');
    at = after;
    step++;
  }
  expect(undone, 'an undo before passing on').toBe(true);
  expect(handovers, 'hand-overs between the two players').toBeGreaterThanOrEqual(3);
});

// ---- d. focus after a choice key ------------------------------------------------------------------

test('after a choice key, when the next thing to do is Continue, it has the focus and Enter moves on', async ({ page }) => {
  test.setTimeout(90_000);
  let checked = 0;
  await page.goto('/');
  for (const [i, s] of [scenario('phone-screen'), scenario('scheduling')].entries()) {
    const mode = i === 0 ? 'realistic' : 'coach';
    await chooseMode(page, s, mode);
    for (const seat of s.seats) {
      // Wait for the new run's first screen: the last run's debrief must not be taken for this run's end.
      await startRun(page, s, seat);
      let screen = await glance(page, null);
      expect(screen.step, `${s.id} as the ${seat}: a new run`).toBe(1);
      for (let moves = 0; moves < 200 && !screen.outcome; moves++) {
        const where = `${s.id} as the ${seat} in ${mode} mode, step ${screen.step}`;
        if (screen.choices) {
          await page.keyboard.press('1');
        } else {
          // The first screen has the page heading focused; after every step the Continue button is.
          const button = page.getByRole('button', { name: 'Continue', exact: true });
          if (screen.step !== 1) {
            await expect(button, `${where}: Continue has the focus`).toBeFocused();
            checked++;
            await page.keyboard.press('Enter');
          } else {
            await button.click();
          }
        }
        const before = screen.step!;
        screen = await glance(page, before);
        expect(screen.step, `${where}: the run moved on`).not.toBe(before);
      }
      expect(screen.outcome, `${s.id} as the ${seat}: the run ends`).not.toBeNull();
    }
  }
  expect(checked, 'Continue buttons reached after a step').toBeGreaterThan(4);
});
