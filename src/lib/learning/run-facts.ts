/**
 * What a run's reporter needs to know, read off a run as it changes: each person's choice since the last
 * look (its step, as the machine recorded it, with the debrief's change to both ledgers) and the end of the
 * run. Nothing is worked out again: the step is the one the machine recorded (`Step`: scene, event, side,
 * target, branch) and the change is the debrief's timeline entry for it. Pure: no XState, no DOM.
 */
import type { TimelineEntry } from '../engine/debrief.ts';
import type { Ledgers, Verdict } from '../engine/ledger.ts';
import type { Step } from '../engine/step.ts';

/** The parts of a run (`RunSession`) the reporter reads. */
export interface RunView {
  record: { id: string; startedAt: number };
  steps: readonly Step[];
  debrief: { timeline: readonly TimelineEntry[] };
  snapshot: { status: string; output?: Verdict | undefined; context: { ledgers: Ledgers } };
}

/**
 * Where the learning record store settings are kept (`lrsSettingsKind`'s key; a test checks they agree).
 * Here so the run screen can tell whether one is set without loading the settings' schema.
 */
export const LRS_SETTINGS_KEY = 'osotd:v1:lrs';

/** Something to report, with the time it happened. (Its statement, and the statement's id, are made when it is queued.) */
export type RunFact =
  { kind: 'choice'; at: number; step: Step; entry: TimelineEntry } | { kind: 'completed'; at: number; startedAt: number; verdict: Verdict; ledgers: Ledgers };

/** Where a reporter has got to in a run: how many steps it has looked at, and whether it reported the end. */
export interface Seen {
  steps: number;
  completed: boolean;
}

/** What a run already holds when the reporter starts: reported before (or not ours to report again). */
export function seenAtStart(run: RunView): Seen {
  return { steps: run.steps.length, completed: run.snapshot.status === 'done' };
}

/**
 * The facts since `seen`, and where that leaves the reporter. An undo (fewer steps than seen) reports
 * nothing and moves back, so a choice made again is reported again, as the learner made it.
 */
export function factsSince(run: RunView, seen: Seen, now: number): { facts: RunFact[]; seen: Seen } {
  const facts: RunFact[] = [];
  const steps = run.steps;
  for (let i = Math.min(seen.steps, steps.length); i < steps.length; i++) {
    const step = steps[i]!;
    const entry = run.debrief.timeline[i];
    if (step.auto || step.event === 'continue' || !entry) continue;
    facts.push({ kind: 'choice', at: now, step, entry });
  }
  let completed = seen.completed && steps.length >= seen.steps;
  if (!completed && run.snapshot.status === 'done' && run.snapshot.output) {
    facts.push({ kind: 'completed', at: now, startedAt: run.record.startedAt, verdict: run.snapshot.output, ledgers: run.snapshot.context.ledgers });
    completed = true;
  }
  return { facts, seen: { steps: steps.length, completed } };
}
