/**
 * Room votes: tallies, leaders and the tie rule. Pure functions.
 *
 * The tie rule: when two or more options share the most votes (or nobody voted), the vote does not pick
 * one; the facilitator decides among the tied options, and the decision is recorded as such.
 */

/** Votes per option (choice event), whole numbers ≥ 0. */
export type Tally = Record<string, number>;

/** The most votes a single option can be given: a room, not a stadium. */
export const MAX_VOTES = 999;

/** The tie rule, in words, for the views and the report. */
export const TIE_RULE = 'When options tie for the most votes, the facilitator decides among them.';

export function emptyTally(options: readonly string[]): Tally {
  return Object.fromEntries(options.map((o) => [o, 0]));
}

export function clampVotes(count: number): number {
  return Number.isFinite(count) ? Math.min(MAX_VOTES, Math.max(0, Math.trunc(count))) : 0;
}

export function totalVotes(tally: Tally): number {
  return Object.values(tally).reduce((sum, n) => sum + n, 0);
}

/** The options with the most votes, in option order. Everyone leads when nobody voted. */
export function leaders(options: readonly string[], tally: Tally): string[] {
  const most = Math.max(0, ...options.map((o) => tally[o] ?? 0));
  return options.filter((o) => (tally[o] ?? 0) === most);
}

/**
 * The most popular option other than `chosen`: most votes first, then option order. Undefined when there
 * is no other option, or when no other option got a vote and `requireVotes` is set.
 */
export function mostPopularOther(options: readonly string[], tally: Tally, chosen: string, requireVotes = false): string | undefined {
  let best: string | undefined;
  for (const option of options) {
    if (option === chosen) continue;
    if (best === undefined || (tally[option] ?? 0) > (tally[best] ?? 0)) best = option;
  }
  if (best !== undefined && requireVotes && (tally[best] ?? 0) === 0) return undefined;
  return best;
}

/** Share of the votes, 0…1 (0 when nobody voted). */
export function share(tally: Tally, option: string): number {
  const total = totalVotes(tally);
  return total ? (tally[option] ?? 0) / total : 0;
}
