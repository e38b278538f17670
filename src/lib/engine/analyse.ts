/**
 * The analyser: explores every reachable state of a scenario for each seat it can be played from, and
 * reports unreachable scenes, dead ends, choices with no effect, each outcome's reachability with a
 * shortest path, the distinct endings, and the share of complete paths ending in each outcome.
 *
 * It explores states (scene + ledgers + deal-breakers + flags), not raw paths, so paths that meet again
 * are explored once. It uses the same effect and condition functions as the XState machine.
 */
import type { Standing } from './effects.ts';
import { judge, ledgerTotal, OUTCOMES, type Outcome, type Side } from './ledger.ts';
import { sceneChoices } from './choices.ts';
import { movesAt, sceneOf, startingPosition, startingStanding, type Position } from './step.ts';
import { clamp, hasLoop, sceneEdges, sceneGroups, testedBy, totalCuts, totalWindows, type SceneEdge, type Tested, type Window } from './analyse-abstraction.ts';
import { searchRegions, type RegionSearch } from './analyse-regions.ts';
import type { Scenario, Scene } from './schema.ts';
import { mulberry32 } from './random.ts';
import { stronglyConnected } from './strongly-connected.ts';

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
  /** Share of paths in each outcome, 0…1 (for an estimate: of the plays that finished). */
  byOutcome: Record<Outcome, number>;
  /**
   * Estimates only: why the shares were sampled (`loops`: paths are endless; `state limit`: exploration
   * stopped; `large`: every state was found, but too many to count paths over them one by one).
   */
  why?: 'loops' | 'state limit' | 'large';
  /** Estimates only: how many of the sampled plays reached a final scene (the rest were stuck or went on too long). */
  finished?: number;
  /** Estimates only: a 95% interval (Wilson) for each share, 0…1. */
  interval?: Record<Outcome, [number, number]>;
  /**
   * Estimates only: a bound that holds for every share at 95% (Hoeffding: ±√(ln(2/0.05) / 2n) over the n
   * finished plays), so a share reads "estimated ± margin".
   */
  margin?: number;
}

export interface DeadEnd {
  scene: string;
  reason: string;
}

/** Scenes a run can enter but never leave for a final scene: it goes round them for ever. */
export interface Trap {
  /** The scenes of the trap, sorted. */
  scenes: string[];
  /** The seats from which a run can fall into it. */
  seats: Side[];
  /** `always`: no way out whatever the conditions; `in some runs`: the conditions close every way out in some runs. */
  kind: 'always' | 'in some runs';
}

export interface SeatAnalysis {
  seat: Side;
  /** Distinct states explored. */
  states: number;
  /** False when exploration stopped at the state limit; reachability is then a lower bound. */
  complete: boolean;
  reachableScenes: string[];
  deadEnds: DeadEnd[];
  /** Reachable sets of scenes with no way to a final scene (found only when exploration is complete). */
  traps: Trap[];
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
  /** Sets of scenes a run can enter and never leave for a final scene (a `continue` to itself, two scenes that only lead to each other…). */
  traps: Trap[];
  /** Whether every seat's exploration finished (false: it stopped at the state limit, and findings are a lower bound). */
  explored: boolean;
  /** Choices whose transition has no effect on either ledger or any flag. */
  choicesWithoutEffect: { scene: string; event: string }[];
  /** Seats that cannot reach all four outcomes, in words. Non-empty means the scenario is incomplete. */
  missingOutcomes: string[];
  /**
   * Whether the scenario is finished and fully checked: every claimed seat reaches all four outcomes, no
   * dead end, no trap, and every seat was explored to the end. Outcome shares may still be estimated
   * (where loops make paths endless); see each seat's `shares.method`.
   */
  complete: boolean;
  /** Time the analysis took, in milliseconds. */
  millis: number;
}

export interface AnalyseOptions {
  /** Stop exploring a seat after this many states (default 400,000). */
  maxStates?: number;
  /** Random plays used for an estimate (default 4,000). */
  samples?: number;
  /**
   * Scenarios whose scenes never loop and whose conditions read only totals are searched region by region
   * (`analyse-regions.ts`); when that search finds at most this many states (default 100,000), they are
   * explored one by one as well, to count paths exactly and list states.
   */
  exactStates?: number;
  /** The region search stops when its grids would hold more than this many 32-bit words (default 64 million: 256 MB). */
  maxWords?: number;
  /** Where finished state searches are kept for a later report over the same scenario (see `StateGraphs`). */
  graphs?: StateGraphs;
}

/** One state of a seat's state graph. */
export interface StateNode {
  scene: string;
  /** The first standing that reached this state (every standing with the same key has the same future). */
  standing: Standing;
  /** The node it was first reached from (−1 for the start), and by which step: a shortest path back. */
  parent: number;
  step: PathStep | null;
  /** Child node indices, one entry per move (two moves to one state count twice). */
  next: number[];
  /** The outcome, once a final scene's node has been expanded; null elsewhere. */
  outcome: Outcome | null;
}

/** The states a seat can reach, as the analyser's state-by-state search finds them. */
export interface StateGraph {
  /** Breadth-first order from the start (node 0). */
  nodes: StateNode[];
  /** Nodes whose moves were followed (and final outcomes judged): the first `expanded`; all of them when complete. */
  expanded: number;
  /** False when the search stopped past its state limit: the graph is then a part, its unexpanded nodes without moves. */
  complete: boolean;
}

/**
 * A key that two standings share exactly when nothing later in the scenario can tell them apart (see
 * `analyse-abstraction.ts`): each ledger's total clamped to the window the rest of the run can still
 * tell apart, a dimension on its own only where some condition tests it, whether each deal-breaker is
 * marked, and the flags that some condition tests. Paths that differ only in what no condition or
 * outcome can see are explored once.
 */
function keyMaker(windows: Map<string, Record<Side, Window>>, tested: Tested): StateKey {
  const dimensions = tested.dimensionsOf;
  const part = (side: Side, window: Window, s: Standing) => {
    const ledger = s.ledgers[side];
    let key = String(clamp(window, ledgerTotal(ledger)));
    for (const d of dimensions[side]) key += `,${ledger[d]}`;
    return `${key}|${s.dealBreakers[side] === null ? '' : 'x'}`;
  };
  return (scene, s) => {
    const w = windows.get(scene)!;
    return `${scene}|${part('employer', w.employer, s)}|${part('candidate', w.candidate, s)}|${s.flags.filter((f) => tested.flags.has(f)).join(',')}`;
  };
}

/** A state's key: two positions with the same key have the same future (same moves to same keys, same outcome). */
export type StateKey = (scene: string, standing: Standing) => string;

/** The analyser's state key for a scenario (see `keyMaker`), for searches and walks outside `analyseSeat`. */
export function stateKeyOf(scenario: Scenario): StateKey {
  const edges = sceneEdges(scenario);
  return keyMaker(totalWindows(scenario, edges, sceneGroups(edges)), testedBy(scenario));
}

/**
 * Finished state searches of one scenario, by seat, kept so that a second report over the same scenario
 * (the checker runs the analyser, then the gameability report) does not search again. A finished graph
 * is what the search finds under any limit it fits, so it answers every later search whose limit it fits;
 * a search cut short is never kept. Pass the same one to `analyseScenario` and `gameability`
 * (`graphs` in their options); it holds its graphs until it is dropped.
 */
export interface StateGraphs {
  readonly scenario: Scenario;
  readonly bySeat: Map<Side, StateGraph>;
}

/** An empty store of finished state searches for `scenario`. */
export function stateGraphs(scenario: Scenario): StateGraphs {
  return { scenario, bySeat: new Map() };
}

/**
 * The state-by-state search: breadth-first from the start over abstract states (`key`), each state's
 * moves from the step function (`movesAt`), stopping once more than `maxStates` states are known. The
 * analyser's own search, exported so that reports which need the states themselves (the gameability
 * report) build on it rather than search again their own way. With `graphs` (for this scenario, and the
 * analyser's key), a finished search is kept there, and one already kept that fits `maxStates` is
 * returned as it is: the same nodes in the same order as a new search would find.
 */
export function exploreStates(scenario: Scenario, seat: Side, maxStates: number, key: StateKey = stateKeyOf(scenario), graphs?: StateGraphs): StateGraph {
  const store = graphs?.scenario === scenario ? graphs.bySeat : undefined;
  const known = store?.get(seat);
  // A search stops only once it holds more than `maxStates` states: a finished graph of at most that many is what it would find.
  if (known && known.nodes.length <= maxStates) return known;
  const graph = searchGraph(scenario, seat, maxStates, key);
  if (graph.complete) store?.set(seat, graph);
  return graph;
}

function searchGraph(scenario: Scenario, seat: Side, maxStates: number, key: StateKey): StateGraph {
  const nodes: StateNode[] = [];
  const index = new Map<string, number>();
  const add = (scene: string, standing: Standing, parent: number, step: PathStep | null): number => {
    const k = key(scene, standing);
    const known = index.get(k);
    if (known !== undefined) return known;
    nodes.push({ scene, standing, parent, step, next: [], outcome: null });
    index.set(k, nodes.length - 1);
    return nodes.length - 1;
  };
  add(scenario.machine.initial, startingStanding(), -1, null);
  let at = 0;
  for (; at < nodes.length; at++) {
    if (nodes.length > maxStates) return { nodes, expanded: at, complete: false };
    const node = nodes[at]!;
    if (sceneOf(scenario, node.scene)!.type === 'final') {
      node.outcome = judge(node.standing.ledgers, node.standing.dealBreakers).outcome;
      continue;
    }
    for (const move of movesFrom(scenario, { scene: node.scene, standing: node.standing }, seat))
      node.next.push(add(move.next.scene, move.next.standing, at, move.step));
  }
  return { nodes, expanded: at, complete: true };
}

/** The moves available at a position for a seat, as path steps: several at the player's decisions, else at most one. */
function movesFrom(scenario: Scenario, at: Position, seat: Side): { step: PathStep; next: Position }[] {
  return movesAt(scenario, at, seat).map((m) => ({ step: { scene: at.scene, event: m.event, by: m.by }, next: m.next }));
}

export function analyseSeat(scenario: Scenario, seat: Side, options: AnalyseOptions = {}): SeatAnalysis {
  const edges = sceneEdges(scenario);
  const groups = sceneGroups(edges);
  const windows = totalWindows(scenario, edges, groups);
  const tested = testedBy(scenario);
  const key = keyMaker(windows, tested);
  const maxStates = options.maxStates ?? 400_000;
  const loops = hasLoop(edges, groups);
  if (!tested.dimensions && !loops) {
    // Most scenarios are small: the state-by-state search finishes at once, with exact shares. Only when it
    // outgrows a small bound does the region search (which scales) take over; a scenario with many scenes
    // goes to it at once, as the small search could not finish (every scene is at least one state).
    const exactStates = options.exactStates ?? 100_000;
    if (Object.keys(scenario.machine.states).length <= SMALL_SCENES) {
      const small = searchStates(scenario, seat, key, Math.min(maxStates, exactStates, SMALL_STATES), options);
      if (small.complete) return small.analysis();
    }
    const search = searchRegions(scenario, seat, edges, windows, tested, (scene, side) => totalCuts(scenario, scene, side), {
      maxWords: options.maxWords,
    });
    // More states than the state-by-state search may list: everything reachable is known, the shares are estimated.
    if (!search.complete || search.states > Math.min(exactStates, maxStates)) return fromRegions(scenario, seat, search, options.samples ?? 4_000);
  }
  // Round a loop whose ledgers keep changing, no state repeats: past a smaller bound, estimate instead.
  return searchStates(scenario, seat, key, loops ? Math.min(maxStates, LOOP_STATES) : maxStates, options).analysis();
}

/**
 * States the state-by-state search may reach when the scenes loop. A loop that clamps its totals (or
 * leaves them alone) closes well within it; one whose totals keep growing would fill any bound, and
 * exploring it further only delays the estimate.
 */
const LOOP_STATES = 30_000;

/** States the state-by-state search may reach before a loop-free scenario is handed to the region search. */
const SMALL_STATES = 20_000;

/**
 * Past this many scenes a loop-free scenario goes straight to the region search: the scenes of a branching
 * story hold several states each, so the small search would only fill its bound first (at 10,000 scenes
 * that was 40% of the analysis).
 */
const SMALL_SCENES = 4_000;

/**
 * The state-by-state search (`exploreStates`), stopping past `maxStates`. It says whether it finished;
 * its analysis (what it reached, with shares counted, or estimated by random play when it did not
 * finish) is worked out only when asked for, so a search tried first and cut short costs no sampling.
 */
function searchStates(
  scenario: Scenario,
  seat: Side,
  key: StateKey,
  maxStates: number,
  options: AnalyseOptions,
): { complete: boolean; analysis(): SeatAnalysis } {
  const { nodes, expanded, complete } = exploreStates(scenario, seat, maxStates, key, options.graphs);
  const analysis = (): SeatAnalysis => {
    const deadEnds = new Map<string, string>();
    const reachableScenes = new Set<string>();
    const endings = new Set<string>();
    // A Map, not an object: scene ids such as "constructor" are names like any other.
    const finalScenes = new Map<string, Set<Outcome>>();
    const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, { reachable: false } as OutcomeReach])) as Record<Outcome, OutcomeReach>;
    // In breadth-first order: the first time an outcome is met, its path is a shortest one.
    for (let at = 0; at < expanded; at++) {
      const node = nodes[at]!;
      reachableScenes.add(node.scene);
      const outcome = node.outcome;
      if (outcome) {
        endings.add(`${node.scene}|${outcome}`);
        if (!finalScenes.has(node.scene)) finalScenes.set(node.scene, new Set());
        finalScenes.get(node.scene)!.add(outcome);
        if (!outcomes[outcome].reachable) outcomes[outcome] = { reachable: true, ...pathTo(nodes, at) };
      } else if (!node.next.length && !deadEnds.has(node.scene)) {
        deadEnds.set(node.scene, deadEndReason(sceneOf(scenario, node.scene)!, seat));
      }
    }
    const ends = complete ? canEnd(nodes) : null;
    const samples = options.samples ?? 4_000;
    const shares = complete ? (countShares(nodes) ?? sampleGraph(nodes, ends!, samples)) : sampleShares(scenario, seat, samples);
    return {
      seat,
      states: nodes.length,
      complete,
      reachableScenes: [...reachableScenes].sort(),
      deadEnds: [...deadEnds].map(([scene, reason]) => ({ scene, reason })),
      traps: ends ? trapsIn(nodes, ends, seat) : [],
      outcomes,
      endings: endings.size,
      finalScenes: Object.fromEntries([...finalScenes].map(([scene, set]) => [scene, OUTCOMES.filter((o) => set.has(o))])),
      shares,
    };
  };
  return { complete, analysis };
}

/**
 * A seat's analysis from the region search: exact reachability, shortest paths, dead ends and endings
 * (the scenes never loop, so there is no trap beyond those found scene by scene); shares estimated by
 * random play over the states found, with a bound.
 */
function fromRegions(scenario: Scenario, seat: Side, search: RegionSearch, samples: number): SeatAnalysis {
  const outcomes = Object.fromEntries(
    OUTCOMES.map((o) => {
      const path = search.shortest[o];
      return [o, path ? { reachable: true, shortestPath: path, choices: path.filter((s) => s.by === 'player').map((s) => s.event) } : { reachable: false }];
    }),
  ) as Record<Outcome, OutcomeReach>;
  const random = mulberry32(0x5eed);
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  let finished = 0;
  for (let n = 0; n < samples; n++) {
    const outcome = search.play(random);
    if (outcome === null) continue;
    counts[outcome]++;
    finished++;
  }
  return {
    seat,
    states: search.states,
    complete: search.complete,
    reachableScenes: [...search.reachableScenes].sort(),
    deadEnds: [...search.deadEnds].map((scene) => ({ scene, reason: deadEndReason(sceneOf(scenario, scene)!, seat) })),
    traps: [],
    outcomes,
    endings: [...search.finalScenes.values()].reduce((n, set) => n + set.size, 0),
    finalScenes: Object.fromEntries([...search.finalScenes].map(([scene, set]) => [scene, OUTCOMES.filter((o) => set.has(o))])),
    shares: estimate(counts, samples, finished, search.complete ? 'large' : 'state limit'),
  };
}

/**
 * For each node, whether a run from it can stop: reach a final scene or a dead end (a node with no
 * move). A node that cannot is in, or only leads into, a trap. Reverse breadth-first search.
 */
function canEnd(nodes: StateNode[]): Uint8Array {
  const parents: number[][] = nodes.map(() => []);
  nodes.forEach((node, i) => node.next.forEach((child) => parents[child]!.push(i)));
  const ends = new Uint8Array(nodes.length);
  const queue: number[] = [];
  nodes.forEach((node, i) => {
    if (node.outcome !== null || node.next.length === 0) {
      ends[i] = 1;
      queue.push(i);
    }
  });
  for (let at = 0; at < queue.length; at++) {
    for (const parent of parents[queue[at]!]!) {
      if (ends[parent]) continue;
      ends[parent] = 1;
      queue.push(parent);
    }
  }
  return ends;
}

/**
 * The traps in a seat's state graph: the loops among nodes that cannot end (strongly connected groups
 * with a move inside them), by their scenes. Nodes that only lead into a loop are not part of it.
 * Scenes shared by two loops make them one trap.
 */
function trapsIn(nodes: StateNode[], ends: Uint8Array, seat: Side): Trap[] {
  const loops = loopsAmong(nodes, (i) => !ends[i]);
  const groups: Set<string>[] = [];
  for (const loop of loops) {
    const scenes = new Set(loop.map((i) => nodes[i]!.scene));
    const joined = groups.filter((g) => [...scenes].some((s) => g.has(s)));
    const merged = new Set([...scenes, ...joined.flatMap((g) => [...g])]);
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  return groups.map((g) => ({ scenes: [...g].sort(), seats: [seat], kind: 'in some runs' as const }));
}

/**
 * The strongly connected groups of the nodes that `keep` accepts, following only moves between kept
 * nodes, that hold a move inside them (more than one node, or a move to itself).
 */
function loopsAmong(nodes: StateNode[], keep: (i: number) => boolean): number[][] {
  return stronglyConnected(nodes.length, (v) => nodes[v]!.next, keep).filter((group) => group.length > 1 || nodes[group[0]!]!.next.includes(group[0]!));
}

function deadEndReason(scene: Scene, seat: Side): string {
  const decides = scene.meta.decides;
  if (!scene.on || Object.keys(scene.on).length === 0) return 'the scene has no choices and no continue';
  if (decides === seat) return 'no choice is offered here in some run (every choice has a condition that fails)';
  if (decides) return `the scenario's rules for the ${decides} pick no offered choice in some run`;
  return 'no continue branch applies in some run (every branch has a condition that fails)';
}

function pathTo(nodes: StateNode[], at: number): { shortestPath: PathStep[]; choices: string[] } {
  const path: PathStep[] = [];
  for (let i = at; nodes[i]!.step; i = nodes[i]!.parent) path.push(nodes[i]!.step!);
  path.reverse();
  return { shortestPath: path, choices: path.filter((s) => s.by === 'player').map((s) => s.event) };
}

/** Exact path counts over the state graph, or null if the graph has a cycle (paths are then endless). */
function countShares(nodes: StateNode[]): OutcomeShares | null {
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
export function topologicalOrder(nodes: StateNode[]): number[] | null {
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
  const played = randomPlays(scenario, seat, samples, 0x5eed);
  return estimate(played.counts, played.plays, played.finished, 'state limit');
}

/** Longest random play, in steps, before it counts as going on too long. */
export const MAX_PLAY_STEPS = 5_000;

/**
 * Steps all the random plays of one seat may take together. Plays that go round a loop for long would
 * otherwise take minutes (4,000 plays of 5,000 steps; a library scenario's 4,000 plays take about 60,000);
 * past this budget no new play starts, and the
 * estimate says how many plays it rests on (its bound widens accordingly).
 */
export const MAX_SAMPLE_STEPS = 200_000;

/** What seeded random play from a seat found: outcome counts, plays started, plays that reached an end. */
export interface RandomPlays {
  counts: Record<Outcome, number>;
  plays: number;
  finished: number;
}

/**
 * Up to `samples` seeded random plays of a seat over the scenario itself (each person's choice and the
 * simulated side's pick among its allowed moves at random), within `MAX_SAMPLE_STEPS` steps in all. The
 * one random play of the analyser and the gameability report.
 */
export function randomPlays(scenario: Scenario, seat: Side, samples: number, seed: number): RandomPlays {
  const random = mulberry32(seed);
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  let finished = 0;
  let budget = MAX_SAMPLE_STEPS;
  let plays = 0;
  for (; plays < samples && budget > 0; plays++) {
    let at = startingPosition(scenario);
    for (let steps = 0; steps < MAX_PLAY_STEPS && budget > 0; steps++, budget--) {
      const scene = sceneOf(scenario, at.scene)!;
      if (scene.type === 'final') {
        counts[judge(at.standing.ledgers, at.standing.dealBreakers).outcome]++;
        finished++;
        break;
      }
      // The step function's moves as they are: a random play needs only where each leads.
      const moves = movesAt(scenario, at, seat);
      if (!moves.length) break;
      at = moves[Math.floor(random() * moves.length)]!.next;
    }
  }
  return { counts, plays, finished };
}

/**
 * Random play over a fully explored state graph that has loops: the same plays (same seed, same moves in
 * the same order) as `sampleShares`, but on the graph, and a play that enters a trap stops at once.
 */
function sampleGraph(nodes: StateNode[], ends: Uint8Array, samples: number): OutcomeShares {
  const random = mulberry32(0x5eed);
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  let finished = 0;
  let budget = MAX_SAMPLE_STEPS;
  let plays = 0;
  for (; plays < samples && budget > 0; plays++) {
    let at = 0;
    for (let steps = 0; steps < MAX_PLAY_STEPS && budget > 0; steps++, budget--) {
      const node = nodes[at]!;
      if (node.outcome) {
        counts[node.outcome]++;
        finished++;
        break;
      }
      if (!node.next.length || !ends[at]) break;
      at = node.next[Math.floor(random() * node.next.length)]!;
    }
  }
  return estimate(counts, plays, finished, 'loops');
}

/** Shares from sampled counts, each with its 95% Wilson interval. */
function estimate(counts: Record<Outcome, number>, samples: number, finished: number, why: NonNullable<OutcomeShares['why']>): OutcomeShares {
  const share = (o: Outcome) => (finished ? counts[o] / finished : 0);
  return {
    method: 'estimate',
    paths: String(samples),
    byOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, share(o)])) as Record<Outcome, number>,
    why,
    finished,
    interval: Object.fromEntries(OUTCOMES.map((o) => [o, wilson(counts[o], finished)])) as Record<Outcome, [number, number]>,
    margin: hoeffding(finished),
  };
}

/** Half-width of a 95% bound on a share estimated from `n` independent plays, whatever the share (Hoeffding); 1 when n is 0. */
export function hoeffding(n: number): number {
  return n > 0 ? Math.min(1, Math.sqrt(Math.log(2 / 0.05) / (2 * n))) : 1;
}

/** The 95% Wilson score interval for `k` successes in `n` trials, 0…1. */
export function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959964;
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function analyseScenario(scenario: Scenario, options: AnalyseOptions = {}): ScenarioAnalysis {
  const started = performance.now();
  const seats = scenario.seats.map((seat) => analyseSeat(scenario, seat, options));
  const reached = new Set(seats.flatMap((s) => s.reachableScenes));
  const deadEnds = new Map<string, string>();
  for (const seat of seats) for (const d of seat.deadEnds) deadEnds.set(d.scene, d.reason);
  const traps = mergeTraps([
    ...sceneTraps(
      scenario,
      seats.map((s) => s.seat),
    ),
    ...seats.flatMap((s) => s.traps),
  ]);
  const explored = seats.every((s) => s.complete);
  const choicesWithoutEffect: { scene: string; event: string }[] = [];
  for (const [sceneId, scene] of Object.entries(scenario.machine.states)) {
    if (scene.type !== 'final' && !scene.on) deadEnds.set(sceneId, 'the scene has no choices and no continue');
    for (const { event, choice } of sceneChoices(scene)) if (choice.actions.length === 0) choicesWithoutEffect.push({ scene: sceneId, event });
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
    traps,
    explored,
    choicesWithoutEffect,
    missingOutcomes,
    complete: missingOutcomes.length === 0 && deadEnds.size === 0 && traps.length === 0 && explored,
    millis: performance.now() - started,
  };
}

/**
 * Traps that hold whatever the conditions: scenes reachable from the start, following every transition
 * (conditions ignored), from which no final scene can be reached even so. Found without exploring
 * states, so they are reported even when exploration stops at the state limit.
 */
function sceneTraps(scenario: Scenario, seats: Side[]): Trap[] {
  const ids = Object.keys(scenario.machine.states);
  const edges = sceneEdges(scenario);
  const targets = new Map<string, string[]>([...edges].map(([id, list]) => [id, list.map((e) => e.target)]));
  const reached = linkedScenes(scenario, edges);
  // Scenes that can reach a final scene, or a scene with no transition at all (a dead end, reported as such).
  const sources = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [from, list] of targets) for (const t of list) sources.get(t)!.push(from);
  const stops = ids.filter((id) => sceneOf(scenario, id)!.type === 'final' || !targets.get(id)!.length);
  const canStop = new Set(stops);
  for (let at = 0; at < stops.length; at++) {
    for (const from of sources.get(stops[at]!)!) {
      if (canStop.has(from)) continue;
      canStop.add(from);
      stops.push(from);
    }
  }
  const trapped = ids.filter((id) => reached.has(id) && !canStop.has(id));
  if (!trapped.length) return [];
  return groupScenes(trapped, targets).map((scenes) => ({ scenes, seats, kind: 'always' as const }));
}

/**
 * Every scene linked from the start, following every transition as written (conditions ignored): the
 * scenes a run might reach, an upper bound of those it can.
 */
export function linkedScenes(scenario: Scenario, edges: Map<string, SceneEdge[]> = sceneEdges(scenario)): Set<string> {
  const reached = new Set([scenario.machine.initial]);
  const queue = [scenario.machine.initial];
  for (let at = 0; at < queue.length; at++) {
    for (const edge of edges.get(queue[at]!) ?? []) {
      if (reached.has(edge.target)) continue;
      reached.add(edge.target);
      queue.push(edge.target);
    }
  }
  return reached;
}

/** Scenes grouped by the transitions between them (either way), each group sorted. */
function groupScenes(scenes: string[], targets: Map<string, string[]>): string[][] {
  const inSet = new Set(scenes);
  const neighbours = new Map<string, string[]>(scenes.map((s) => [s, []]));
  for (const s of scenes) {
    for (const t of targets.get(s) ?? []) {
      if (inSet.has(t)) {
        neighbours.get(s)!.push(t);
        neighbours.get(t)!.push(s);
      }
    }
  }
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const s of scenes) {
    if (seen.has(s)) continue;
    const group = [s];
    seen.add(s);
    for (let at = 0; at < group.length; at++) {
      for (const n of neighbours.get(group[at]!)!) {
        if (seen.has(n)) continue;
        seen.add(n);
        group.push(n);
      }
    }
    groups.push(group.sort());
  }
  return groups;
}

/** Traps found per seat and by scene, merged: the same scenes listed once, with every seat that can fall in. */
function mergeTraps(traps: Trap[]): Trap[] {
  const merged = new Map<string, Trap>();
  const always = new Set(traps.flatMap((t) => (t.kind === 'always' ? t.scenes : [])));
  for (const trap of traps) {
    if (trap.kind !== 'always' && trap.scenes.every((s) => always.has(s))) continue;
    const key = trap.scenes.join('\u0000');
    const known = merged.get(key);
    if (!known) merged.set(key, { ...trap, seats: [...trap.seats] });
    else for (const seat of trap.seats) if (!known.seats.includes(seat)) known.seats.push(seat);
  }
  return [...merged.values()];
}
