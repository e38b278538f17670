/**
 * Where a room's run stands: the scene it is at and what happens there, derived from the steps taken so
 * far with the engine's own effect and condition functions (the same ones the scenario machine uses).
 */
import { applyEffects, holds, type Standing } from '../engine/effects.ts';
import { emptyLedgers, judge, ledgerTotal, type Side, type Verdict } from '../engine/ledger.ts';
import type { PlaySeat, Step } from '../engine/machine.ts';
import { isPlayedByPerson, offeredChoices, simulatedPick, type OfferedChoice } from '../engine/run.ts';
import type { Choice, Scenario, Scene } from '../engine/schema.ts';

/** Who the room plays: one side (the scenario plays the other), or both sides as two teams. */
export type RoomMode = 'employer' | 'candidate' | 'teams';
export const ROOM_MODES: readonly RoomMode[] = ['employer', 'candidate', 'teams'];

/** The engine's seat for a room mode: teams play both sides. */
export function seatOf(mode: RoomMode): PlaySeat {
  return mode === 'teams' ? 'both' : mode;
}

/** The room modes a scenario offers: each listed seat, and teams when both seats are listed. */
export function modesFor(scenario: Scenario): RoomMode[] {
  const modes: RoomMode[] = [...scenario.seats];
  if (scenario.seats.length === 2) modes.push('teams');
  return modes;
}

/** What happens at the current scene, for the room. */
export type RoomTurn =
  | { kind: 'final'; verdict: Verdict }
  /** The room (or, in teams, the team of `side`) decides among `options`. */
  | { kind: 'decision'; side: Side; options: OfferedChoice[] }
  /** The scenario decides for the side nobody in the room plays. */
  | { kind: 'simulated'; side: Side; event: `choice.${string}`; choice: Choice }
  | { kind: 'continue' }
  /** A scene with no way on: the scenario file needs fixing. */
  | { kind: 'stuck' };

export interface Position {
  sceneId: string;
  scene: Scene;
  /** Ledgers, deal-breakers and flags after the steps taken. */
  standing: Standing;
  turn: RoomTurn;
}

/** The steps do not fit the scenario (it changed, or saved data is damaged). */
export class WalkError extends Error {}

export function initialStanding(): Standing {
  return { ledgers: emptyLedgers(), dealBreakers: { employer: null, candidate: null }, flags: [] };
}

function turnAt(scene: Scene, standing: Standing, seat: PlaySeat): RoomTurn {
  if (scene.type === 'final') return { kind: 'final', verdict: judge(standing.ledgers, standing.dealBreakers) };
  const decides = scene.meta.decides;
  if (!decides) {
    const value = scene.on?.continue;
    const branches = value === undefined ? [] : Array.isArray(value) ? value : [value];
    return branches.some((b) => holds(standing, b.guard)) ? { kind: 'continue' } : { kind: 'stuck' };
  }
  if (isPlayedByPerson(seat, decides)) {
    const options = offeredChoices(scene, standing);
    return options.length ? { kind: 'decision', side: decides, options } : { kind: 'stuck' };
  }
  const pick = simulatedPick(scene, standing);
  return pick ? { kind: 'simulated', side: decides, event: pick.event, choice: pick.choice } : { kind: 'stuck' };
}

const cache = new WeakMap<readonly Step[], Map<string, Position>>();

/**
 * Follow `steps` from the scenario's first scene. Throws WalkError when a step names another scene than
 * the one reached, or a choice that is not offered there. Results are cached per steps array (steps are
 * never mutated, only replaced).
 */
export function walk(scenario: Scenario, seat: PlaySeat, steps: readonly Step[]): Position {
  const key = `${scenario.id}|${seat}`;
  const known = cache.get(steps)?.get(key);
  if (known && known.scene === scenario.machine.states[known.sceneId]) return known;
  const states = scenario.machine.states;
  let sceneId = scenario.machine.initial;
  let standing = initialStanding();
  steps.forEach((step, i) => {
    const scene = states[sceneId];
    if (!scene || step.scene !== sceneId) {
      throw new WalkError(`Step ${i + 1} was taken in scene "${step.scene}", but the run is at "${sceneId}".`);
    }
    const value = scene.on?.[step.event];
    const taken = Array.isArray(value) ? value.find((b) => holds(standing, b.guard)) : value;
    if (!taken || (step.event !== 'continue' && !holds(standing, taken.guard))) {
      throw new WalkError(`Step ${i + 1}: "${step.event}" is not a way on from scene "${sceneId}" at that point.`);
    }
    standing = applyEffects(standing, taken.actions);
    sceneId = taken.target;
  });
  const scene = states[sceneId];
  if (!scene) throw new WalkError(`The run reached "${sceneId}", which is not a scene of "${scenario.id}".`);
  const position: Position = { sceneId, scene, standing, turn: turnAt(scene, standing, seat) };
  const forSteps = cache.get(steps) ?? new Map<string, Position>();
  forSteps.set(key, position);
  cache.set(steps, forSteps);
  return position;
}

/** The label of a choice, or the event name when the scenario no longer has it. */
export function choiceLabel(scenario: Scenario, sceneId: string, event: string): string {
  if (event === 'continue') return 'Continue';
  const value = scenario.machine.states[sceneId]?.on?.[event];
  return value && !Array.isArray(value) && 'meta' in value ? value.meta.label : event;
}

/** The name of whoever speaks in a scene: "Name, role", or "Narrator". */
export function speakerName(scenario: Scenario, scene: Scene): string {
  const person = scenario.cast[scene.meta.speaker];
  return person ? `${person.name}, ${person.role}` : 'Narrator';
}

/** What a choice would do from a standing: each ledger's change of total, and any deal-breaker it marks. */
export function choiceEffect(standing: Standing, choice: Choice): { totalDelta: Record<Side, number>; dealBreakers: Partial<Record<Side, string>> } {
  const next = applyEffects(standing, choice.actions);
  const totalDelta = { employer: 0, candidate: 0 };
  const dealBreakers: Partial<Record<Side, string>> = {};
  for (const side of ['employer', 'candidate'] as const) {
    totalDelta[side] = ledgerTotal(next.ledgers[side]) - ledgerTotal(standing.ledgers[side]);
    const marked = next.dealBreakers[side];
    if (marked !== null && standing.dealBreakers[side] === null) dealBreakers[side] = marked;
  }
  return { totalDelta, dealBreakers };
}

/** The choice behind an event at a scene, if the scenario has it. */
export function choiceAt(scenario: Scenario, sceneId: string, event: string | null): Choice | undefined {
  if (!event) return undefined;
  const value = scenario.machine.states[sceneId]?.on?.[event];
  return value && !Array.isArray(value) && 'meta' in value ? value : undefined;
}
