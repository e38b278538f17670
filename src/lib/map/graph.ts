/**
 * A scenario as a graph: one node per scene, one edge per pair of scenes joined by at least one choice
 * or continue branch (several choices to the same scene share an edge). Pure data, no layout.
 */
import type { Side } from '../engine/ledger.ts';
import type { Scenario } from '../engine/schema.ts';
import { transitionsOf } from '../engine/step.ts';

export interface MapNode {
  id: string;
  kind: 'decision' | 'continue' | 'final';
  /** The scene the scenario starts in. */
  initial: boolean;
  /** A cast key or "narrator". */
  speaker: string;
  decides?: Side;
  /** The scene's first line of text. */
  firstLine: string;
  /** Transitions out of the scene (choices, or continue branches). */
  exits: number;
}

export interface MapTransition {
  /** `choice.<name>` or `continue`. */
  event: string;
  /** The button text of a choice; for a continue branch, "continue" or "continue (branch 2)". */
  label: string;
  /** Whether it is offered or taken only under a condition. */
  guarded: boolean;
}

export interface MapEdge {
  from: string;
  to: string;
  kind: 'choice' | 'continue';
  transitions: MapTransition[];
}

export interface ScenarioGraph {
  nodes: MapNode[];
  edges: MapEdge[];
  /** Every transition out of each scene, in file order, with its target. */
  exits: Record<string, (MapTransition & { to: string })[]>;
}

export function scenarioGraph(scenario: Scenario): ScenarioGraph {
  const nodes: MapNode[] = [];
  const edges = new Map<string, MapEdge>();
  const exits: ScenarioGraph['exits'] = {};
  for (const [id, scene] of Object.entries(scenario.machine.states)) {
    const out: (MapTransition & { to: string })[] = [];
    // The engine's reading of a scene's transitions (as the analyser's scene edges use it): per event in
    // file order, a choice's one transition or a continue's branches.
    for (const event of Object.keys(scene.on ?? {})) {
      const branches = transitionsOf(scene, event);
      branches.forEach((t, i) => {
        const label = 'meta' in t ? t.meta.label : branches.length > 1 ? `continue (branch ${i + 1})` : 'continue';
        out.push({ event, label, guarded: Boolean(t.guard), to: t.target });
      });
    }
    exits[id] = out;
    for (const t of out) {
      const key = `${id}\u0000${t.to}`;
      const edge = edges.get(key) ?? { from: id, to: t.to, kind: t.event === 'continue' ? 'continue' : 'choice', transitions: [] };
      edge.transitions.push({ event: t.event, label: t.label, guarded: t.guarded });
      edges.set(key, edge);
    }
    nodes.push({
      id,
      kind: scene.type === 'final' ? 'final' : scene.meta.decides ? 'decision' : 'continue',
      initial: id === scenario.machine.initial,
      speaker: scene.meta.speaker,
      ...(scene.meta.decides ? { decides: scene.meta.decides } : {}),
      firstLine: scene.meta.text[0] ?? '',
      exits: out.length,
    });
  }
  // Targets that name no scene cannot occur in a validated scenario; drop them rather than draw to nowhere.
  return { nodes, edges: [...edges.values()].filter((e) => e.to in scenario.machine.states), exits };
}
