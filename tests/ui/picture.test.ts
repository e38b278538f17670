// @vitest-environment node
/**
 * The outcome picture's geometry (src/lib/ui/picture.ts): for every outcome, with and without deal-breakers,
 * with totals of 0 and totals far beyond the ±10 scale, each run's dot lies strictly inside its outcome's
 * quadrant and clear of the titles, a deal-breaker puts the dot on the side that does not like, and no two
 * pieces of text overlap, in both drawings that use it (the solo debrief and the room's debrief).
 */
import { describe, expect, it } from 'vitest';
import { emptyLedger, judge, OUTCOME_INFO, OUTCOMES, type Outcome, type Verdict } from '../../src/lib/engine/ledger.ts';
import {
  contains,
  describePoint,
  layoutPicture,
  overlaps,
  placeOnPicture,
  QUADRANT_OF,
  titleLines,
  type Box,
  type PictureLayout,
  type PictureOptions,
  type PictureRun,
} from '../../src/lib/ui/picture.ts';

/** A verdict with these totals (all on courtesy) and deal-breakers. */
function verdict(employer: number, candidate: number, breakers: { employer?: string; candidate?: string } = {}): Verdict {
  return judge(
    { employer: { ...emptyLedger(), courtesy: employer }, candidate: { ...emptyLedger(), courtesy: candidate } },
    { employer: breakers.employer ?? null, candidate: breakers.candidate ?? null },
  );
}

const SOLO: PictureOptions = {
  size: 320,
  fontSize: 12,
  radius: 8,
  titles: Object.fromEntries(OUTCOMES.map((o) => [o, titleLines(OUTCOME_INFO[o].title)])) as Record<Outcome, string[]>,
  labelPoints: true,
  axes: { x: 'Employer’s view of the candidate →', y: 'Candidate’s view of the employer →', fontSize: 11 },
};
const ROOM: PictureOptions = {
  size: 240,
  fontSize: 11,
  radius: 7,
  titles: { mutualFit: ['Both like'], candidateDeclines: ['Candidate walks'], employerDeclines: ['Employer passes'], noFit: ['Neither'] },
  labelPoints: false,
};

const TOTALS = [-40, -11, -10, -1, 0, 1, 2, 5, 10, 11, 40];
const BREAKERS = [{}, { employer: 'Lied.' }, { candidate: 'Mocked them.' }, { employer: 'Lied.', candidate: 'Mocked them.' }];
const CASES = TOTALS.flatMap((e) => TOTALS.flatMap((c) => BREAKERS.map((b) => verdict(e, c, b))));

/** Every piece of text the layout places. */
const texts = (layout: PictureLayout) => [...layout.quadrants.map((q) => q.title), ...layout.runs.flatMap((r) => (r.text ? [r.text] : [])), ...layout.axes];

/** What is wrong with a layout, in words: a dot outside its quadrant or under text, text overlapping text. */
function problems(layout: PictureLayout): string[] {
  const found: string[] = [];
  for (const run of layout.runs) {
    const where = `${describePoint(run.label, run.point)} (dot at ${run.cx.toFixed(1)}, ${run.cy.toFixed(1)})`;
    const quadrant = layout.quadrants.find((q) => q.outcome === run.verdict.outcome)!;
    // Inside the quadrant, not touching its edges or the dividing lines.
    const inner: Box = { x: quadrant.rect.x + 1, y: quadrant.rect.y + 1, width: quadrant.rect.width - 2, height: quadrant.rect.height - 2 };
    if (!contains(inner, run.box)) found.push(`${where}: not inside its quadrant`);
    // And in the quadrant the words name.
    const [vertical, horizontal] = QUADRANT_OF[run.verdict.outcome].split(' ');
    if (run.cx > layout.mid.x !== (horizontal === 'right') || run.cy < layout.mid.y !== (vertical === 'top'))
      found.push(`${where}: not in the ${QUADRANT_OF[run.verdict.outcome]}`);
    for (const t of texts(layout)) if (overlaps(run.box, t.box)) found.push(`${where}: under "${t.lines.join(' ')}"`);
  }
  const all = texts(layout);
  const drawing: Box = { x: 0, y: 0, width: layout.size, height: layout.size };
  for (const [i, a] of all.entries()) {
    if (!contains(drawing, a.box)) found.push(`"${a.lines.join(' ')}" outside the drawing`);
    for (const b of all.slice(i + 1))
      if (overlaps(a.box, b.box))
        found.push(`"${a.lines.join(' ')}" overlaps "${b.lines.join(' ')}" (${layout.runs.map((r) => describePoint(r.label, r.point)).join(' / ')})`);
  }
  return found;
}

describe('placeOnPicture', () => {
  it('draws a total of 0 on the "does not like" side of the line', () => {
    expect(placeOnPicture(verdict(0, 0)).plotted).toEqual({ x: 0, y: 0 });
    expect(placeOnPicture(verdict(0, 0)).outcome).toBe('noFit');
  });

  it('draws a side with a deal-breaker on its "does not like" side, however high its total, and says so', () => {
    const point = placeOnPicture(verdict(5, 11, { employer: 'Lied about the degree.' }));
    expect(point.outcome).toBe('employerDeclines');
    expect(point.plotted).toEqual({ x: 0, y: 11 });
    expect(point.overriddenBy).toEqual(['employer']);
    expect(describePoint('This run', point)).toBe(
      'This run ended in the top left: The employer passes. The employer’s view of the candidate totals +5; the candidate’s view of the employer totals +11. ' +
        'A deal-breaker decided the employer’s side: Lied about the degree. It outweighs the employer’s positive total of +5.',
    );
  });

  it('notes a deal-breaker on a side that did not like the other anyway, without claiming it outweighed anything', () => {
    const point = placeOnPicture(verdict(-2, 3, { employer: 'Lied' }));
    expect(point.plotted).toEqual({ x: -2, y: 3 });
    expect(point.overriddenBy).toEqual([]);
    expect(point.dealBreakers).toEqual([{ side: 'employer', reason: 'Lied', outweighs: false }]);
    expect(describePoint('This run', point)).toContain('A deal-breaker decided the employer’s side: Lied.');
    expect(describePoint('This run', point)).not.toContain('outweighs');
  });
});

describe('layoutPicture', () => {
  for (const [name, options] of [
    ['the solo debrief', SOLO],
    ['the room’s debrief', ROOM],
  ] as const) {
    it(`puts every run's dot strictly inside its outcome's quadrant, clear of every title, in ${name}`, () => {
      expect(new Set(CASES.map((v) => v.outcome))).toEqual(new Set(OUTCOMES));
      const found: string[] = [];
      for (const v of CASES) {
        const layout = layoutPicture([{ label: 'This run', verdict: v }], options);
        found.push(...problems(layout));
      }
      expect(found).toEqual([]);
    });
  }

  it('puts a deal-breaker side at the "does not like" side however high its total', () => {
    const high = layoutPicture([{ label: 'This run', verdict: verdict(5, 11, { employer: 'Lied.' }) }], SOLO).runs[0]!;
    expect(high.cx).toBeLessThan(layoutPicture([], SOLO).mid.x);
    const zero = layoutPicture([{ label: 'This run', verdict: verdict(0, 11) }], SOLO).runs[0]!;
    // A deal-breaker with +5 sits where a total of 0 sits: the nearest place on the "does not like" side.
    expect(high.cx).toBe(zero.cx);
    expect(high.point.dealBreakers.map((d) => d.side)).toEqual(['employer']);
  });

  it('keeps totals far beyond the ±10 scale inside the drawing, at the same distance from the lines either side', () => {
    const layout = layoutPicture([{ label: 'This run', verdict: verdict(41, -40) }], SOLO);
    const mirror = layoutPicture([{ label: 'This run', verdict: verdict(-40, 41) }], SOLO);
    expect(problems(layout)).toEqual([]);
    expect(problems(mirror)).toEqual([]);
    const [a, b] = [layout.runs[0]!, mirror.runs[0]!];
    expect(a.cx - layout.mid.x).toBeCloseTo(layout.mid.x - b.cx);
    expect(a.cy - layout.mid.y).toBeCloseTo(layout.mid.y - b.cy);
  });

  it('labels two runs in any pair of places without any text overlapping, the current run last', () => {
    const some = CASES.filter((_, i) => i % 11 === 0);
    const found: string[] = [];
    for (const first of some) {
      for (const second of some) {
        const runs: PictureRun[] = [
          { label: 'Earlier run', verdict: first },
          { label: 'This run', verdict: second },
        ];
        const layout = layoutPicture(runs, SOLO);
        found.push(...problems(layout));
        if (!layout.runs[1]!.current || layout.runs[0]!.current) found.push('the current run is not the last');
      }
    }
    expect(found).toEqual([]);
  });

  it('keeps the run’s label away from the quadrant title when the dot is at the outer edge (the measured overlap)', () => {
    // The employer passes through a deal-breaker, the candidate's view far up: the dot is high in the top left.
    const layout = layoutPicture([{ label: 'This run', verdict: verdict(5, 11, { employer: 'Lied.' }) }], SOLO);
    const title = layout.quadrants.find((q) => q.outcome === 'employerDeclines')!.title;
    expect(overlaps(layout.runs[0]!.text!.box, title.box)).toBe(false);
    expect(problems(layout)).toEqual([]);
  });
});
