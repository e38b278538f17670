/**
 * What the analyser must keep of a standing, and what it may forget: the abstraction that keeps its
 * states few without changing any finding.
 *
 * A run's future reads the standing only through conditions (`ledgerAtLeast`, `ledgerBelow`, `flagSet`,
 * `flagUnset`, `dealBroken`) and the outcome (each ledger's total above zero, and its deal-breaker). So:
 * - a flag that no condition tests is forgotten;
 * - a dimension is kept on its own only where some condition tests it; otherwise only the total counts;
 * - a ledger's total is kept exactly only between the lowest and the highest threshold that the rest of
 *   the run can still compare it with. Above the highest, every comparison the run can still make comes
 *   out the same, and so does the outcome: the total is clamped there (and likewise below the lowest).
 *
 * The thresholds ahead are found per scene over the scene graph (conditions ignored, so the window may
 * be wider than needed, never narrower): a threshold `t` met after moves adding `p` to the total tells
 * apart the totals below and from `t − p`. Clamping to these cut points is exact: two standings with the
 * same clamped key take the same moves to the same clamped keys, and end in the same outcome. In a
 * loop that moves a total, the window is unbounded (the total is kept as is).
 */
import { singleConditions } from './effects.ts';
import { SIDES, type Dimension, type Side } from './ledger.ts';
import type { Effect, Guard, Scenario } from './schema.ts';
import { sceneOf, transitionsOf } from './step.ts';
import { stronglyConnected } from './strongly-connected.ts';

/** A closed range of totals kept exactly; totals outside it are moved to its nearer end. */
export interface Window {
  lo: number;
  hi: number;
}

/** A move between scenes as written (conditions ignored): its target and what it adds to each ledger's total. */
export interface SceneEdge {
  target: string;
  delta: Record<Side, number>;
}

/** What the conditions of a scenario can test: which flags, and which dimensions on their own. */
export interface Tested {
  flags: Set<string>;
  /** True when some condition tests a single dimension (not a total). */
  dimensions: boolean;
  /** The dimensions some condition tests on their own, per side, in the order first met. */
  dimensionsOf: Record<Side, Dimension[]>;
}

/** Every condition written in a scene (npc rules, choices, continue branches). */
export function sceneGuards(scenario: Scenario, id: string): Guard[] {
  const scene = sceneOf(scenario, id)!;
  const guards: Guard[] = [];
  for (const rule of scene.meta.npc ?? []) if (rule.guard) guards.push(rule.guard);
  for (const event of Object.keys(scene.on ?? {})) for (const t of transitionsOf(scene, event)) if (t.guard) guards.push(t.guard);
  return guards;
}

/** What the scenario's conditions test, read from every condition as written (inside `and`, `or` and `not` too). */
export function testedBy(scenario: Scenario): Tested {
  const flags = new Set<string>();
  const dimensionsOf: Record<Side, Dimension[]> = { employer: [], candidate: [] };
  for (const id of Object.keys(scenario.machine.states)) {
    for (const c of sceneGuards(scenario, id).flatMap(singleConditions)) {
      if (c.type === 'flagSet' || c.type === 'flagUnset') flags.add(c.params.flag);
      if ((c.type === 'ledgerAtLeast' || c.type === 'ledgerBelow') && c.params.dimension) {
        const list = dimensionsOf[c.params.ledger];
        if (!list.includes(c.params.dimension)) list.push(c.params.dimension);
      }
    }
  }
  return { flags, dimensions: dimensionsOf.employer.length + dimensionsOf.candidate.length > 0, dimensionsOf };
}

/** The thresholds the conditions of a scene compare a side's total with (`total ≥ t` or `total < t`), sorted. */
export function totalCuts(scenario: Scenario, id: string, side: Side): number[] {
  const cuts = new Set<number>();
  if (sceneOf(scenario, id)!.type === 'final') cuts.add(1); // the outcome: a side likes the other when its total is at least 1
  for (const c of sceneGuards(scenario, id).flatMap(singleConditions)) {
    if ((c.type === 'ledgerAtLeast' || c.type === 'ledgerBelow') && !c.params.dimension && c.params.ledger === side) cuts.add(c.params.value);
  }
  return [...cuts].sort((a, b) => a - b);
}

const totalDelta = (actions: readonly Effect[]): Record<Side, number> => {
  const delta = { employer: 0, candidate: 0 };
  for (const a of actions) if (a.type === 'impress') delta[a.params.ledger] += a.params.by;
  return delta;
};

/** The scene graph as written: every transition of every scene, conditions ignored. */
export function sceneEdges(scenario: Scenario): Map<string, SceneEdge[]> {
  const edges = new Map<string, SceneEdge[]>();
  for (const id of Object.keys(scenario.machine.states)) {
    const scene = sceneOf(scenario, id)!;
    const list: SceneEdge[] = [];
    for (const event of Object.keys(scene.on ?? {})) {
      for (const t of transitionsOf(scene, event)) if (sceneOf(scenario, t.target)) list.push({ target: t.target, delta: totalDelta(t.actions) });
    }
    edges.set(id, list);
  }
  return edges;
}

/**
 * The strongly connected groups of the scene graph, sinks first (so each group comes after every group
 * it leads to).
 */
export function sceneGroups(edges: Map<string, SceneEdge[]>): string[][] {
  const ids = [...edges.keys()];
  const at = new Map(ids.map((id, i) => [id, i]));
  const next = (v: number) => edges.get(ids[v]!)!.map((edge) => at.get(edge.target)!);
  return stronglyConnected(ids.length, next).map((group) => group.map((v) => ids[v]!));
}

/** Whether the scene graph has a loop (a group of several scenes, or a scene that leads to itself). */
export function hasLoop(edges: Map<string, SceneEdge[]>, groups: string[][]): boolean {
  return groups.some((g) => g.length > 1 || edges.get(g[0]!)!.some((e) => e.target === g[0]));
}

/**
 * For each scene and side, the window of totals that the rest of a run can still tell apart (see the
 * module comment). A scene from which no threshold is ahead gets `{ lo: 0, hi: 0 }`: the total no longer
 * matters there.
 */
export function totalWindows(scenario: Scenario, edges = sceneEdges(scenario), groups = sceneGroups(edges)): Map<string, Record<Side, Window>> {
  const windows = new Map<string, Record<Side, Window>>();
  // highest[s] = the highest cut point ahead (−∞: none); lowest[s] = the lowest (+∞: none).
  const highest = new Map<string, Record<Side, number>>();
  const lowest = new Map<string, Record<Side, number>>();
  for (const group of groups) {
    const inGroup = new Set(group);
    const up = { employer: -Infinity, candidate: -Infinity };
    const down = { employer: Infinity, candidate: Infinity };
    for (const side of SIDES) {
      for (const id of group) {
        const cuts = totalCuts(scenario, id, side);
        if (cuts.length) {
          up[side] = Math.max(up[side], cuts[cuts.length - 1]!);
          down[side] = Math.min(down[side], cuts[0]!);
        }
        for (const e of edges.get(id)!) {
          if (inGroup.has(e.target)) {
            // A loop that moves the total: no bound.
            if (e.delta[side] !== 0) {
              up[side] = Infinity;
              down[side] = -Infinity;
            }
            continue;
          }
          up[side] = Math.max(up[side], highest.get(e.target)![side] - e.delta[side]);
          down[side] = Math.min(down[side], lowest.get(e.target)![side] - e.delta[side]);
        }
      }
    }
    for (const id of group) {
      highest.set(id, up);
      lowest.set(id, down);
      const w = (side: Side): Window => (up[side] === -Infinity ? { lo: 0, hi: 0 } : { lo: down[side] - 1, hi: up[side] });
      windows.set(id, { employer: w('employer'), candidate: w('candidate') });
    }
  }
  return windows;
}

/** A total moved into a window. */
export const clamp = (w: Window, value: number): number => (value < w.lo ? w.lo : value > w.hi ? w.hi : value);
