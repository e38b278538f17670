/**
 * Runs kept as the people's choices: a run is deterministic (the simulated side follows its rules,
 * continues follow their conditions), so replaying the choices through the machine rebuilds every step
 * exactly. Undo, rewind-and-branch, saved runs and share links all build on this.
 */
import { createActor, type Actor } from 'xstate';
import { createScenarioMachine, type PlaySeat, type ScenarioMachine, type Step } from './machine.ts';
import { sceneChoices } from './choices.ts';
import { drive, ReplayError, type ChoicePicker, type PickRequest } from './run.ts';
import type { Scenario, Scene } from './schema.ts';

export type { ChoicePicker, PickRequest };

/** What a saved run needs to be rebuilt. */
export interface RunPlan {
  seat: PlaySeat;
  /** Seed of the order options are shown in. */
  seed: number;
  /** The people's choices, in order. */
  choices: readonly string[];
  /** How many steps to take (the run may stop before the scenario's next automatic move). */
  stepCount: number;
}

export interface PlayThrough {
  actor: Actor<ScenarioMachine>;
  /** Every step taken. */
  steps: Step[];
  /** How many of the people's choices were made. */
  used: number;
}

interface PlayOptions {
  seed?: number;
  machine?: ScenarioMachine;
  /** Stop after this many steps. */
  stepLimit?: number;
}

/**
 * Play from the start. The scenario makes every move that is not the people's; `pick` supplies theirs.
 * Stops at the end, when `pick` returns undefined, when stuck, or at `stepLimit` steps.
 */
export function playThrough(scenario: Scenario, seat: PlaySeat, pick: ChoicePicker, options: PlayOptions = {}): PlayThrough {
  const actor = createActor(options.machine ?? createScenarioMachine(scenario), { input: { seat, seed: options.seed ?? 1 } });
  actor.start();
  const used = drive(scenario, actor, pick, options.stepLimit);
  return { actor, steps: actor.getSnapshot().context.steps, used };
}

/** Replay a list of the people's choices from the start. Throws ReplayError when one is not offered where it is needed. */
export function playChoices(scenario: Scenario, seat: PlaySeat, choices: readonly string[], options: PlayOptions = {}): PlayThrough {
  const result = playThrough(scenario, seat, ({ index }) => choices[index], options);
  if (result.used < choices.length) throw new ReplayError(`The run ended after ${result.used} of ${choices.length} choices.`);
  return result;
}

/**
 * Rebuild a saved run: replay its choices and stop after exactly its number of steps. Throws ReplayError,
 * in words, when the run no longer fits the scenario (the scenario changed since it was saved).
 */
export function resumeRun(scenario: Scenario, plan: RunPlan, machine?: ScenarioMachine): PlayThrough {
  const misfit = new ReplayError(`its choices no longer lead through “${scenario.title}” the way they did`);
  let result: PlayThrough;
  try {
    result = playThrough(scenario, plan.seat, ({ index }) => plan.choices[index], {
      seed: plan.seed,
      stepLimit: plan.stepCount,
      ...(machine ? { machine } : {}),
    });
  } catch (error) {
    throw error instanceof ReplayError ? misfit : error;
  }
  if (result.used < plan.choices.length || result.steps.length !== plan.stepCount) {
    result.actor.stop();
    throw misfit;
  }
  return result;
}

/** The people's choices among the steps of a run (what `playChoices` takes), in order. */
export function personChoices(steps: readonly Pick<Step, 'auto' | 'event'>[]): string[] {
  return steps.filter((s) => !s.auto && s.event !== 'continue').map((s) => s.event);
}

/** A scene's choice events in the order the file declares them: the basis of share-link indexes. */
export function sceneChoiceEvents(scene: Scene): string[] {
  return sceneChoices(scene).map((c) => c.event);
}
