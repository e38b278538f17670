/**
 * The one step function: which transition a scene takes for an event (a person's choice, the simulated
 * side's pick, or `continue`), what it does to the standing, and who acts next. The XState machine's
 * guards and actions, the analyser, the debrief, the facilitator and the map all call these; nothing else
 * decides a transition.
 *
 * Pure: no XState, so the analyser and the map can use it without loading the machine.
 */
import { applyEffects, holds, type Standing } from './effects.ts';
import { emptyLedgers, judge, type Side, type Verdict } from './ledger.ts';
import { isPlayedByPerson, offeredChoices, simulatedPick, type OfferedChoice } from './choices.ts';
import type { Choice, ContinueTransition, Scenario, Scene } from './schema.ts';

/** Who the people at the device play: one side (the scenario plays the other), or both (pass-and-play). */
export type PlaySeat = Side | 'both';

/** An event that moves a run on: a choice (`auto` when the scenario made it for the simulated side) or `continue`. */
export type Move = { type: `choice.${string}`; auto?: boolean } | { type: 'continue' };

/** One step of a run, recorded as it is taken. */
export interface Step {
  /** The scene the step was taken in. */
  scene: string;
  /** The event: `choice.<name>` or `continue`. */
  event: string;
  /** The side that decided, or null where the scene simply continued. */
  side: Side | null;
  /** True when the scenario made the move (the simulated side, or a continue). */
  auto: boolean;
  /** The scene the step led to. */
  target: string;
  /** Which of the event's transitions was taken: its index among a `continue`'s branches, 0 for a choice. */
  branch: number;
}

/** A step as older saved data may hold it: without the transition it took (found again by `positionAfter`). */
export type RecordedStep = Omit<Step, 'target' | 'branch'> & Partial<Pick<Step, 'target' | 'branch'>>;

/** Where a run stands: its scene and the ledgers, deal-breakers and flags so far. */
export interface Position {
  scene: string;
  standing: Standing;
}

/** What happens next in a run, for a seat arrangement. */
export type Turn =
  | { kind: 'ended'; verdict: Verdict }
  /** A person (the seat's side, or either side in pass-and-play) chooses among `choices`. */
  | { kind: 'player'; side: Side; choices: OfferedChoice[] }
  /** The scenario decides for the side nobody plays. */
  | { kind: 'simulated'; side: Side; event: `choice.${string}`; choice: Choice }
  | { kind: 'continue' }
  /** A scene with no way on: the scenario file needs fixing. */
  | { kind: 'stuck' };

/** The result of a step: what was recorded, the transition taken, and where the run now stands. */
export interface Taken {
  step: Step;
  transition: Choice | ContinueTransition;
  /** The choice made, when the step was a choice. */
  choice?: Choice;
  next: Position;
}

export function startingStanding(): Standing {
  return { ledgers: emptyLedgers(), dealBreakers: { employer: null, candidate: null }, flags: [] };
}

export function startingPosition(scenario: Scenario): Position {
  return { scene: scenario.machine.initial, standing: startingStanding() };
}

/** The scene object of a scene id, or undefined (own properties only: ids such as "constructor" are names like any other). */
export function sceneOf(scenario: Scenario, id: string): Scene | undefined {
  return Object.hasOwn(scenario.machine.states, id) ? scenario.machine.states[id] : undefined;
}

/** The transitions an event has in a scene, in file order (a choice has one). */
export function transitionsOf(scene: Scene, event: string): (Choice | ContinueTransition)[] {
  if (!scene.on || !Object.hasOwn(scene.on, event)) return [];
  const value = scene.on[event];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * The transition an event takes from a standing: the first whose condition holds. For a choice that is
 * the choice itself while its condition holds. Returns null when the event is no way on right now.
 */
export function transitionFor(scene: Scene, event: string, standing: Standing): { branch: number; transition: Choice | ContinueTransition } | null {
  if (scene.type === 'final') return null;
  const isChoice = event !== 'continue';
  if (isChoice !== Boolean(scene.meta.decides)) return null;
  const branches = transitionsOf(scene, event);
  for (let branch = 0; branch < branches.length; branch++) {
    const transition = branches[branch]!;
    if (isChoice !== 'meta' in transition) return null;
    if (holds(standing, transition.guard)) return { branch, transition };
  }
  return null;
}

/** Take one step from a position, or null when `move` is not a way on there now. */
export function takeStep(scenario: Scenario, at: Position, move: Move): Taken | null {
  const scene = sceneOf(scenario, at.scene);
  if (!scene) return null;
  const found = transitionFor(scene, move.type, at.standing);
  if (!found) return null;
  const { branch, transition } = found;
  const isChoice = move.type !== 'continue';
  const step: Step = {
    scene: at.scene,
    event: move.type,
    side: isChoice ? (scene.meta.decides ?? null) : null,
    auto: !isChoice || ('auto' in move && move.auto === true),
    target: transition.target,
    branch,
  };
  const next = { scene: transition.target, standing: applyEffects(at.standing, transition.actions) };
  return { step, transition, ...('meta' in transition ? { choice: transition } : {}), next };
}

/** Who acts at a position, for a seat arrangement. */
export function turnAt(scenario: Scenario, at: Position, seat: PlaySeat): Turn {
  const scene = sceneOf(scenario, at.scene);
  if (!scene) return { kind: 'stuck' };
  if (scene.type === 'final') return { kind: 'ended', verdict: judge(at.standing.ledgers, at.standing.dealBreakers) };
  const decides = scene.meta.decides;
  if (!decides) return transitionFor(scene, 'continue', at.standing) ? { kind: 'continue' } : { kind: 'stuck' };
  if (isPlayedByPerson(seat, decides)) {
    const choices = offeredChoices(scene, at.standing);
    return choices.length ? { kind: 'player', side: decides, choices } : { kind: 'stuck' };
  }
  const pick = simulatedPick(scene, at.standing);
  return pick ? { kind: 'simulated', side: decides, event: pick.event, choice: pick.choice } : { kind: 'stuck' };
}

/** The move the scenario makes itself at a turn (the simulated side's pick, or continue), if any. */
export function automaticMove(turn: Turn): Move | null {
  if (turn.kind === 'continue') return { type: 'continue' };
  if (turn.kind === 'simulated') return { type: turn.event, auto: true };
  return null;
}

/** The steps do not fit the scenario (it changed, or saved data is damaged). */
export class StepError extends Error {}

/**
 * Follow recorded steps from the start through `takeStep`. Throws StepError when a step was taken in
 * another scene than the one reached, is no way on there, or took another transition than the one
 * recorded (the scenario changed). Returns the position and the steps with their transitions filled in.
 */
export function followSteps(
  scenario: Scenario,
  steps: readonly RecordedStep[],
  /** Follow on from a position already reached after the first `from.index` steps (default: the start). */
  from: { at: Position; index: number } = { at: startingPosition(scenario), index: 0 },
): { at: Position; steps: Step[]; taken: Taken[] } {
  let at = from.at;
  const taken: Taken[] = [];
  steps.forEach((recorded, i) => {
    if (i < from.index) return;
    if (recorded.scene !== at.scene) {
      throw new StepError(`Step ${i + 1} was taken in scene "${recorded.scene}", but the run is at "${at.scene}".`);
    }
    const move: Move = recorded.event === 'continue' ? { type: 'continue' } : { type: recorded.event as `choice.${string}`, auto: recorded.auto };
    const result = takeStep(scenario, at, move);
    if (
      !result ||
      (recorded.branch !== undefined && recorded.branch !== result.step.branch) ||
      (recorded.target !== undefined && recorded.target !== result.step.target)
    ) {
      throw new StepError(`Step ${i + 1}: "${recorded.event}" is not a way on from scene "${at.scene}" at that point.`);
    }
    taken.push(result);
    at = result.next;
  });
  return { at, steps: taken.map((t) => t.step), taken };
}

/**
 * The next turn that is not a plain `continue`: follows continues from a position (at most 1,000, so a
 * looping scenario cannot hang it). Pass-and-play uses it to hand the device over before the scenes that
 * lead to the next person's decision.
 */
export function upcomingTurn(scenario: Scenario, at: Position, seat: PlaySeat): Turn {
  let position = at;
  for (let hops = 0; hops < 1_000; hops++) {
    const turn = turnAt(scenario, position, seat);
    if (turn.kind !== 'continue') return turn;
    const taken = takeStep(scenario, position, { type: 'continue' });
    if (!taken) return { kind: 'stuck' };
    position = taken.next;
  }
  return { kind: 'stuck' };
}

/** One way on from a position for a seat: what was chosen or happened, who moved, and where the run then stands. */
export interface SeatMove {
  event: string;
  /** `player`: the person in the seat chose; `simulated`: the scenario chose for the other side; `continue`: nobody chose. */
  by: 'player' | 'simulated' | 'continue';
  /** The choice, when the person in the seat made one. */
  choice?: Choice;
  next: Position;
}

/**
 * The moves a seat has at a position, from `turnAt` and `takeStep`: each offered choice at the seat's
 * own decisions, else at most one (the simulated side's pick, or a continue). None when the run has
 * ended or is stuck. The analyser and the gameability report explore runs through this alone.
 */
export function movesAt(scenario: Scenario, at: Position, seat: PlaySeat): SeatMove[] {
  const turn = turnAt(scenario, at, seat);
  if (turn.kind === 'player') {
    return turn.choices.flatMap(({ event, choice }) => {
      const taken = takeStep(scenario, at, { type: event });
      return taken ? [{ event, by: 'player' as const, choice, next: taken.next }] : [];
    });
  }
  const move = automaticMove(turn);
  const taken = move && takeStep(scenario, at, move);
  return move && taken ? [{ event: move.type, by: turn.kind === 'simulated' ? ('simulated' as const) : ('continue' as const), next: taken.next }] : [];
}
