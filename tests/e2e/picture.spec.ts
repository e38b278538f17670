/**
 * The outcome picture in a real browser, measured from the DOM: for every outcome, with and without a
 * deal-breaker, at 360 px and 1920 px wide, the run's dot lies inside the rectangle of its outcome's
 * quadrant and no two pieces of text on the picture overlap. Each state is opened as a share link of a
 * two-player run of "after-interview" that the engine finds (every choice is the players', so the run is
 * fixed by its picks); the debrief itself confirms the outcome, the totals and the deal-breakers.
 */
import type { Page } from '@playwright/test';
import { SIDES, type Side, type Verdict } from '../../src/lib/engine/ledger.ts';
import { playThrough, sceneChoiceEvents } from '../../src/lib/engine/playthrough.ts';
import { encodeShare } from '../../src/lib/share/link.ts';
import { QUADRANT_OF } from '../../src/lib/ui/picture.ts';
import { expect, test } from './fixtures.ts';
import { checkScreen, OUTCOME_INFO, outcomeHeading, scenario, WIDTHS, type Outcome } from './support.ts';

test.use({ serviceWorkers: 'block' });

const afterInterview = scenario('after-interview');

interface State {
  name: string;
  outcome: Outcome;
  /** The sides a deal-breaker decided. */
  breakers: Side[];
  /** Which run shows it: its totals (employer's view, candidate's view) qualify it. */
  totals: (employer: number, candidate: number) => boolean;
}

const STATES: State[] = [
  { name: 'both like', outcome: 'mutualFit', breakers: [], totals: () => true },
  { name: 'the candidate walks at a total of 0', outcome: 'candidateDeclines', breakers: [], totals: (_, c) => c === 0 },
  {
    name: 'the candidate walks through a deal-breaker despite a positive total',
    outcome: 'candidateDeclines',
    breakers: ['candidate'],
    totals: (_, c) => c > 0,
  },
  { name: 'the employer passes at a total of 0', outcome: 'employerDeclines', breakers: [], totals: (e) => e === 0 },
  { name: 'the employer passes through a deal-breaker despite a positive total', outcome: 'employerDeclines', breakers: ['employer'], totals: (e) => e > 0 },
  { name: 'neither, both at 0', outcome: 'noFit', breakers: [], totals: (e, c) => e === 0 && c === 0 },
  {
    name: 'neither, through two deal-breakers despite positive totals',
    outcome: 'noFit',
    breakers: ['employer', 'candidate'],
    totals: (e, c) => e > 0 && c > 0,
  },
];

interface Found {
  picks: number[];
  verdict: Verdict;
}

let found: Map<State, Found> | undefined;
/**
 * A two-player run of the scenario for each state (every choice is the players', so the picks fix the
 * run), found by playing its runs depth-first with the engine until each state has one.
 */
function runsFor(): Map<State, Found> {
  if (found) return found;
  found = new Map();
  const stack: number[][] = [[]];
  for (let played = 0; stack.length && found.size < STATES.length && played < 5000;) {
    const prefix = stack.pop()!;
    let next: number[] | undefined;
    const { actor } = playThrough(afterInterview, 'both', ({ scene, offered, index }) => {
      const events = sceneChoiceEvents(scene);
      if (index < prefix.length) return events[prefix[index]!];
      next = offered.map((o) => events.indexOf(o.event));
      return undefined;
    });
    const snapshot = actor.getSnapshot();
    actor.stop();
    if (next) {
      for (const pick of [...next].reverse()) stack.push([...prefix, pick]);
      continue;
    }
    played++;
    const verdict = snapshot.output;
    if (snapshot.status !== 'done' || !verdict) continue;
    const sides = SIDES.filter((side) => verdict.dealBreakers[side] !== null);
    const state = STATES.find(
      (st) =>
        !found!.has(st) &&
        st.outcome === verdict.outcome &&
        sides.join() === st.breakers.join() &&
        st.totals(verdict.totals.employer, verdict.totals.candidate),
    );
    if (state) found.set(state, { picks: prefix, verdict });
  }
  return found;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The picture measured on screen: its quadrants, the run's dot, every piece of text, and the deal-breaker marks. */
async function measure(page: Page) {
  const picture = page.getByRole('img', { name: /^This run ended in the/ });
  await expect(picture).toBeVisible();
  return picture.evaluate((svg) => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return {
      quadrants: Object.fromEntries([...svg.querySelectorAll('rect[data-quadrant]')].map((rect) => [rect.getAttribute('data-quadrant')!, box(rect)])),
      dot: box(svg.querySelector('circle[data-label="This run"]')!),
      texts: [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', ...box(t) })),
      marks: svg.querySelectorAll('[data-deal-breaker="This run"]').length,
      svg: box(svg),
    };
  });
}

type Box = { x: number; y: number; width: number; height: number };
const inside = (outer: Box, inner: Box) =>
  inner.x > outer.x && inner.y > outer.y && inner.x + inner.width < outer.x + outer.width && inner.y + inner.height < outer.y + outer.height;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('the debrief picture of every outcome, with and without deal-breakers: the dot in its quadrant, no text overlapping, at 360 px and 1920 px', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  for (const state of STATES) {
    await test.step(state.name, async () => {
      const run = runsFor().get(state);
      expect(run, `a two-player run of “${afterInterview.title}” where ${state.name}`).toBeDefined();
      const code = encodeShare({ scenarioId: afterInterview.id, seat: 'both', picks: run!.picks });
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.evaluate((hash) => (location.hash = hash), `#/replay/${code}`);
      await expect(outcomeHeading(page, state.outcome), `the run ${code} ends “${OUTCOME_INFO[state.outcome].title}”`).toBeVisible();
      const [employer, candidate] = [run!.verdict.totals.employer, run!.verdict.totals.candidate].map((n) => signed(n).replace('+', '\\+'));
      const picture = page.getByRole('img', { name: /^This run ended in the/ });
      await expect(picture).toHaveAccessibleName(
        new RegExp(
          `^This run ended in the ${QUADRANT_OF[state.outcome]}: ${OUTCOME_INFO[state.outcome].title}\\. The employer’s view of the candidate totals ${employer}; the candidate’s view of the employer totals ${candidate}\\.`,
        ),
      );
      for (const side of state.breakers) await expect(picture).toHaveAccessibleName(new RegExp(`A deal-breaker decided the ${side}’s side: `));
      if (!state.breakers.length) await expect(picture).not.toHaveAccessibleName(/deal-breaker/);

      for (const size of WIDTHS) {
        await page.setViewportSize({ width: size.width, height: size.height });
        const m = await measure(page);
        const where = `${state.name} at ${size.name} px`;
        expect(inside(m.quadrants[QUADRANT_OF[state.outcome]]!, m.dot), `${where}: the dot inside the ${QUADRANT_OF[state.outcome]} quadrant`).toBe(true);
        expect(m.marks, `${where}: the deal-breaker mark`).toBe(state.breakers.length ? 1 : 0);
        expect(m.texts.length).toBeGreaterThanOrEqual(7);
        const clashes: string[] = [];
        for (const [i, a] of m.texts.entries()) {
          if (!inside({ x: m.svg.x - 1, y: m.svg.y - 1, width: m.svg.width + 2, height: m.svg.height + 2 }, a)) clashes.push(`“${a.text}” leaves the picture`);
          if (overlap(a, m.dot)) clashes.push(`“${a.text}” covers the dot`);
          for (const b of m.texts.slice(i + 1)) if (overlap(a, b)) clashes.push(`“${a.text}” overlaps “${b.text}”`);
        }
        expect(clashes, where).toEqual([]);
      }
      if (state.outcome === 'employerDeclines' && state.breakers.length) {
        await expect(page.getByText(/marks a run that a deal-breaker decided/)).toBeVisible();
        await checkScreen(page, 'debrief-deal-breaker');
      }
    });
  }
});
