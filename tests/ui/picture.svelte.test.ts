// @vitest-environment jsdom
/**
 * The two drawings of the outcome picture: <OutcomePicture> (the solo debrief) and <RoomQuadrant> (the
 * room's debrief). Each draws the run's dot inside the rectangle of its outcome's quadrant, marks a
 * deal-breaker and says it in words.
 */
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RoomQuadrant from '../../src/app/facilitator/RoomQuadrant.svelte';
import { emptyLedger, judge, OUTCOME_INFO, type Outcome, type Verdict } from '../../src/lib/engine/ledger.ts';
import OutcomePicture from '../../src/lib/ui/OutcomePicture.svelte';
import { QUADRANT_OF } from '../../src/lib/ui/picture.ts';
import { axeViolations } from '../support/axe.ts';

function verdict(employer: number, candidate: number, breakers: { employer?: string; candidate?: string } = {}): Verdict {
  return judge(
    { employer: { ...emptyLedger(), courtesy: employer }, candidate: { ...emptyLedger(), courtesy: candidate } },
    { employer: breakers.employer ?? null, candidate: breakers.candidate ?? null },
  );
}

/** One run per outcome, with and without a deal-breaker, the measured bug among them (employer +5 with a deal-breaker). */
const RUNS: { name: string; verdict: Verdict; outcome: Outcome; breaker: boolean }[] = [
  { name: 'both like (+3, +1)', verdict: verdict(3, 1), outcome: 'mutualFit', breaker: false },
  { name: 'the candidate walks on a total of 0', verdict: verdict(4, 0), outcome: 'candidateDeclines', breaker: false },
  {
    name: 'the candidate walks through a deal-breaker (+3, +2)',
    verdict: verdict(3, 2, { candidate: 'Mocked.' }),
    outcome: 'candidateDeclines',
    breaker: true,
  },
  { name: 'the employer passes on a total of 0', verdict: verdict(0, 1), outcome: 'employerDeclines', breaker: false },
  { name: 'the employer passes through a deal-breaker (+5, +11)', verdict: verdict(5, 11, { employer: 'Lied.' }), outcome: 'employerDeclines', breaker: true },
  { name: 'neither, both at 0', verdict: verdict(0, 0), outcome: 'noFit', breaker: false },
  { name: 'neither, through two deal-breakers (+5, +2)', verdict: verdict(5, 2, { employer: 'Lied.', candidate: 'Mocked.' }), outcome: 'noFit', breaker: true },
  { name: 'both like, far beyond the scale (+40, +25)', verdict: verdict(40, 25), outcome: 'mutualFit', breaker: false },
];

/** The quadrant rectangle that holds the dot entirely (strictly inside), read from the drawing. */
function quadrantHolding(svg: Element, label: string): string[] {
  const dot = svg.querySelector(`circle[data-label="${label}"]`)!;
  const [cx, cy, r] = ['cx', 'cy', 'r'].map((a) => Number(dot.getAttribute(a)));
  return [...svg.querySelectorAll('rect[data-quadrant]')]
    .filter((rect) => {
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(rect.getAttribute(a)));
      return cx! - r! > x! && cx! + r! < x! + w! && cy! - r! > y! && cy! + r! < y! + h!;
    })
    .map((rect) => rect.getAttribute('data-quadrant')!);
}

describe('<OutcomePicture>', () => {
  it.each(RUNS)('draws $name inside its quadrant, and says so', async ({ verdict: v, outcome, breaker }) => {
    const { container } = render(OutcomePicture, { runs: [{ label: 'This run', verdict: v }] });
    const picture = screen.getByRole('img', { name: new RegExp(`^This run ended in the ${QUADRANT_OF[outcome]}: ${OUTCOME_INFO[outcome].title}\\.`) });
    expect(quadrantHolding(picture, 'This run')).toEqual([QUADRANT_OF[outcome]]);
    expect(picture.querySelector('[data-deal-breaker="This run"]') !== null).toBe(breaker);
    if (breaker) {
      expect(picture).toHaveAccessibleName(expect.stringContaining('A deal-breaker decided the'));
      expect(screen.getByText(/marks a run that a deal-breaker decided/)).toBeVisible();
    } else {
      expect(screen.queryByText(/deal-breaker/)).toBeNull();
    }
    expect(await axeViolations(container)).toEqual([]);
  });

  it('draws an earlier run and this run each in its own quadrant', () => {
    render(OutcomePicture, {
      runs: [
        { label: 'Earlier run', verdict: verdict(5, 11, { employer: 'Lied.' }) },
        { label: 'This run', verdict: verdict(3, 1) },
      ],
    });
    const picture = screen.getByRole('img');
    expect(quadrantHolding(picture, 'Earlier run')).toEqual(['top left']);
    expect(quadrantHolding(picture, 'This run')).toEqual(['top right']);
    expect(picture).toHaveAccessibleName(
      expect.stringMatching(
        /^This run ended in the top right.*Earlier run ended in the top left: The employer passes\..*A deal-breaker decided the employer’s side: Lied\./,
      ),
    );
  });
});

describe('<RoomQuadrant>', () => {
  it.each(RUNS)('draws $name inside its quadrant, and says so', async ({ verdict: v, outcome, breaker }) => {
    const { container } = render(RoomQuadrant, { verdict: v });
    const picture = screen.getByRole('img', { name: /^Where the room's interview ended/ });
    expect(quadrantHolding(picture, 'The room')).toEqual([QUADRANT_OF[outcome]]);
    expect(picture).toHaveAccessibleName(expect.stringContaining(`: ${OUTCOME_INFO[outcome].title}.`));
    expect(picture.querySelector('[data-deal-breaker]') !== null).toBe(breaker);
    expect(screen.queryAllByText(/^A deal-breaker decided the/)).toHaveLength(v.dealBreakers.employer && v.dealBreakers.candidate ? 2 : breaker ? 1 : 0);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('draws the measured case, the employer passing through a deal-breaker at +5, in "Employer passes", and explains it', () => {
    render(RoomQuadrant, { verdict: verdict(5, 11, { employer: 'Lied about the degree.' }) });
    const picture = screen.getByRole('img');
    expect(quadrantHolding(picture, 'The room')).toEqual(['top left']);
    expect(picture).toHaveAccessibleName(
      "Where the room's interview ended The employer's view of the candidate ended at +5, the candidate's view of the employer at +11: The employer passes. " +
        'A deal-breaker decided the employer’s side: Lied about the degree. It outweighs the employer’s positive total of +5.',
    );
    expect(
      screen.getByText('A deal-breaker decided the employer’s side: Lied about the degree. It outweighs the employer’s positive total of +5.'),
    ).toBeVisible();
  });
});
