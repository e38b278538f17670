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

/** The prefix of a group's node id on the canvas (scene ids cannot hold a colon). */
export const GROUP_PREFIX = 'group:';

/** A group on the canvas: a frame around its scenes, or one scene-sized box when collapsed. */
export interface CanvasGroup {
  id: string;
  name: string;
  members: string[];
  collapsed: boolean;
  position: { x: number; y: number };
  width: number;
  height: number;
}

/** An edge on the canvas: a choice (`event`, its label stacked `nth` of `of` between the same two scenes), or a link into, out of or within a collapsed group. */
export interface CanvasLink {
  id: string;
  source: string;
  target: string;
  label?: string;
  event?: string;
  nth?: number;
  of?: number;
}

/**
 * The canvas as drawn: each group's frame (padded around its scenes, room for its label above), the scenes
 * a collapsed group hides, and the edges, those of hidden scenes moved to their group's box (one per pair).
 */
export function canvasGraph(
  scenario: Scenario,
  places: ReadonlyMap<string, { x: number; y: number }>,
  collapsed: readonly string[],
  frame = { pad: 14, label: 26 },
): { groups: CanvasGroup[]; hidden: Set<string>; links: CanvasLink[] } {
  const { nodes, edges } = sceneGraph(scenario);
  const members = new Map<string, string[]>();
  for (const n of nodes) if (n.group) members.set(n.group, [...(members.get(n.group) ?? []), n.scene]);
  const standIn = new Map<string, string>();
  const groups = [...members].map(([name, ids]): CanvasGroup => {
    const boxes = ids.map((id) => places.get(id) ?? { x: 0, y: 0 });
    const left = Math.min(...boxes.map((b) => b.x)) - frame.pad;
    const top = Math.min(...boxes.map((b) => b.y)) - frame.pad - frame.label;
    const folded = collapsed.includes(name);
    if (folded) for (const id of ids) standIn.set(id, GROUP_PREFIX + name);
    return {
      id: GROUP_PREFIX + name,
      name,
      members: ids,
      collapsed: folded,
      position: { x: left, y: top },
      width: folded ? SCENE_BOX.width : Math.max(...boxes.map((b) => b.x)) + SCENE_BOX.width + frame.pad - left,
      height: folded ? SCENE_BOX.height : Math.max(...boxes.map((b) => b.y)) + SCENE_BOX.height + frame.pad - top,
    };
  });
  const pairKey = (a: string, b: string) => `${a}\u0000${b}`;
  const pairs = new Map<string, number>();
  for (const e of edges) pairs.set(pairKey(e.source, e.target), (pairs.get(pairKey(e.source, e.target)) ?? 0) + 1);
  const counted = new Map<string, number>();
  const seen = new Set<string>();
  const links = edges.flatMap((e): CanvasLink[] => {
    const source = standIn.get(e.source) ?? e.source;
    const target = standIn.get(e.target) ?? e.target;
    const key = pairKey(source, target);
    if (source === e.source && target === e.target) {
      const nth = counted.get(key) ?? 0;
      counted.set(key, nth + 1);
      return [{ id: e.id, source, target, label: e.label, event: e.event, nth, of: pairs.get(key) }];
    }
    if (source === target || seen.has(key)) return [];
    seen.add(key);
    return [{ id: `folded|${key}`, source, target }];
  });
  return { groups, hidden: new Set(standIn.keys()), links };
}
