/**
 * A scenario as a graph (scenes and the choices between them) for the editor's canvas, laid out with the
 * debrief map's layout (`layeredLayout`, dagre), scenes of one group kept together. Pure TypeScript, no DOM.
 */
import type { Scenario } from '../../engine/schema.ts';
import { layeredLayout } from '../../map/layout.ts';
import { exitsOf } from './edit.ts';

/** A scene as a node of the canvas. */
export interface SceneNodeData extends Record<string, unknown> {
  scene: string;
  /** The speaker's name ("Narrator" for the narrator). */
  speaker: string;
  /** The first words of the scene's text. */
  words: string;
  final: boolean;
  initial: boolean;
  /** The scene's group on the map, if any. */
  group?: string;
}

/** A group of scenes as a node of the canvas (a frame around them, or one box when collapsed). */
export interface GroupNodeData extends Record<string, unknown> {
  name: string;
  count: number;
  collapsed: boolean;
}

/** A choice (or continue) as an edge of the canvas. */
export interface ChoiceEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  /** The choice's event name (`continue` for a continue). */
  event: string;
}

/** The first `n` words of a text, with "…" when cut. */
export function firstWords(text: string, n = 8): string {
  const words = text.trim().split(/\s+/);
  return words.length <= n ? words.join(' ') : `${words.slice(0, n).join(' ')}…`;
}

/** Nodes (scenes in order) and edges (choices and continues that lead to a scene that exists). */
export function sceneGraph(scenario: Scenario): { nodes: SceneNodeData[]; edges: ChoiceEdge[] } {
  const states = scenario.machine.states;
  const nodes = Object.entries(states).map(([scene, s]) => ({
    scene,
    speaker: s.meta?.speaker === 'narrator' ? 'Narrator' : (scenario.cast[s.meta?.speaker]?.name ?? s.meta?.speaker ?? ''),
    words: firstWords(s.meta?.text?.[0] ?? ''),
    final: s.type === 'final',
    initial: scenario.machine.initial === scene,
    ...(s.meta?.group ? { group: s.meta.group } : {}),
  }));
  const edges: ChoiceEdge[] = [];
  for (const [scene, s] of Object.entries(states)) {
    for (const exit of exitsOf(s)) {
      if (!(exit.target in states)) continue;
      edges.push({ id: `${scene}|${exit.event}|${exit.index ?? 0}`, source: scene, target: exit.target, label: exit.label, event: exit.event });
    }
  }
  return { nodes, edges };
}

/** Size of a scene's box on the canvas, in pixels. */
export const SCENE_BOX = { width: 200, height: 76 } as const;

/** Where each scene goes on the canvas (its top-left corner); the scenes of a group stay together. */
export function layoutScenes(scenario: Scenario): Map<string, { x: number; y: number }> {
  const { nodes, edges } = sceneGraph(scenario);
  const placed = layeredLayout(
    {
      nodes: nodes.map((n) => ({ id: n.scene, ...SCENE_BOX })),
      edges: edges.map((e) => ({ from: e.source, to: e.target })),
      roots: [scenario.machine.initial],
      groups: Object.fromEntries(nodes.map((n) => [n.scene, n.group])),
    },
    { layerGap: 70, nodeGap: 40, margin: 10 },
  );
  return new Map(nodes.map((n) => [n.scene, { x: placed.nodes[n.scene]!.x - SCENE_BOX.width / 2, y: placed.nodes[n.scene]!.y - SCENE_BOX.height / 2 }]));
}
