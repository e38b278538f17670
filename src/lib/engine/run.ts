/**
 * Playing a scenario: what the current scene offers, who acts, the simulated side's move, and replaying
 * a list of choices (for share links, tests and the analyser's paths).
 */
import { createActor, type Actor } from 'xstate';
import { isPlayedByPerson, offeredChoices, simulatedPick, type OfferedChoice } from './choices.ts';
import { createScenarioMachine, type PlaySeat, type RunSnapshot, type ScenarioMachine } from './machine.ts';
import type { Side, Verdict } from './ledger.ts';
import type { Choice, Scenario, Scene } from './schema.ts';

export { isPlayedByPerson, offeredChoices, simulatedPick, type OfferedChoice };

/** What happens next in a run. */
export type Turn =
  | { kind: 'ended'; verdict: Verdict }
  | { kind: 'player'; side: Side; choices: OfferedChoice[] }
  | { kind: 'simulated'; side: Side; event: `choice.${string}`; choice: Choice }
  | { kind: 'continue' }
  | { kind: 'stuck' };

export function sceneAt(scenario: Scenario, snapshot: RunSnapshot): { id: string; scene: Scene } {
  const id = String(snapshot.value);
  const scene = scenario.machine.states[id];
  if (!scene) throw new Error(`The run is at "${id}", which is not a scene of "${scenario.id}".`);
  return { id, scene };
}

/** Who acts in the current scene, for this seat arrangement. */
export function nextTurn(scenario: Scenario, snapshot: RunSnapshot): Turn {
  if (snapshot.status === 'done') return { kind: 'ended', verdict: snapshot.output! };
  const { scene } = sceneAt(scenario, snapshot);
  const decides = scene.meta.decides;
  if (!decides) return snapshot.can({ type: 'continue' }) ? { kind: 'continue' } : { kind: 'stuck' };
  if (isPlayedByPerson(snapshot.context.seat, decides)) {
    const choices = offeredChoices(scene, snapshot.context);
    return choices.length ? { kind: 'player', side: decides, choices } : { kind: 'stuck' };
  }
  const pick = simulatedPick(scene, snapshot.context);
  return pick ? { kind: 'simulated', side: decides, event: pick.event, choice: pick.choice } : { kind: 'stuck' };
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
 * continues); `pick` makes theirs. Stops at the end, when stuck, or when `pick` returns undefined; calls
 * `afterStep` after every step. Returns how many of the people's choices were made.
 * Throws ReplayError when `pick` names a choice that is not offered.
 */
export function drive(scenario: Scenario, actor: Actor<ScenarioMachine>, pick: ChoicePicker, afterStep?: () => void): number {
  let used = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const snapshot = actor.getSnapshot();
    const turn = nextTurn(scenario, snapshot);
    if (turn.kind === 'ended' || turn.kind === 'stuck') break;
    if (turn.kind === 'continue') actor.send({ type: 'continue' });
    else if (turn.kind === 'simulated') actor.send({ type: turn.event, auto: true });
    else {
      const { id, scene } = sceneAt(scenario, snapshot);
      const wanted = pick({ sceneId: id, scene, offered: turn.choices, index: used });
      if (wanted === undefined) break;
      if (!turn.choices.some((c) => c.event === wanted)) {
        throw new ReplayError(`Step ${used + 1}: "${wanted}" is not a choice in scene "${id}" at this point.`);
      }
      actor.send({ type: wanted as `choice.${string}` });
      used++;
    }
    afterStep?.();
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
