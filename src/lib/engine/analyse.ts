/**
 * The analyser: explores every reachable state of a scenario for each seat it can be played from, and
 * reports unreachable scenes, dead ends, choices with no effect, each outcome's reachability with a
 * shortest path, the distinct endings, and the share of complete paths ending in each outcome.
 *
 * It explores states (scene + ledgers + deal-breakers + flags), not raw paths, so paths that meet again
 * are explored once. It uses the same effect and condition functions as the XState machine.
 */
import { singleConditions, type Standing } from './effects.ts';
import { judge, ledgerTotal, OUTCOMES, type Dimension, type Outcome, type Side } from './ledger.ts';
import { automaticMove, startingPosition, startingStanding, takeStep, turnAt, type Move, type Position } from './step.ts';
import type { Guard, Scenario, Scene } from './schema.ts';
import { mulberry32 } from './random.ts';

export { mulberry32 };

/** One step on a path through a scenario. */
export interface PathStep {
  scene: string;
  event: string;
  /** `player`: the person in the seat chose; `simulated`: the scenario chose for the other side; `continue`: nobody chose. */
  by: 'player' | 'simulated' | 'continue';
}

export interface OutcomeReach {
  reachable: boolean;
  /** The fewest steps to this outcome (all steps, including the scenario's own moves). */
  shortestPath?: PathStep[];
  /** The person's choices along that path, in order: what `replay()` takes. */
  choices?: string[];
}

export interface OutcomeShares {
  /** `exact`: counted over every complete path; `estimate`: sampled by random play, because paths are too many or endless. */
  method: 'exact' | 'estimate';
  /** How many complete paths were counted (exact, as a decimal string), or how many random plays were sampled. */
  paths: string;
  /** Share of paths in each outcome, 0…1. */
  byOutcome: Record<Outcome, number>;
}

export interface DeadEnd {
  scene: string;
  reason: string;
}

export interface SeatAnalysis {
  seat: Side;
  /** Distinct states explored. */
  states: number;
  /** False when exploration stopped at the state limit; reachability is then a lower bound. */
  complete: boolean;
  reachableScenes: string[];
  deadEnds: DeadEnd[];
  outcomes: Record<Outcome, OutcomeReach>;
  /** Distinct endings: pairs of final scene and outcome that can be reached. */
  endings: number;
  /** For each reachable final scene, the outcomes a run ending there can have, in OUTCOMES order. */
  finalScenes: Record<string, Outcome[]>;
  shares: OutcomeShares;
}

export interface ScenarioAnalysis {
  id: string;
  title: string;
  seats: SeatAnalysis[];
  /** Scenes that no claimed seat can reach. */
  unreachableScenes: string[];
  /** Non-final scenes with no way on: never any transition, or stuck in some reachable state. */
  deadEnds: DeadEnd[];
  /** Choices whose transition has no effect on either ledger or any flag. */
  choicesWithoutEffect: { scene: string; event: string }[];
  /** Seats that cannot reach all four outcomes, in words. Non-empty means the scenario is incomplete. */
  missingOutcomes: string[];
  /** Whether every claimed seat reaches all four outcomes. */
  complete: boolean;
  /** Time the analysis took, in milliseconds. */
  millis: number;
}

export interface AnalyseOptions {
  /** Stop exploring a seat after this many states (default 400,000). */
  maxStates?: number;
  /** Random plays used for an estimate (default 4,000). */
  samples?: number;
}

interface Node {
  scene: string;
  standing: Standing;
  parent: number;
  step: PathStep | null;
  /** Child node indices, one entry per move (two moves to one state count twice). */
  next: number[];
  outcome: Outcome | null;
}

/**
 * A key that two standings share exactly when nothing later in the scenario can tell them apart: the
 * outcome reads only each ledger's total, so a dimension is kept on its own only where some condition
 * tests it. Paths that differ only in how a total was made up are explored once.
 */
function keyMaker(scenario: Scenario): (scene: string, s: Standing) => string {
  const tested: Record<Side, Dimension[]> = { employer: [], candidate: [] };
  // Conditions inside `and`, `or` and `not` count too: a dimension tested anywhere is kept.
  for (const guard of allGuards(scenario).flatMap(singleConditions)) {
    if ((guard.type === 'ledgerAtLeast' || guard.type === 'ledgerBelow') && guard.params.dimension) {
      const list = tested[guard.params.ledger];
      if (!list.includes(guard.params.dimension)) list.push(guard.params.dimension);
    }
  }
  const part = (side: Side, s: Standing) => {
    const ledger = s.ledgers[side];
    let key = String(ledgerTotal(ledger));
    for (const d of tested[side]) key += `,${ledger[d]}`;
    return `${key}|${s.dealBreakers[side] === null ? '' : 'x'}`;
  };
  return (scene, s) => `${scene}|${part('employer', s)}|${part('candidate', s)}|${s.flags.join(',')}`;
}

/** Every condition written in the scenario (on npc rules, choices and continue branches), as written. */
function allGuards(scenario: Scenario): Guard[] {
  const guards: Guard[] = [];
  for (const scene of Object.values(scenario.machine.states)) {
    for (const rule of scene.meta.npc ?? []) if (rule.guard) guards.push(rule.guard);
    for (const value of Object.values(scene.on ?? {})) {
      for (const t of Array.isArray(value) ? value : value ? [value] : []) if (t.guard) guards.push(t.guard);
    }
  }
  return guards;
}

/** The moves available at a position for a seat: several at the player's decisions, else at most one. */
function movesFrom(scenario: Scenario, at: Position, seat: Side): { step: PathStep; next: Position }[] {
  const turn = turnAt(scenario, at, seat);
  const moves: Move[] = turn.kind === 'player' ? turn.choices.map(({ event }) => ({ type: event })) : [automaticMove(turn)].filter((m) => m !== null);
  const by: PathStep['by'] = turn.kind === 'player' ? 'player' : turn.kind === 'simulated' ? 'simulated' : 'continue';
  return moves.flatMap((move) => {
    const taken = takeStep(scenario, at, move);
    return taken ? [{ step: { scene: at.scene, event: move.type, by }, next: taken.next }] : [];
  });
}

export function analyseSeat(scenario: Scenario, seat: Side, options: AnalyseOptions = {}): SeatAnalysis {
  const maxStates = options.maxStates ?? 400_000;
  const states = scenario.machine.states;
  const nodes: Node[] = [];
  const index = new Map<string, number>();
  const deadEnds = new Map<string, string>();
  const reachableScenes = new Set<string>();
  const endings = new Set<string>();
  const finalScenes: Record<string, Set<Outcome>> = {};
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, { reachable: false } as OutcomeReach])) as Record<Outcome, OutcomeReach>;

  const stateKey = keyMaker(scenario);
  const add = (scene: string, standing: Standing, parent: number, step: PathStep | null): number => {
    const key = stateKey(scene, standing);
    const known = index.get(key);
    if (known !== undefined) return known;
    nodes.push({ scene, standing, parent, step, next: [], outcome: null });
    index.set(key, nodes.length - 1);
    return nodes.length - 1;
  };

  add(scenario.machine.initial, startingStanding(), -1, null);
  let complete = true;
  // Breadth-first: the first time an outcome is met, its path is a shortest one.
  for (let at = 0; at < nodes.length; at++) {
    if (nodes.length > maxStates) {
      complete = false;
      break;
    }
    const node = nodes[at]!;
    const scene = states[node.scene]!;
    reachableScenes.add(node.scene);
    if (scene.type === 'final') {
      const { outcome } = judge(node.standing.ledgers, node.standing.dealBreakers);
      node.outcome = outcome;
      endings.add(`${node.scene}|${outcome}`);
      (finalScenes[node.scene] ??= new Set()).add(outcome);
      if (!outcomes[outcome].reachable) outcomes[outcome] = { reachable: true, ...pathTo(nodes, at) };
      continue;
    }
    const moves = movesFrom(scenario, { scene: node.scene, standing: node.standing }, seat);
    if (!moves.length && !deadEnds.has(node.scene)) deadEnds.set(node.scene, deadEndReason(scene, seat));
    for (const move of moves) node.next.push(add(move.next.scene, move.next.standing, at, move.step));
  }

  const shares = complete ? countShares(nodes) : null;
  return {
    seat,
    states: nodes.length,
    complete,
    reachableScenes: [...reachableScenes].sort(),
    deadEnds: [...deadEnds].map(([scene, reason]) => ({ scene, reason })),
    outcomes,
    endings: endings.size,
    finalScenes: Object.fromEntries(Object.entries(finalScenes).map(([scene, set]) => [scene, OUTCOMES.filter((o) => set.has(o))])),
    shares: shares ?? sampleShares(scenario, seat, options.samples ?? 4_000),
  };
}

function deadEndReason(scene: Scene, seat: Side): string {
  const decides = scene.meta.decides;
  if (!scene.on || Object.keys(scene.on).length === 0) return 'the scene has no choices and no continue';
  if (decides === seat) return 'no choice is offered here in some run (every choice has a condition that fails)';
  if (decides) return `the scenario's rules for the ${decides} pick no offered choice in some run`;
  return 'no continue branch applies in some run (every branch has a condition that fails)';
}

function pathTo(nodes: Node[], at: number): { shortestPath: PathStep[]; choices: string[] } {
  const path: PathStep[] = [];
  for (let i = at; nodes[i]!.step; i = nodes[i]!.parent) path.push(nodes[i]!.step!);
  path.reverse();
  return { shortestPath: path, choices: path.filter((s) => s.by === 'player').map((s) => s.event) };
}

/** Exact path counts over the state graph, or null if the graph has a cycle (paths are then endless). */
function countShares(nodes: Node[]): OutcomeShares | null {
  const order = topologicalOrder(nodes);
  if (!order) return null;
  const ways: bigint[] = new Array(nodes.length).fill(0n);
  ways[0] = 1n;
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0n])) as Record<Outcome, bigint>;
  for (const i of order) {
    const node = nodes[i]!;
    const w = ways[i]!;
    if (node.outcome) byOutcome[node.outcome] += w;
    for (const child of node.next) ways[child] = ways[child]! + w;
  }
  const total = OUTCOMES.reduce((sum, o) => sum + byOutcome[o], 0n);
  return {
    method: 'exact',
    paths: total.toString(),
    byOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, ratio(byOutcome[o], total)])) as Record<Outcome, number>,
  };
}

/** A big-integer ratio as a float, exact to about 15 digits. */
function ratio(part: bigint, total: bigint): number {
  if (total === 0n) return 0;
  const scale = 10n ** 15n;
  return Number((part * scale) / total) / 1e15;
}

/** Nodes in topological order from the root, or null when a cycle is found. Iterative depth-first. */
function topologicalOrder(nodes: Node[]): number[] | null {
  const mark = new Uint8Array(nodes.length); // 0 new, 1 on stack, 2 done
  const post: number[] = [];
  const stack: [number, number][] = [[0, 0]];
  mark[0] = 1;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const [i, childAt] = top;
    const next = nodes[i]!.next;
    if (childAt < next.length) {
      top[1]++;
      const child = next[childAt]!;
      if (mark[child] === 1) return null;
      if (mark[child] === 0) {
        mark[child] = 1;
        stack.push([child, 0]);
      }
    } else {
      mark[i] = 2;
      post.push(i);
      stack.pop();
    }
  }
  return post.reverse();
}

/** Estimate shares by random play with a fixed seed, so the figures reproduce. */
function sampleShares(scenario: Scenario, seat: Side, samples: number): OutcomeShares {
  const random = mulberry32(0x5eed);
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  let finished = 0;
  for (let n = 0; n < samples; n++) {
    let at = startingPosition(scenario);
    for (let steps = 0; steps < 5_000; steps++) {
      const scene = scenario.machine.states[at.scene]!;
      if (scene.type === 'final') {
        counts[judge(at.standing.ledgers, at.standing.dealBreakers).outcome]++;
        finished++;
        break;
      }
      const moves = movesFrom(scenario, at, seat);
      if (!moves.length) break;
      at = moves[Math.floor(random() * moves.length)]!.next;
    }
  }
  return {
    method: 'estimate',
    paths: String(samples),
    byOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, finished ? counts[o] / finished : 0])) as Record<Outcome, number>,
  };
}

export function analyseScenario(scenario: Scenario, options: AnalyseOptions = {}): ScenarioAnalysis {
  const started = performance.now();
  const seats = scenario.seats.map((seat) => analyseSeat(scenario, seat, options));
  const reached = new Set(seats.flatMap((s) => s.reachableScenes));
  const deadEnds = new Map<string, string>();
  for (const seat of seats) for (const d of seat.deadEnds) deadEnds.set(d.scene, d.reason);
  const choicesWithoutEffect: { scene: string; event: string }[] = [];
  for (const [sceneId, scene] of Object.entries(scenario.machine.states)) {
    if (scene.type !== 'final' && !scene.on) deadEnds.set(sceneId, 'the scene has no choices and no continue');
    for (const [event, value] of Object.entries(scene.on ?? {})) {
      if (event !== 'continue' && value && !Array.isArray(value) && value.actions.length === 0) {
        choicesWithoutEffect.push({ scene: sceneId, event });
      }
    }
  }
  const missingOutcomes = seats.flatMap((s) => {
    const missing = OUTCOMES.filter((o) => !s.outcomes[o].reachable);
    return missing.length ? [`from the ${s.seat}'s seat, ${missing.join(', ')} cannot be reached`] : [];
  });
  return {
    id: scenario.id,
    title: scenario.title,
    seats,
    unreachableScenes: Object.keys(scenario.machine.states).filter((id) => !reached.has(id)),
    deadEnds: [...deadEnds].map(([scene, reason]) => ({ scene, reason })),
    choicesWithoutEffect,
    missingOutcomes,
    complete: missingOutcomes.length === 0,
    millis: performance.now() - started,
  };
}
