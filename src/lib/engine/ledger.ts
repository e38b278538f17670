/**
 * The two ledgers and the four outcomes.
 *
 * A ledger holds one side's opinion of the other: the employer's ledger is how the employer sees the
 * candidate, the candidate's ledger is how the candidate sees the employer. Pure data and functions only.
 */

/** The two sides of the desk. */
export const SIDES = ['employer', 'candidate'] as const;
export type Side = (typeof SIDES)[number];

/** The three things each side judges the other on. */
export const DIMENSIONS = ['courtesy', 'communication', 'commonSense'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Human wording of each dimension. */
export const DIMENSION_LABELS: Record<Dimension, string> = {
  courtesy: 'Courtesy',
  communication: 'Communication',
  commonSense: 'Common sense',
};

export const SIDE_LABELS: Record<Side, string> = { employer: 'Employer', candidate: 'Candidate' };

/** One side's opinion of the other: a whole number per dimension, starting at 0. */
export type Ledger = Record<Dimension, number>;

/** The range the ledgers are drawn on; values beyond it are shown at its edge, but counted in full. */
export const LEDGER_SCALE = 10;

/** Both ledgers: `employer` is the employer's view of the candidate, `candidate` the candidate's view of the employer. */
export type Ledgers = Record<Side, Ledger>;

/** A deal-breaker marked on a side's ledger: the reason in words, or null when none. */
export type DealBreakers = Record<Side, string | null>;

export function emptyLedger(): Ledger {
  return { courtesy: 0, communication: 0, commonSense: 0 };
}

export function emptyLedgers(): Ledgers {
  return { employer: emptyLedger(), candidate: emptyLedger() };
}

export function otherSide(side: Side): Side {
  return side === 'employer' ? 'candidate' : 'employer';
}

/** Sum of the three dimensions. */
export function ledgerTotal(ledger: Ledger): number {
  return ledger.courtesy + ledger.communication + ledger.commonSense;
}

/**
 * A side likes the other when its three dimensions add up to more than zero and no deal-breaker was
 * marked on its ledger. One deal-breaker sinks an otherwise good run.
 */
export function likes(ledger: Ledger, dealBreaker: string | null): boolean {
  return dealBreaker === null && ledgerTotal(ledger) > 0;
}

/** The four ways an interview can end. */
export const OUTCOMES = ['mutualFit', 'candidateDeclines', 'employerDeclines', 'noFit'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface OutcomeInfo {
  /** Short title, e.g. for a quadrant label. */
  title: string;
  /** One sentence in plain words. */
  description: string;
  employerLikes: boolean;
  candidateLikes: boolean;
}

export const OUTCOME_INFO: Record<Outcome, OutcomeInfo> = {
  mutualFit: {
    title: 'Both sides like each other',
    description: 'The employer wants the candidate, and the candidate wants the job.',
    employerLikes: true,
    candidateLikes: true,
  },
  candidateDeclines: {
    title: 'The candidate walks away',
    description: 'The employer likes the candidate, but the candidate does not like the employer.',
    employerLikes: true,
    candidateLikes: false,
  },
  employerDeclines: {
    title: 'The employer passes',
    description: 'The candidate likes the employer, but the employer does not like the candidate.',
    employerLikes: false,
    candidateLikes: true,
  },
  noFit: {
    title: 'Neither side likes the other',
    description: 'The employer does not want the candidate, and the candidate does not want the job.',
    employerLikes: false,
    candidateLikes: false,
  },
};

export function outcomeOf(employerLikes: boolean, candidateLikes: boolean): Outcome {
  if (employerLikes) return candidateLikes ? 'mutualFit' : 'candidateDeclines';
  return candidateLikes ? 'employerDeclines' : 'noFit';
}

/** What the ledgers say at the end of a run. */
export interface Verdict {
  outcome: Outcome;
  employerLikes: boolean;
  candidateLikes: boolean;
  totals: Record<Side, number>;
  dealBreakers: DealBreakers;
}

export function judge(ledgers: Ledgers, dealBreakers: DealBreakers): Verdict {
  const employerLikes = likes(ledgers.employer, dealBreakers.employer);
  const candidateLikes = likes(ledgers.candidate, dealBreakers.candidate);
  return {
    outcome: outcomeOf(employerLikes, candidateLikes),
    employerLikes,
    candidateLikes,
    totals: { employer: ledgerTotal(ledgers.employer), candidate: ledgerTotal(ledgers.candidate) },
    dealBreakers: { ...dealBreakers },
  };
}
