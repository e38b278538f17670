/**
 * The four outcomes as a 2×2 picture, in one place: where each run's point goes, where the quadrant
 * titles, the point labels and the axis labels go, and how a deal-breaker shows. Pure geometry and
 * words (no Svelte, no DOM); every drawing of the picture (the solo debrief, the room's debrief) lays
 * itself out with `layoutPicture` and only draws what it returns.
 *
 * x is the employer's total view of the candidate, y the candidate's total view of the employer. A side
 * likes the other when its total is above zero and it marked no deal-breaker, so with whole numbers the
 * dividing lines sit at 0.5: a total of 0 lies on the "does not like" side, and a side with a
 * deal-breaker is drawn on its "does not like" side however high its total.
 */
import { OUTCOME_INFO, OUTCOMES, SIDES, type Outcome, type Side, type Verdict } from '../engine/ledger.ts';

export type Quadrant = 'top right' | 'bottom right' | 'top left' | 'bottom left';

/** Where each outcome sits, in words a screen reader can say. */
export const QUADRANT_OF: Record<Outcome, Quadrant> = {
  mutualFit: 'top right',
  candidateDeclines: 'bottom right',
  employerDeclines: 'top left',
  noFit: 'bottom left',
};

/** The value at which the picture divides, on both axes. */
export const PICTURE_DIVIDE = 0.5;

/** The totals are drawn on at least this many points either side of the line; larger totals widen the scale. */
export const PICTURE_SCALE = 10;

/** A deal-breaker marked on one side's ledger, and whether it outweighed a positive total. */
export interface DealBreakerNote {
  side: Side;
  reason: string;
  /** The side's total was above zero: without the deal-breaker it would have liked the other. */
  outweighs: boolean;
}

export interface PicturePoint {
  outcome: Outcome;
  /** The run's totals. */
  x: number;
  y: number;
  /**
   * The values drawn: equal to the totals, except that a side with a deal-breaker is drawn on its
   * "does not like" side of the line however high its total (at most at 0).
   */
  plotted: { x: number; y: number };
  /** Sides whose deal-breaker moved the point across a line. */
  overriddenBy: Side[];
  /** Every deal-breaker marked, in side order. */
  dealBreakers: DealBreakerNote[];
}

/** Where a verdict goes on the picture, in ledger units. */
export function placeOnPicture(verdict: Verdict): PicturePoint {
  const { totals, outcome } = verdict;
  const likes = { employer: verdict.employerLikes, candidate: verdict.candidateLikes };
  const plotted = { employer: totals.employer, candidate: totals.candidate };
  const dealBreakers: DealBreakerNote[] = [];
  for (const side of SIDES) {
    const reason = verdict.dealBreakers[side];
    if (!likes[side]) plotted[side] = Math.min(plotted[side], 0);
    if (reason !== null) dealBreakers.push({ side, reason, outweighs: totals[side] > 0 });
  }
  return {
    outcome,
    x: totals.employer,
    y: totals.candidate,
    plotted: { x: plotted.employer, y: plotted.candidate },
    overriddenBy: dealBreakers.filter((d) => d.outweighs).map((d) => d.side),
    dealBreakers,
  };
}

/**
 * How far from the dividing line a plotted value is drawn, in steps: 1 for a total of 0 or +1 (the
 * nearest values either side), 2 for -1 or +2, and so on. Never 0, so no point sits on a line.
 */
export function stepsFromLine(value: number): number {
  return Math.abs(value - PICTURE_DIVIDE) + 0.5;
}

/** How many steps each half-axis spans: at least `PICTURE_SCALE`, and enough for every point. */
export function pictureExtent(points: readonly PicturePoint[]): number {
  return Math.ceil(Math.max(PICTURE_SCALE, ...points.flatMap((p) => [stepsFromLine(p.plotted.x), stepsFromLine(p.plotted.y)])));
}

// ---------------------------------------------------------------------------------------------------
// Layout

/** An axis-aligned rectangle in drawing units (SVG user units). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes share any area (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether `inner` lies within `outer`. */
export function contains(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** A piece of text placed on the drawing: one `<text>` with a `<tspan>` per line. */
export interface PlacedText {
  lines: string[];
  /** Anchor point of the first line's baseline (before `rotate`). */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** Distance between baselines. */
  lineHeight: number;
  fontSize: number;
  /** Degrees about (x, y): -90 for the upright axis label, else 0. */
  rotate: number;
  /** The room the text takes (after rotation), estimated generously from its characters. */
  box: Box;
}

export interface PlacedQuadrant {
  outcome: Outcome;
  quadrant: Quadrant;
  rect: Box;
  title: PlacedText;
}

export interface PlacedRun {
  label: string;
  verdict: Verdict;
  point: PicturePoint;
  /** Centre and radius of the dot. */
  cx: number;
  cy: number;
  r: number;
  /** The dot's bounding box. */
  box: Box;
  /** The run's name beside its dot, when the picture labels its points. */
  text?: PlacedText;
  /** The last run: the one the picture is about. */
  current: boolean;
}

export interface PictureLayout {
  /** Width and height of the square drawing (its viewBox). */
  size: number;
  /** The area of the four quadrants. */
  plot: Box;
  /** Where the dividing lines cross. */
  mid: { x: number; y: number };
  quadrants: PlacedQuadrant[];
  runs: PlacedRun[];
  /** The axis labels, when asked for. */
  axes: PlacedText[];
}

export interface PictureOptions {
  /** Side of the square drawing. */
  size: number;
  /** Font size of quadrant titles and point labels. */
  fontSize: number;
  /** Each quadrant's title, as lines. */
  titles: Record<Outcome, readonly string[]>;
  /** Write each run's label beside its dot. */
  labelPoints: boolean;
  /** Axis labels below and left of the quadrants, or none. */
  axes?: { x: string; y: string; fontSize: number };
  /** Radius of the current run's dot; earlier runs' dots are a little smaller. */
  radius: number;
}

/** A run to draw: its name and its verdict. The last run is the current one. */
export interface PictureRun {
  label: string;
  verdict: Verdict;
}

/**
 * Width of a line of text, estimated from its characters on the generous side (so a real font takes no
 * more room than the layout keeps free for it).
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let ems = 0;
  for (const ch of text) {
    if (/[ilj.,'’:;!|]/.test(ch)) ems += 0.3;
    else if (ch === ' ') ems += 0.3;
    else if (/[mwMW]/.test(ch)) ems += 0.9;
    else if (/[A-Z]/.test(ch)) ems += 0.72;
    else if (/[a-z0-9+-]/.test(ch)) ems += 0.58;
    else ems += 1;
  }
  return ems * fontSize * (bold ? 1.1 : 1);
}

/** Split a title into two lines of about half its words each (one line when it is one word). */
export function titleLines(title: string): string[] {
  const words = title.split(' ');
  if (words.length < 2) return [title];
  const half = Math.ceil(words.length / 2);
  return [words.slice(0, half).join(' '), words.slice(half).join(' ')];
}

function placeText(lines: readonly string[], x: number, y: number, anchor: PlacedText['anchor'], fontSize: number, bold = false): PlacedText {
  const lineHeight = Math.round(fontSize * 1.25);
  const width = Math.max(...lines.map((line) => textWidth(line, fontSize, bold)));
  const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
  // From the ascender of the first line to the descender of the last.
  const top = y - fontSize * 0.95;
  const height = fontSize * 1.25 + (lines.length - 1) * lineHeight;
  return { lines: [...lines], x, y, anchor, lineHeight, fontSize, rotate: 0, box: { x: left, y: top, width, height } };
}

/** Space kept between the dot and its label, and between the dot and the dividing lines. */
const GAP = 4;
/** Space kept inside each quadrant's edge. */
const INSET = 6;

/**
 * Lay the picture out: the quadrants with their titles at their outer edge, each run's dot strictly
 * inside its outcome's quadrant (and clear of the titles), and each run's label beside its dot where it
 * overlaps no title, no other label and no other dot, inside the drawing.
 */
export function layoutPicture(runs: readonly PictureRun[], options: PictureOptions): PictureLayout {
  const { size, fontSize, radius } = options;
  const axisBand = options.axes ? Math.ceil(options.axes.fontSize * 1.6) + 4 : 0;
  const plot: Box = { x: axisBand + 2, y: 4, width: size - axisBand - 6, height: size - axisBand - 6 };
  const mid = { x: plot.x + plot.width / 2, y: plot.y + plot.height / 2 };
  const half = { width: plot.width / 2, height: plot.height / 2 };

  const quadrants: PlacedQuadrant[] = OUTCOMES.map((outcome) => {
    const info = OUTCOME_INFO[outcome];
    const rect: Box = { x: info.employerLikes ? mid.x : plot.x, y: info.candidateLikes ? plot.y : mid.y, width: half.width, height: half.height };
    const lines = options.titles[outcome];
    const lineHeight = Math.round(fontSize * 1.25);
    const x = rect.x + rect.width / 2;
    const y = info.candidateLikes ? rect.y + INSET + fontSize * 0.95 : rect.y + rect.height - INSET - fontSize * 0.3 - (lines.length - 1) * lineHeight;
    return { outcome, quadrant: QUADRANT_OF[outcome], rect, title: placeText(lines, x, y, 'middle', fontSize) };
  });
  const titleBand = Math.max(...quadrants.map((q) => q.title.box.height)) + INSET;

  // The room a dot's label needs above and below the dot's centre when it sits beside the dot.
  const labelHalf = options.labelPoints ? fontSize * 0.75 : 0;
  const near = radius + GAP;
  const far = { x: half.width - Math.max(radius, 0) - INSET, y: half.height - titleBand - Math.max(radius, labelHalf) - GAP };
  const points = runs.map((run) => placeOnPicture(run.verdict));
  const extent = pictureExtent(points);
  /** Pixels from the line for a plotted value: `near` at one step, `far` at `extent` steps. */
  const offset = (value: number, reach: number) => near + ((stepsFromLine(value) - 1) / (extent - 1)) * (reach - near);

  const placed: PlacedRun[] = runs.map((run, i) => {
    const point = points[i]!;
    const current = i === runs.length - 1;
    const r = current ? radius : Math.max(3, radius - 2);
    const dx = offset(point.plotted.x, far.x);
    const dy = offset(point.plotted.y, far.y);
    const cx = point.plotted.x > PICTURE_DIVIDE ? mid.x + dx : mid.x - dx;
    const cy = point.plotted.y > PICTURE_DIVIDE ? mid.y - dy : mid.y + dy;
    return { label: run.label, verdict: run.verdict, point, cx, cy, r, box: { x: cx - r, y: cy - r, width: 2 * r, height: 2 * r }, current };
  });

  if (options.labelPoints) {
    const taken: Box[] = [...quadrants.map((q) => q.title.box), ...placed.map((p) => p.box)];
    // The current run's label is placed first: it gets the best place.
    for (const run of [...placed].reverse()) {
      const quadrant = quadrants.find((q) => q.outcome === run.point.outcome)!;
      run.text = placeLabel(run, quadrant, plot, fontSize, taken);
      taken.push(run.text.box);
    }
  }

  const axes: PlacedText[] = [];
  if (options.axes) {
    const f = options.axes.fontSize;
    axes.push(placeText([options.axes.x], plot.x + plot.width, size - 4 - f * 0.3, 'end', f));
    const upright = placeText([options.axes.y], 0, 0, 'start', f);
    // Rotated -90° about its anchor: the text runs upwards from the bottom of the plot.
    const x = 4 + f * 0.95;
    const y = plot.y + plot.height;
    axes.push({ ...upright, x, y, rotate: -90, box: { x: x - f * 0.95, y: y - upright.box.width, width: upright.box.height, height: upright.box.width } });
  }
  return { size, plot, mid, quadrants, runs: placed, axes };
}

/** The first place beside the dot that fits: inside its quadrant if possible, else inside the drawing. */
function placeLabel(run: PlacedRun, quadrant: PlacedQuadrant, plot: Box, fontSize: number, taken: readonly Box[]): PlacedText {
  const { cx, cy, r } = run;
  const baseline = cy + fontSize * 0.35;
  const outward = quadrant.quadrant.endsWith('right') ? 1 : -1;
  const side = (dir: number, shift = 0) => placeText([run.label], cx + dir * (r + GAP), baseline + shift, dir > 0 ? 'start' : 'end', fontSize, true);
  const candidates: PlacedText[] = [];
  for (const shift of [0, fontSize * 1.3, -fontSize * 1.3, fontSize * 2.6, -fontSize * 2.6]) {
    candidates.push(side(outward, shift), side(-outward, shift));
    if (shift === 0) {
      candidates.push(placeText([run.label], cx, cy - r - GAP - fontSize * 0.25, 'middle', fontSize, true));
      candidates.push(placeText([run.label], cx, cy + r + GAP + fontSize * 0.95, 'middle', fontSize, true));
    }
  }
  const free = (c: PlacedText) => !taken.some((box) => box !== run.box && overlaps(box, c.box));
  return candidates.find((c) => contains(quadrant.rect, c.box) && free(c)) ?? candidates.find((c) => contains(plot, c.box) && free(c)) ?? candidates[0]!;
}

// ---------------------------------------------------------------------------------------------------
// Words

const SIDE_VIEW: Record<Side, string> = {
  employer: 'the employer’s view of the candidate',
  candidate: 'the candidate’s view of the employer',
};

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * A deal-breaker in words, e.g. "A deal-breaker decided the employer’s side: Lied about the degree. It outweighs
 * the employer’s positive total of +5."
 */
export function dealBreakerWords(note: DealBreakerNote, total: number): string {
  const who = note.side === 'employer' ? 'employer’s' : 'candidate’s';
  const reason = /[.!?]$/.test(note.reason.trim()) ? note.reason.trim() : `${note.reason.trim()}.`;
  const text = `A deal-breaker decided the ${who} side: ${reason}`;
  return note.outweighs ? `${text} It outweighs the ${who} positive total of ${signed(total)}.` : text;
}

/** The run's position on the picture in words: the quadrant, the outcome, both totals, and any deal-breaker. */
export function describePoint(label: string, point: PicturePoint): string {
  let text = `${label} ended in the ${QUADRANT_OF[point.outcome]}: ${OUTCOME_INFO[point.outcome].title}. `;
  text += `${capital(SIDE_VIEW.employer)} totals ${signed(point.x)}; ${SIDE_VIEW.candidate} totals ${signed(point.y)}.`;
  for (const note of point.dealBreakers) text += ` ${dealBreakerWords(note, note.side === 'employer' ? point.x : point.y)}`;
  return text;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
