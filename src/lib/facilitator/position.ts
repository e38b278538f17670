/**
 * Where a room's run stands: the scene it is at and what happens there, found by following the steps
 * taken so far with the engine's step function (the one the scenario machine uses).
 */
import { applyEffects, type Standing } from '../engine/effects.ts';
import { changeBetween, type TimelineEntry } from '../engine/debrief.ts';
import { followSteps, sceneOf, StepError, turnAt, type PlaySeat, type RecordedStep, type Turn } from '../engine/step.ts';
import type { Choice, Scenario, Scene } from '../engine/schema.ts';

export { StepError };

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

export interface Position {
  sceneId: string;
  scene: Scene;
  /** Ledgers, deal-breakers and flags after the steps taken. */
  standing: Standing;
  /** Who acts next: the room (or, in teams, the team of `turn.side`) at a `player` turn. */
  turn: Turn;
}

const cache = new WeakMap<readonly RecordedStep[], Map<string, Position>>();

/**
 * Follow `steps` from the scenario's first scene with the engine's step function. Throws StepError when
 * they do not fit the scenario. Results are cached per steps array (steps are never mutated, only replaced).
 */
export function walk(scenario: Scenario, seat: PlaySeat, steps: readonly RecordedStep[]): Position {
  const key = `${scenario.id}|${seat}`;
  const known = cache.get(steps)?.get(key);
  if (known && known.scene === scenario.machine.states[known.sceneId]) return known;
  const { at } = followSteps(scenario, steps);
  const scene = sceneOf(scenario, at.scene);
  if (!scene) throw new StepError(`The run reached "${at.scene}", which is not a scene of "${scenario.id}".`);
  const position: Position = { sceneId: at.scene, scene, standing: at.standing, turn: turnAt(scenario, at, seat) };
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
export function choiceEffect(standing: Standing, choice: Choice): Pick<TimelineEntry, 'totalDelta' | 'dealBreakers'> {
  const { totalDelta, dealBreakers } = changeBetween(standing, applyEffects(standing, choice.actions));
  return { totalDelta, dealBreakers };
}

/** The choice behind an event at a scene, if the scenario has it. */
export function choiceAt(scenario: Scenario, sceneId: string, event: string | null): Choice | undefined {
  if (!event) return undefined;
  const value = scenario.machine.states[sceneId]?.on?.[event];
  return value && !Array.isArray(value) && 'meta' in value ? value : undefined;
}
