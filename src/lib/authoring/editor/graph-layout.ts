/**
 * A scenario as a graph (scenes and the choices between them) and its automatic layout with dagre
 * (`@dagrejs/dagre`), for the editor's canvas. The layout function takes any nodes and edges, so the
 * debrief's map can use the same one (`layoutGraph`). Pure TypeScript, no DOM.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { Scenario } from '../../engine/schema.ts';
import { exitsOf } from './edit.ts';

/** A box to place: its id and size in pixels. */
export interface LayoutBox {
  id: string;
  width: number;
  height: number;
}

/** A link between two boxes (`from` above `to` where the graph allows). */
export interface LayoutLink {
  from: string;
  to: string;
}

export interface LayoutOptions {
  /** `TB`: top to bottom (default); `LR`: left to right. */
  direction?: 'TB' | 'LR';
  /** Pixels between boxes in a row (default 40) and between rows (default 70). */
  nodeGap?: number;
  rankGap?: number;
}

/** The top-left corner of each box, laid out by dagre in ranks along the links (loops are allowed). */
export function layoutGraph(boxes: readonly LayoutBox[], links: readonly LayoutLink[], options: LayoutOptions = {}): Map<string, { x: number; y: number }> {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: options.direction ?? 'TB', nodesep: options.nodeGap ?? 40, ranksep: options.rankGap ?? 70, marginx: 10, marginy: 10 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const box of boxes) graph.setNode(box.id, { width: box.width, height: box.height });
  links.forEach((link, i) => {
    if (graph.hasNode(link.from) && graph.hasNode(link.to)) graph.setEdge(link.from, link.to, {}, `e${i}`);
  });
  layout(graph);
  const out = new Map<string, { x: number; y: number }>();
  for (const box of boxes) {
    const placed = graph.node(box.id) as { x: number; y: number } | undefined;
    out.set(box.id, { x: (placed?.x ?? 0) - box.width / 2, y: (placed?.y ?? 0) - box.height / 2 });
  }
  return out;
}

/** A scene as a node of the canvas. */
export interface SceneNodeData extends Record<string, unknown> {
  scene: string;
  /** The speaker's name ("Narrator" for the narrator). */
  speaker: string;
  /** The first words of the scene's text. */
  words: string;
  final: boolean;
  initial: boolean;
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

/** Where each scene goes on the canvas. */
export function layoutScenes(scenario: Scenario): Map<string, { x: number; y: number }> {
  const { nodes, edges } = sceneGraph(scenario);
  return layoutGraph(
    nodes.map((n) => ({ id: n.scene, ...SCENE_BOX })),
    edges.map((e) => ({ from: e.source, to: e.target })),
  );
}
