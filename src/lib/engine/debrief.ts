/**
 * What the debrief shows: the run's steps with each one's effect on both ledgers, the turning point, and
 * the position on the four-outcome picture. Computed from the scenario and the recorded steps with the
 * same effect functions the machine uses.
 */
import { applyEffects, holds, type Standing } from './effects.ts';
import { DIMENSIONS, emptyLedgers, judge, ledgerTotal, SIDES, type Ledgers, type Side, type Verdict } from './ledger.ts';
import type { Step } from './machine.ts';
import type { Choice, ContinueTransition, Scenario } from './schema.ts';

export interface TimelineEntry {
  /** 0-based position in the run. */
  index: number;
  step: Step;
  /** The choice made, or undefined for a scene that simply continued. */
  choice?: Choice;
  /** Change of each dimension of both ledgers caused by this step (zeros where nothing moved). */
  delta: Ledgers;
  /** Change of each ledger's total. */
  totalDelta: Record<Side, number>;
  /** Deal-breakers this step marked. */
  dealBreakers: Partial<Record<Side, string>>;
  /** Both ledgers after the step. */
  after: Ledgers;
  /** The scene the step led to. */
  to?: string;
}

export interface Debrief {
  timeline: TimelineEntry[];
  /** Index into the timeline of the largest swing (a deal-breaker counts as the largest), or -1 for none. */
  turningPoint: number;
  verdict: Verdict;
  /** Position on the picture: x = employer's total view of the candidate, y = candidate's total view of the employer. */
  position: { x: number; y: number };
}

/** The transition a step took: the choice, or the first continue branch whose condition held then. */
function transitionTaken(scenario: Scenario, step: Step, standing: Standing): Choice | ContinueTransition | undefined {
  const value = scenario.machine.states[step.scene]?.on?.[step.event];
  if (!value) return undefined;
  return Array.isArray(value) ? value.find((branch) => holds(standing, branch.guard)) : value;
}

export function buildDebrief(scenario: Scenario, steps: readonly Step[]): Debrief {
  let standing: Standing = { ledgers: emptyLedgers(), dealBreakers: { employer: null, candidate: null }, flags: [] };
  const timeline: TimelineEntry[] = [];
  let turningPoint = -1;
  let biggest = 0;
  steps.forEach((step, index) => {
    const taken = transitionTaken(scenario, step, standing);
    const next = taken ? applyEffects(standing, taken.actions) : standing;
    const delta = emptyLedgers();
    const totalDelta = { employer: 0, candidate: 0 };
    const dealBreakers: Partial<Record<Side, string>> = {};
    for (const side of SIDES) {
      for (const d of DIMENSIONS) delta[side][d] = next.ledgers[side][d] - standing.ledgers[side][d];
      totalDelta[side] = ledgerTotal(next.ledgers[side]) - ledgerTotal(standing.ledgers[side]);
      if (next.dealBreakers[side] !== null && standing.dealBreakers[side] === null) dealBreakers[side] = next.dealBreakers[side]!;
    }
    const swing = Math.abs(totalDelta.employer) + Math.abs(totalDelta.candidate) + (Object.keys(dealBreakers).length ? 1000 : 0);
    if (swing > biggest) [biggest, turningPoint] = [swing, index];
    timeline.push({
      index,
      step,
      choice: taken && 'meta' in taken ? taken : undefined,
      delta,
      totalDelta,
      dealBreakers,
      after: structuredClone(next.ledgers),
      ...(taken ? { to: taken.target } : {}),
    });
    standing = next;
  });
  const verdict = judge(standing.ledgers, standing.dealBreakers);
  return { timeline, turningPoint, verdict, position: { x: verdict.totals.employer, y: verdict.totals.candidate } };
}

/** The scenes a run passed through, in order, ending with the scene it led to (e.g. the final one). */
export function pathOfScenes(scenario: Scenario, steps: readonly Step[]): string[] {
  return scenesOf(buildDebrief(scenario, steps), scenario.machine.initial);
}

/** The same, from a debrief already built; `initial` is the scenario's first scene. */
export function scenesOf({ timeline }: Debrief, initial: string): string[] {
  if (!timeline.length) return [initial];
  const next = timeline.at(-1)!.to;
  return [...timeline.map((t) => t.step.scene), ...(next ? [next] : [])];
}
