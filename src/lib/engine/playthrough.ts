/**
 * Runs kept step by step: a persisted XState snapshot after every step, so any earlier moment can be
 * restored exactly (undo, rewind-and-branch, share links). Builds on `run.ts` and the same machine.
 */
import { createActor, type Actor } from 'xstate';
import { createScenarioMachine, type PlaySeat, type RunContext, type ScenarioMachine, type Step } from './machine.ts';
import type { Verdict } from './ledger.ts';
import { drive, ReplayError, type ChoicePicker, type PickRequest } from './run.ts';
import type { Scenario, Scene } from './schema.ts';

/**
 * A run's persisted XState snapshot (`actor.getPersistedSnapshot()`): plain JSON. The fields the app
 * reads are typed; XState's own bookkeeping (`historyValue`, `children`) is carried along untouched.
 */
export interface PersistedRunSnapshot {
  status: 'active' | 'done' | 'error' | 'stopped';
  /** The scene the run is at. */
  value: string;
  context: RunContext;
  /** The verdict, once the run is done. */
  output?: Verdict;
  [xstate: string]: unknown;
}

/** The persisted snapshot of a run's actor, typed. */
export function persisted(actor: Actor<ScenarioMachine>): PersistedRunSnapshot {
  return actor.getPersistedSnapshot() as unknown as PersistedRunSnapshot;
}

export type { ChoicePicker, PickRequest };

export interface PlayThrough {
  actor: Actor<ScenarioMachine>;
  /** `snapshots[k]` is the run after k steps; `snapshots[0]` is the start. */
  snapshots: PersistedRunSnapshot[];
  /** How many of the people's choices were made. */
  used: number;
}

/** Start a run and return its persisted snapshot: the first entry of a run's snapshot list. */
export function startSnapshot(scenario: Scenario, seat: PlaySeat, machine?: ScenarioMachine): PersistedRunSnapshot {
  const actor = createActor(machine ?? createScenarioMachine(scenario), { input: { seat } });
  actor.start();
  const snapshot = persisted(actor);
  actor.stop();
  return snapshot;
}

/**
 * Play from the start, recording a snapshot after every step. The scenario makes every move that is not
 * the people's; `pick` supplies theirs. Stops at the end, when `pick` returns undefined, or when stuck.
 */
export function playThrough(scenario: Scenario, seat: PlaySeat, pick: ChoicePicker, machine?: ScenarioMachine): PlayThrough {
  const actor = createActor(machine ?? createScenarioMachine(scenario), { input: { seat } });
  actor.start();
  const snapshots = [persisted(actor)];
  const used = drive(scenario, actor, pick, () => snapshots.push(persisted(actor)));
  return { actor, snapshots, used };
}

/** Replay a list of the people's choices, with a snapshot after every step. Throws ReplayError like `replay()`. */
export function playChoices(scenario: Scenario, seat: PlaySeat, choices: readonly string[], machine?: ScenarioMachine): PlayThrough {
  const result = playThrough(scenario, seat, ({ index }) => choices[index], machine);
  if (result.used < choices.length) throw new ReplayError(`The run ended after ${result.used} of ${choices.length} choices.`);
  return result;
}

/** The people's choices among the steps of a run (what `playChoices` takes), in order. */
export function personChoices(steps: readonly Step[]): string[] {
  return steps.filter((s) => !s.auto && s.event !== 'continue').map((s) => s.event);
}

/** A scene's choice events in the order the file declares them: the basis of share-link indexes. */
export function sceneChoiceEvents(scene: Scene): string[] {
  return Object.keys(scene.on ?? {}).filter((event) => event !== 'continue');
}

/**
 * Why a saved snapshot cannot be resumed with this version of the scenario, in words, or null when it
 * fits: its scene and every recorded step must still exist.
 */
export function snapshotMisfit(scenario: Scenario, snapshot: { value: unknown; context: { steps: readonly Step[] } }): string | null {
  const states = scenario.machine.states;
  if (typeof snapshot.value !== 'string' || !(snapshot.value in states)) {
    return `it stopped at a scene ("${String(snapshot.value)}") that "${scenario.title}" no longer has`;
  }
  for (const [i, step] of snapshot.context.steps.entries()) {
    const scene = states[step.scene];
    if (!scene?.on?.[step.event]) return `step ${i + 1} ("${step.event}" in "${step.scene}") is no longer part of "${scenario.title}"`;
  }
  return null;
}
