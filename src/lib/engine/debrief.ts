/**
 * What the debrief shows: the run's steps with each one's effect on both ledgers, the turning point, and
 * the position on the four-outcome picture. Computed from the scenario and the recorded steps with the
 * same step function the machine uses.
 */
import type { Standing } from './effects.ts';
import { DIMENSIONS, emptyLedgers, judge, ledgerTotal, SIDES, type Ledgers, type Side, type Verdict } from './ledger.ts';
import { followSteps, startingStanding, type RecordedStep, type Step, type Taken } from './step.ts';
import type { Choice, Scenario } from './schema.ts';

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
  to: string;
  /** For a continue that moved a ledger: the author's reason, when given. */
  reason?: string;
}

export interface Debrief {
  timeline: TimelineEntry[];
  /** Index into the timeline of the largest swing (a deal-breaker counts as the largest), or -1 for none. */
  turningPoint: number;
  verdict: Verdict;
  /** Position on the picture: x = employer's total view of the candidate, y = candidate's total view of the employer. */
  position: { x: number; y: number };
}

/**
 * The debrief of a run's recorded steps. Each step is followed through the engine's step function, which
 * checks it took the transition recorded; the ledgers before and after each step give its changes.
 * Throws StepError when the steps do not fit the scenario.
 */
export function buildDebrief(scenario: Scenario, steps: readonly RecordedStep[]): Debrief {
  const { taken } = followSteps(scenario, steps);
  const timeline: TimelineEntry[] = [];
  let turningPoint = -1;
  let biggest = 0;
  let standing = startingStanding();
  taken.forEach((step, index) => {
    const entry = timelineEntry(index, step, standing);
    const swing = Math.abs(entry.totalDelta.employer) + Math.abs(entry.totalDelta.candidate) + (Object.keys(entry.dealBreakers).length ? 1000 : 0);
    if (swing > biggest) [biggest, turningPoint] = [swing, index];
    timeline.push(entry);
    standing = step.next.standing;
  });
  const verdict = judge(standing.ledgers, standing.dealBreakers);
  return { timeline, turningPoint, verdict, position: { x: verdict.totals.employer, y: verdict.totals.candidate } };
}

/** The timeline entry of one step taken from `before`. */
function timelineEntry(index: number, { step, choice, transition, next }: Taken, before: Standing): TimelineEntry {
  const reason = 'reason' in transition ? transition.reason : undefined;
  return {
    index,
    step,
    ...(choice ? { choice } : {}),
    ...changeBetween(before, next.standing),
    after: structuredClone(next.standing.ledgers),
    to: step.target,
    ...(reason ? { reason } : {}),
  };
}

const sameStep = (a: RecordedStep, b: RecordedStep) => a.scene === b.scene && a.event === b.event && a.auto === b.auto;

/**
 * A run's timeline kept up to date as it is played: each call follows only the steps not seen before (a
 * run's steps grow by one or two at a time, or are cut back by undo), so a step costs the same at the
 * end of a long run as at its start. The entries equal `buildDebrief(scenario, steps).timeline`.
 */
export class TimelineCache {
  readonly #scenario: Scenario;
  #taken: Taken[] = [];
  #entries: TimelineEntry[] = [];

  constructor(scenario: Scenario) {
    this.#scenario = scenario;
  }

  /** The timeline of `steps`. Throws StepError when they do not fit the scenario. */
  timeline(steps: readonly RecordedStep[]): TimelineEntry[] {
    let keep = 0;
    while (keep < this.#entries.length && keep < steps.length && sameStep(this.#entries[keep]!.step, steps[keep]!)) keep++;
    this.#taken.length = keep;
    this.#entries.length = keep;
    if (keep < steps.length) {
      const from = keep ? { at: this.#taken[keep - 1]!.next, index: keep } : undefined;
      const { taken } = followSteps(this.#scenario, steps, from);
      for (const step of taken) {
        const index = this.#taken.length;
        this.#entries.push(timelineEntry(index, step, index ? this.#taken[index - 1]!.next.standing : startingStanding()));
        this.#taken.push(step);
      }
    }
    return this.#entries.slice();
  }
}

/** What changed from one standing to the next: each dimension of both ledgers, each total, and deal-breakers newly marked. */
export function changeBetween(before: Standing, after: Standing): Pick<TimelineEntry, 'delta' | 'totalDelta' | 'dealBreakers'> {
  const delta = emptyLedgers();
  const totalDelta = { employer: 0, candidate: 0 };
  const dealBreakers: Partial<Record<Side, string>> = {};
  for (const side of SIDES) {
    for (const d of DIMENSIONS) delta[side][d] = after.ledgers[side][d] - before.ledgers[side][d];
    totalDelta[side] = ledgerTotal(after.ledgers[side]) - ledgerTotal(before.ledgers[side]);
    const marked = after.dealBreakers[side];
    if (marked !== null && before.dealBreakers[side] === null) dealBreakers[side] = marked;
  }
  return { delta, totalDelta, dealBreakers };
}

/** The scenes a run passed through, in order, ending with the scene it led to (e.g. the final one). */
export function pathOfScenes(scenario: Scenario, steps: readonly RecordedStep[]): string[] {
  return scenesOf(buildDebrief(scenario, steps), scenario.machine.initial);
}

/** The same, from a debrief already built; `initial` is the scenario's first scene. */
export function scenesOf({ timeline }: Debrief, initial: string): string[] {
  if (!timeline.length) return [initial];
  const next = timeline.at(-1)!.to;
  return [...timeline.map((t) => t.step.scene), ...(next ? [next] : [])];
}
