/**
 * Playing a scenario: what the current scene offers, who acts, the simulated side's move, and replaying
 * a list of choices (for share links, tests and the analyser's paths).
 */
import { createActor } from 'xstate';
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

/**
 * Play a run from the start: the people's choices are taken from `choices` in order, the scenario makes
 * every other move. Stops at the end, or when the choices run out at a player's turn.
 * Throws ReplayError when a choice is not offered where it is needed.
 */
export function replay(scenario: Scenario, seat: PlaySeat, choices: readonly string[], machine?: ScenarioMachine) {
  const actor = createActor(machine ?? createScenarioMachine(scenario), { input: { seat } });
  actor.start();
  let used = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const snapshot = actor.getSnapshot();
    const turn = nextTurn(scenario, snapshot);
    if (turn.kind === 'ended' || turn.kind === 'stuck') break;
    if (turn.kind === 'continue') actor.send({ type: 'continue' });
    else if (turn.kind === 'simulated') actor.send({ type: turn.event, auto: true });
    else {
      if (used >= choices.length) break;
      const wanted = choices[used]!;
      if (!turn.choices.some((c) => c.event === wanted)) {
        const scene = sceneAt(scenario, snapshot).id;
        throw new ReplayError(`Step ${used + 1}: "${wanted}" is not a choice in scene "${scene}" at this point.`);
      }
      actor.send({ type: wanted as `choice.${string}` });
      used++;
    }
  }
  if (used < choices.length) throw new ReplayError(`The run ended after ${used} of ${choices.length} choices.`);
  return actor;
}
