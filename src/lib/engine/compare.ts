/**
 * Two runs of one scenario side by side: where they part, and how each ended. Used when a run was
 * branched from an earlier one ("the road not taken").
 */
import { buildDebrief, type Debrief } from './debrief.ts';
import { emptyLedgers, type Ledgers } from './ledger.ts';
import type { Step } from './machine.ts';
import type { Scenario } from './schema.ts';

export interface RunComparison {
  first: Debrief;
  second: Debrief;
  /**
   * Index of the first step where the runs differ (scene or event). When one run is the start of the
   * other, the shorter one's length; -1 when the runs are identical.
   */
  divergence: number;
  sameOutcome: boolean;
  /** Change of each side's total from the first run to the second. */
  totalChange: { employer: number; candidate: number };
}

function sameStep(a: Step, b: Step): boolean {
  return a.scene === b.scene && a.event === b.event;
}

export function compareRuns(scenario: Scenario, first: readonly Step[], second: readonly Step[]): RunComparison {
  const a = buildDebrief(scenario, first);
  const b = buildDebrief(scenario, second);
  const shorter = Math.min(first.length, second.length);
  let divergence = -1;
  for (let i = 0; i < shorter; i++) {
    if (!sameStep(first[i]!, second[i]!)) {
      divergence = i;
      break;
    }
  }
  if (divergence === -1 && first.length !== second.length) divergence = shorter;
  return {
    first: a,
    second: b,
    divergence,
    sameOutcome: a.verdict.outcome === b.verdict.outcome,
    totalChange: {
      employer: b.verdict.totals.employer - a.verdict.totals.employer,
      candidate: b.verdict.totals.candidate - a.verdict.totals.candidate,
    },
  };
}

/** Both ledgers at the end of a debriefed run (all zero for a run with no steps). */
export function finalLedgers(debrief: Debrief): Ledgers {
  return debrief.timeline.at(-1)?.after ?? emptyLedgers();
}
