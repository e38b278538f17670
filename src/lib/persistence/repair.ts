/**
 * Opening a saved run against the scenario as it is now. A run must still fit the scenario (its scene
 * and steps exist); a run with missing per-step snapshots (e.g. migrated from version 0, which kept only
 * the latest) has them rebuilt by replaying its choices, which is exact because runs are deterministic.
 * Loaded lazily with the play screen: it needs XState.
 */
import { personChoices, playChoices, snapshotMisfit } from '../engine/playthrough.ts';
import type { Scenario } from '../engine/schema.ts';
import type { RunRecord, SavedSnapshot } from './records.ts';

export type OpenedRun = { ok: true; run: RunRecord; repaired: boolean } | { ok: false; reason: string };

export function openRun(scenario: Scenario, run: RunRecord): OpenedRun {
  const last = run.snapshots.at(-1)!;
  const misfit = snapshotMisfit(scenario, last);
  if (misfit) return { ok: false, reason: misfit };
  const steps = last.context.steps;
  const consistent =
    run.snapshots.length === steps.length + 1 &&
    run.snapshots.every((s, k) => s.context.steps.length === k && (k === 0 || sameStep(s.context.steps[k - 1]!, steps[k - 1]!)));
  if (consistent) return { ok: true, run, repaired: false };
  try {
    const { snapshots, actor } = playChoices(scenario, run.seat, personChoices(steps));
    actor.stop();
    const rebuilt = snapshots as unknown as SavedSnapshot[];
    if (!sameState(rebuilt.at(-1)!, last)) return { ok: false, reason: 'replaying its choices no longer leads to where it stopped' };
    return { ok: true, run: { ...run, snapshots: rebuilt }, repaired: true };
  } catch {
    return { ok: false, reason: `its choices no longer fit “${scenario.title}”` };
  }
}

function sameStep(a: SavedSnapshot['context']['steps'][number], b: SavedSnapshot['context']['steps'][number]): boolean {
  return a.scene === b.scene && a.event === b.event && a.auto === b.auto;
}

function sameState(a: SavedSnapshot, b: SavedSnapshot): boolean {
  return a.status === b.status && a.value === b.value && stable(a.context) === stable(b.context);
}

/** JSON with object keys sorted, so two equal values always give the same text. */
export function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
