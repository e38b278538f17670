/**
 * The four outcomes as a 2×2 picture: x is the employer's total view of the candidate, y the candidate's
 * total view of the employer. A side likes the other when its total is above zero, so with whole numbers
 * the dividing lines sit at 0.5: a total of 0 lies on the "does not like" side.
 */
import type { Outcome, Verdict } from '../engine/ledger.ts';

/** Where each outcome sits, in words a screen reader can say. */
export const QUADRANT_OF: Record<Outcome, 'top right' | 'bottom right' | 'top left' | 'bottom left'> = {
  mutualFit: 'top right',
  candidateDeclines: 'bottom right',
  employerDeclines: 'top left',
  noFit: 'bottom left',
};

/** The value at which the picture divides, on both axes. */
export const PICTURE_DIVIDE = 0.5;

export interface PicturePoint {
  outcome: Outcome;
  /** The run's totals. */
  x: number;
  y: number;
  /**
   * Where to draw the point. Equal to the totals, except that a side with a deal-breaker is drawn on
   * its "does not like" side of the line however high its total (at most at 0).
   */
  plotted: { x: number; y: number };
  /** Set when a deal-breaker moved the point across a line: which sides. */
  overriddenBy: ('employer' | 'candidate')[];
}

export function placeOnPicture(verdict: Verdict): PicturePoint {
  const { totals, employerLikes, candidateLikes, outcome } = verdict;
  const overriddenBy: PicturePoint['overriddenBy'] = [];
  let px = totals.employer;
  let py = totals.candidate;
  if (!employerLikes && px > 0) {
    px = 0;
    overriddenBy.push('employer');
  }
  if (!candidateLikes && py > 0) {
    py = 0;
    overriddenBy.push('candidate');
  }
  return { outcome, x: totals.employer, y: totals.candidate, plotted: { x: px, y: py }, overriddenBy };
}

/**
 * Where to draw a value along an axis: half a unit further from the dividing line, so a point of
 * total 0 or 1 never sits on the line (there is no value between 0 and 1 to confuse it with).
 */
export function spread(value: number): number {
  return value > PICTURE_DIVIDE ? value + 0.5 : value - 0.5;
}

/** Half the width of the drawn range around the dividing line: at least 10, and wide enough for every point. */
export function pictureExtent(points: readonly PicturePoint[]): number {
  const far = Math.max(10, ...points.flatMap((p) => [p.plotted.x, p.plotted.y].map((v) => Math.abs(spread(v) - PICTURE_DIVIDE) + 1)));
  return Math.ceil(far);
}
