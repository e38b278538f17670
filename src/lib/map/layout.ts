/**
 * The one layered layout of a scenario's graph, shared by the debrief's map and the editor's canvas:
 * dagre (`@dagrejs/dagre`) places the nodes top to bottom in ranks along the edges (edges that close a
 * cycle are drawn upwards, starting the search from the roots) and routes each edge through the ranks it
 * crosses. This module turns dagre's answer into what the drawings need: centres, ranks ("layers") and
 * the order within each, edge points from border to border, and the size of the drawing. Scenes may be
 * kept together in named groups (the editor's groups). Pure TypeScript, no DOM; deterministic.
 *
 * dagre keeps nodes in plain objects keyed by name, so a scene called "__proto__" would reach
 * `Object.prototype`: dagre sees only names made here (`n0`, `n1`, …, `g0`, …), never the scenes' own.
 */
import { Graph, layout as dagreLayout } from '@dagrejs/dagre';

export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
}

export interface LayoutInput {
  nodes: LayoutNodeInput[];
  edges: { from: string; to: string }[];
  /** Where the layout starts (e.g. the initial scene): first in the search that decides which edges go back up. */
  roots?: string[];
  /** A group name for some nodes: the nodes of one group are kept together. */
  groups?: Record<string, string | undefined>;
}

export interface LayoutOptions {
  /** Vertical space between layers (default 56). */
  layerGap?: number;
  /** Horizontal space between neighbouring nodes (default 24). */
  nodeGap?: number;
  /** Space around the drawing (default 16). */
  margin?: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode extends LayoutNodeInput {
  /** Centre. */
  x: number;
  y: number;
  layer: number;
  /** Position within its layer, left to right. */
  order: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  /** From the `from` node's border to the `to` node's border, through the ranks crossed. */
  points: Point[];
  /** True when the edge points upwards (it closes a cycle). */
  reversed: boolean;
  /** True for an edge from a node to itself. */
  loop: boolean;
}

export interface Layout {
  nodes: Record<string, PlacedNode>;
  edges: PlacedEdge[];
  /** Node ids by layer (top to bottom), each layer left to right. */
  layers: string[][];
  width: number;
  height: number;
  /** Edge crossings in the drawing. */
  crossings: number;
}

/** Lays out the graph with dagre; see the module's comment. */
export function layeredLayout(input: LayoutInput, options: LayoutOptions = {}): Layout {
  const { layerGap = 56, nodeGap = 24, margin = 16 } = options;
  const ids = new Set(input.nodes.map((n) => n.id));
  const grouped = input.groups && input.nodes.some((n) => input.groups![n.id]);
  const graph = new Graph({ compound: Boolean(grouped) });
  graph.setGraph({ rankdir: 'TB', ranksep: layerGap, nodesep: nodeGap, edgesep: nodeGap / 2, marginx: margin, marginy: margin });
  graph.setDefaultEdgeLabel(() => ({}));
  // Roots first: dagre's search for edges that close a cycle starts from the first nodes added.
  const roots = (input.roots ?? []).filter((id) => ids.has(id));
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  const name = new Map(input.nodes.map((n, i) => [n.id, `n${i}`]));
  const groupName = new Map<string, string>();
  for (const node of [...roots.map((id) => byId.get(id)!), ...input.nodes.filter((n) => !roots.includes(n.id))]) {
    graph.setNode(name.get(node.id)!, { width: node.width, height: node.height });
    const group = grouped ? input.groups![node.id] : undefined;
    if (group) {
      if (!groupName.has(group)) graph.setNode(groupName.set(group, `g${groupName.size}`).get(group)!, {});
      graph.setParent(name.get(node.id)!, groupName.get(group)!);
    }
  }
  const pairs = new Set<string>();
  const unique = input.edges.filter((e) => {
    const key = `${e.from}\u0000${e.to}`;
    if (!ids.has(e.from) || !ids.has(e.to) || pairs.has(key)) return false;
    pairs.add(key);
    return true;
  });
  for (const e of unique) if (e.from !== e.to) graph.setEdge(name.get(e.from)!, name.get(e.to)!);
  dagreLayout(graph);

  const centre = (id: string) => graph.node(name.get(id)!) as { x: number; y: number };
  // Layers: nodes whose centres share a height (dagre centres each rank on one line), left to right.
  const ys = [...new Set(input.nodes.map((n) => Math.round(centre(n.id).y)))].sort((a, b) => a - b);
  const layers = ys.map((y) =>
    input.nodes
      .filter((n) => Math.round(centre(n.id).y) === y)
      .sort((a, b) => centre(a.id).x - centre(b.id).x)
      .map((n) => n.id),
  );
  const nodes: Record<string, PlacedNode> = {};
  layers.forEach((layer, l) =>
    layer.forEach((id, order) => {
      const node = byId.get(id)!;
      nodes[id] = { ...node, x: centre(id).x, y: centre(id).y, layer: l, order };
    }),
  );

  const edges: PlacedEdge[] = unique.map((e) => {
    const from = nodes[e.from]!;
    if (e.from === e.to) {
      const r = from.x + from.width / 2;
      const points = [
        { x: r, y: from.y - 6 },
        { x: r + 18, y: from.y - 6 },
        { x: r + 18, y: from.y + 6 },
        { x: r, y: from.y + 6 },
      ];
      return { from: e.from, to: e.to, points, reversed: false, loop: true };
    }
    const points = ((graph.edge(name.get(e.from)!, name.get(e.to)!) as { points?: Point[] }).points ?? []).map((p) => ({ x: p.x, y: p.y }));
    return { from: e.from, to: e.to, points, reversed: nodes[e.to]!.layer < from.layer, loop: false };
  });

  const size = graph.graph() as { width?: number; height?: number };
  const right = Math.max(size.width ?? 0, ...edges.flatMap((e) => e.points.map((p) => p.x + margin)));
  return { nodes, edges, layers, width: right, height: Math.max(size.height ?? 0, 2 * margin), crossings: countCrossings(edges) };
}

/** Crossings between the straight pieces of different edges (pieces that share an end do not count). */
function countCrossings(edges: readonly PlacedEdge[]): number {
  const pieces = edges.flatMap((e, k) => e.points.slice(1).map((b, i) => ({ k, a: e.points[i]!, b })));
  const side = (p: Point, q: Point, r: Point) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  let total = 0;
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const s = pieces[i]!;
      const t = pieces[j]!;
      if (s.k === t.k) continue;
      if (side(s.a, s.b, t.a) * side(s.a, s.b, t.b) < 0 && side(t.a, t.b, s.a) * side(t.a, t.b, s.b) < 0) total++;
    }
  }
  return total;
}
