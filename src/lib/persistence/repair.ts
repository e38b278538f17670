/**
 * Opening a saved run against the scenario as it is now: its choices are replayed (runs are
 * deterministic), and a run whose choices no longer lead where they did is reported in words.
 * Loaded lazily with the play screen: it needs XState.
 */
import { ReplayError } from '../engine/run.ts';
import { resumeRun } from '../engine/playthrough.ts';
import type { Scenario } from '../engine/schema.ts';
import type { RunRecord } from './records.ts';

export type OpenedRun = { ok: true; run: RunRecord } | { ok: false; reason: string };

export function openRun(scenario: Scenario, run: RunRecord): OpenedRun {
  try {
    const { actor } = resumeRun(scenario, run);
    const done = actor.getSnapshot();
    actor.stop();
    const outcome = done.status === 'done' ? done.output!.outcome : null;
    if (outcome !== run.outcome) return { ok: false, reason: 'replaying its choices no longer leads to where it stopped' };
    return { ok: true, run };
  } catch (error) {
    if (error instanceof ReplayError) return { ok: false, reason: error.message };
    throw error;
  }
}
