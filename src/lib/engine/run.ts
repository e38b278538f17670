/**
 * Playing a scenario: what the current scene offers, who acts, the simulated side's move, and replaying
 * a list of choices (for share links, tests and the analyser's paths).
 */
import { createActor, type Actor } from 'xstate';
import { isPlayedByPerson, offeredChoices, simulatedPick, type OfferedChoice } from './choices.ts';
import { createScenarioMachine, type PlaySeat, type RunSnapshot, type ScenarioMachine } from './machine.ts';
import { displayOrder } from './random.ts';
import { automaticMove, sceneOf, turnAt, type Position, type Turn } from './step.ts';
import type { Scenario, Scene } from './schema.ts';

export { isPlayedByPerson, offeredChoices, simulatedPick, type OfferedChoice };

export type { Turn };

/** The scene a snapshot is at. */
export function sceneAt(scenario: Scenario, snapshot: RunSnapshot): { id: string; scene: Scene } {
  const id = String(snapshot.value);
  const scene = sceneOf(scenario, id);
  if (!scene) throw new Error(`The run is at "${id}", which is not a scene of "${scenario.id}".`);
  return { id, scene };
}

/** The position a snapshot stands at, for the step function. */
export function positionOf(snapshot: RunSnapshot): Position {
  return { scene: String(snapshot.value), standing: snapshot.context };
}

/** Who acts in the current scene, for this seat arrangement. */
export function nextTurn(scenario: Scenario, snapshot: RunSnapshot): Turn {
  if (snapshot.status === 'done') return { kind: 'ended', verdict: snapshot.output! };
  return shownInOrder(turnAt(scenario, positionOf(snapshot), snapshot.context.seat), snapshot.context.seed, String(snapshot.value));
}

/** A turn with the people's options in the order the run shows them (its seed's shuffle of the file order). */
export function shownInOrder(turn: Turn, seed: number, sceneId: string): Turn {
  return turn.kind === 'player' ? { ...turn, choices: displayOrder(turn.choices, seed, sceneId) } : turn;
}

export class ReplayError extends Error {}

/** What a picker is asked at each of the people's turns. */
export interface PickRequest {
  sceneId: string;
  scene: Scene;
  /** The choices offered right now (their conditions hold). */
  offered: OfferedChoice[];
  /** 0-based count of the people's choices made so far. */
  index: number;
}

/** Returns the event to send, or undefined to stop and leave the run waiting at this turn. */
export type ChoicePicker = (request: PickRequest) => string | undefined;

/**
 * Drive a started actor on: the scenario makes every move that is not the people's (the simulated side,
 * continues); `pick` makes theirs. Stops at the end, when stuck, when `pick` returns undefined, or when
 * the run has `stepLimit` steps. Returns how many of the people's choices were made.
 * Throws ReplayError when `pick` names a choice that is not offered.
 */
export function drive(scenario: Scenario, actor: Actor<ScenarioMachine>, pick: ChoicePicker, stepLimit = 10_000): number {
  let used = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const snapshot = actor.getSnapshot();
    if (snapshot.context.steps.length >= stepLimit) break;
    const turn = nextTurn(scenario, snapshot);
    if (turn.kind === 'ended' || turn.kind === 'stuck') break;
    const automatic = automaticMove(turn);
    if (automatic) actor.send(automatic);
    else if (turn.kind === 'player') {
      const { id, scene } = sceneAt(scenario, snapshot);
      const wanted = pick({ sceneId: id, scene, offered: turn.choices, index: used });
      if (wanted === undefined) break;
      if (!turn.choices.some((c) => c.event === wanted)) {
        throw new ReplayError(`Step ${used + 1}: "${wanted}" is not a choice in scene "${id}" at this point.`);
      }
      actor.send({ type: wanted as `choice.${string}` });
      used++;
    }
  }
  return used;
}

/**
 * Play a run from the start: the people's choices are taken from `choices` in order, the scenario makes
 * every other move. Stops at the end, or when the choices run out at a player's turn.
 * Throws ReplayError when a choice is not offered where it is needed.
 */
export function replay(scenario: Scenario, seat: PlaySeat, choices: readonly string[], machine?: ScenarioMachine) {
  const actor = createActor(machine ?? createScenarioMachine(scenario), { input: { seat } });
  actor.start();
  const used = drive(scenario, actor, ({ index }) => choices[index]);
  if (used < choices.length) throw new ReplayError(`The run ended after ${used} of ${choices.length} choices.`);
  return actor;
}
