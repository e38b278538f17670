/**
 * A compact layered ("Sugiyama") layout for directed graphs, top to bottom:
 *
 * 1. break cycles: edges that point back up a depth-first search from the roots are drawn reversed;
 * 2. layers: each node one layer below its lowest predecessor (longest path);
 * 3. long edges get a chain of invisible points, one per layer they cross;
 * 4. order within layers: barycentre sweeps down and up, keeping the order with the fewest crossings;
 * 5. x: each node pulled towards the mean of its neighbours, with the layer's order and minimum gaps kept
 *    exactly (a least-squares fit solved by pool-adjacent-violators);
 * 6. y: layer by layer.
 *
 * Good enough for scenario maps (tens of scenes), under 250 lines, no dependencies, deterministic.
 */

export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
}

export interface LayoutInput {
  nodes: LayoutNodeInput[];
  edges: { from: string; to: string }[];
  /** Where the layout starts (e.g. the initial scene): first in layer 0, and first in the search that breaks cycles. */
  roots?: string[];
}

export interface LayoutOptions {
  /** Vertical space between layers. */
  layerGap?: number;
  /** Horizontal space between neighbouring nodes. */
  nodeGap?: number;
  /** Space around the drawing. */
  margin?: number;
  /** Ordering sweeps (each is down or up). */
  sweeps?: number;
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
  /** Position within its layer, counting real nodes only. */
  order: number;
}

export interface PlacedEdge {
  from: string;
  to: string;
  /** From the `from` node's border to the `to` node's border, through one point per layer crossed. */
  points: Point[];
  /** True when the edge points upwards (it closes a cycle). */
  reversed: boolean;
  /** True for an edge from a node to itself. */
  loop: boolean;
}

export interface Layout {
  nodes: Record<string, PlacedNode>;
  edges: PlacedEdge[];
  /** Real node ids by layer, in order. */
  layers: string[][];
  width: number;
  height: number;
  /** Edge crossings left after ordering. */
  crossings: number;
}

const DUMMY_WIDTH = 4;

export function layeredLayout(input: LayoutInput, options: LayoutOptions = {}): Layout {
  const { layerGap = 56, nodeGap = 24, margin = 16, sweeps = 16 } = options;
  const n = input.nodes.length;
  const index = new Map(input.nodes.map((node, i) => [node.id, i]));
  const out: number[][] = input.nodes.map(() => []);
  for (const e of input.edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a !== undefined && b !== undefined && a !== b && !out[a]!.includes(b)) out[a]!.push(b);
  }

  // 1. Depth-first search from the roots, then from any node not yet seen: edges to a node on the stack go back.
  const state = new Uint8Array(n); // 0 unseen, 1 on stack, 2 done
  const dagOut: number[][] = input.nodes.map(() => []);
  const reversedPairs = new Set<string>();
  const starts = [...(input.roots ?? []).map((id) => index.get(id)).filter((i): i is number => i !== undefined), ...input.nodes.keys()];
  for (const start of starts) {
    if (state[start]) continue;
    const stack: [number, number][] = [[start, 0]];
    state[start] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [v, next] = top;
      if (next < out[v]!.length) {
        top[1]++;
        const w = out[v]![next]!;
        if (state[w] === 1) {
          reversedPairs.add(`${v},${w}`);
          if (!dagOut[w]!.includes(v)) dagOut[w]!.push(v);
        } else {
          if (!dagOut[v]!.includes(w)) dagOut[v]!.push(w);
          if (state[w] === 0) {
            state[w] = 1;
            stack.push([w, 0]);
          }
        }
      } else {
        state[v] = 2;
        stack.pop();
      }
    }
  }

  // 2. Longest-path layers over the acyclic graph (Kahn's order).
  const indegree = new Array<number>(n).fill(0);
  for (const targets of dagOut) for (const w of targets) indegree[w]!++;
  const layerOf = new Array<number>(n).fill(0);
  const queue = starts.filter((v, i) => indegree[v] === 0 && starts.indexOf(v) === i);
  for (let at = 0; at < queue.length; at++) {
    const v = queue[at]!;
    for (const w of dagOut[v]!) {
      layerOf[w] = Math.max(layerOf[w]!, layerOf[v]! + 1);
      if (--indegree[w]! === 0) queue.push(w);
    }
  }

  // 3. Vertices: the real nodes, then one invisible vertex per layer a long edge crosses.
  const width: number[] = input.nodes.map((node) => node.width);
  const vLayer = [...layerOf];
  const down: number[][] = input.nodes.map(() => []);
  const up: number[][] = input.nodes.map(() => []);
  const chains = new Map<string, number[]>();
  const addVertex = (layer: number) => {
    width.push(DUMMY_WIDTH);
    vLayer.push(layer);
    down.push([]);
    up.push([]);
    return vLayer.length - 1;
  };
  for (let v = 0; v < n; v++) {
    for (const w of dagOut[v]!) {
      const chain = [v];
      for (let layer = layerOf[v]! + 1; layer < layerOf[w]!; layer++) chain.push(addVertex(layer));
      chain.push(w);
      for (let i = 0; i + 1 < chain.length; i++) {
        down[chain[i]!]!.push(chain[i + 1]!);
        up[chain[i + 1]!]!.push(chain[i]!);
      }
      chains.set(`${v},${w}`, chain);
    }
  }
  const layerCount = vLayer.length ? Math.max(...vLayer) + 1 : 0;

  // 4. Order: start from depth-first discovery order, then barycentre sweeps.
  const rank = new Array<number>(vLayer.length).fill(-1);
  let counter = 0;
  const visit = (root: number) => {
    const stack = [root];
    while (stack.length) {
      const v = stack.pop()!;
      if (rank[v]! >= 0) continue;
      rank[v] = counter++;
      for (let i = down[v]!.length - 1; i >= 0; i--) stack.push(down[v]![i]!);
    }
  };
  for (const s of starts) visit(s);
  let layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let v = 0; v < vLayer.length; v++) layers[vLayer[v]!]!.push(v);
  for (const layer of layers) layer.sort((a, b) => rank[a]! - rank[b]!);

  const position = new Array<number>(vLayer.length).fill(0);
  const setPositions = (ls: number[][]) => ls.forEach((layer) => layer.forEach((v, i) => (position[v] = i)));
  setPositions(layers);
  let best = layers.map((l) => [...l]);
  let bestCrossings = countCrossings(layers, down, position);
  for (let sweep = 0; sweep < sweeps && bestCrossings > 0; sweep++) {
    const goingDown = sweep % 2 === 0;
    const range = goingDown ? [...Array(layerCount).keys()].slice(1) : [...Array(layerCount).keys()].reverse().slice(1);
    for (const l of range) {
      const neighbours = goingDown ? up : down;
      const bary = new Map(
        layers[l]!.map((v) => {
          const ns = neighbours[v]!;
          return [v, ns.length ? ns.reduce((sum, w) => sum + position[w]!, 0) / ns.length : position[v]!] as const;
        }),
      );
      layers[l]!.sort((a, b) => bary.get(a)! - bary.get(b)! || position[a]! - position[b]!);
      layers[l]!.forEach((v, i) => (position[v] = i));
    }
    const crossings = countCrossings(layers, down, position);
    if (crossings < bestCrossings) [bestCrossings, best] = [crossings, layers.map((l) => [...l])];
  }
  layers = best;
  setPositions(layers);

  // 5. x: pull towards neighbours, keeping order and gaps.
  const gap = (a: number, b: number) => (width[a]! + width[b]!) / 2 + (a < n && b < n ? nodeGap : nodeGap / 2);
  const x = new Array<number>(vLayer.length).fill(0);
  for (const layer of layers) layer.forEach((v, i) => (x[v] = i === 0 ? 0 : x[layer[i - 1]!]! + gap(layer[i - 1]!, v)));
  for (let pass = 0; pass < 8; pass++) {
    const order = pass % 2 === 0 ? layers : [...layers].reverse();
    for (const layer of order) {
      const wanted = layer.map((v) => {
        const ns = pass % 2 === 0 ? up[v]! : down[v]!;
        const all = ns.length ? ns : [...up[v]!, ...down[v]!];
        return all.length ? all.reduce((sum, w) => sum + x[w]!, 0) / all.length : x[v]!;
      });
      placeInOrder(layer, wanted, gap).forEach((value, i) => (x[layer[i]!] = value));
    }
  }
  const lefts = layers.flatMap((layer) => layer.map((v) => x[v]! - width[v]! / 2));
  const left = lefts.length ? Math.min(...lefts) : 0;

  // 6. y: layer by layer, each as tall as its tallest node.
  const layerHeight = layers.map((layer) => Math.max(0, ...layer.filter((v) => v < n).map((v) => input.nodes[v]!.height)));
  const layerTop: number[] = [];
  let y = margin;
  for (const h of layerHeight) {
    layerTop.push(y);
    y += h + layerGap;
  }

  const nodes: Record<string, PlacedNode> = {};
  const realLayers = layers.map((layer) => layer.filter((v) => v < n));
  realLayers.forEach((layer, l) =>
    layer.forEach((v, order) => {
      const node = input.nodes[v]!;
      nodes[node.id] = { ...node, x: x[v]! - left + margin, y: layerTop[l]! + layerHeight[l]! / 2, layer: l, order };
    }),
  );
  const at = (v: number): Point => ({ x: x[v]! - left + margin, y: layerTop[vLayer[v]!]! + layerHeight[vLayer[v]!]! / 2 });

  const edges: PlacedEdge[] = [];
  for (const e of input.edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined) continue;
    const from = nodes[e.from]!;
    if (a === b) {
      const r = from.x + from.width / 2;
      edges.push({
        from: e.from,
        to: e.to,
        reversed: false,
        loop: true,
        points: [
          { x: r, y: from.y - 6 },
          { x: r + 18, y: from.y - 6 },
          { x: r + 18, y: from.y + 6 },
          { x: r, y: from.y + 6 },
        ],
      });
      continue;
    }
    const reversed = reversedPairs.has(`${a},${b}`);
    const chain = reversed ? chains.get(`${b},${a}`) : chains.get(`${a},${b}`);
    if (!chain) continue;
    const pts = chain.map(at);
    const top = chain[0]!;
    const bottom = chain[chain.length - 1]!;
    pts[0] = { x: pts[0]!.x, y: pts[0]!.y + input.nodes[top]!.height / 2 };
    pts[pts.length - 1] = { x: pts[pts.length - 1]!.x, y: pts[pts.length - 1]!.y - input.nodes[bottom]!.height / 2 };
    edges.push({ from: e.from, to: e.to, reversed, loop: false, points: reversed ? pts.reverse() : pts });
  }

  const right = Math.max(0, ...Object.values(nodes).map((node) => node.x + node.width / 2), ...edges.flatMap((e) => e.points.map((p) => p.x)));
  return {
    nodes,
    edges,
    layers: realLayers.map((layer) => layer.map((v) => input.nodes[v]!.id)),
    width: right + margin,
    height: Math.max(y - layerGap + margin, 2 * margin),
    crossings: bestCrossings,
  };
}

/** Crossings between each pair of neighbouring layers (the segments' endpoints in inverted order). */
function countCrossings(layers: number[][], down: number[][], position: number[]): number {
  let total = 0;
  for (const layer of layers) {
    const segments: [number, number][] = [];
    for (const v of layer) for (const w of down[v]!) segments.push([position[v]!, position[w]!]);
    for (let i = 0; i < segments.length; i++) {
      for (let j = i + 1; j < segments.length; j++) {
        const [a1, b1] = segments[i]!;
        const [a2, b2] = segments[j]!;
        if ((a1 - a2) * (b1 - b2) < 0) total++;
      }
    }
  }
  return total;
}

/**
 * Positions for a layer's vertices, in their order, as close as possible (least squares) to `wanted`
 * while each is at least `gap(left, right)` right of its left neighbour. Shifting each position by the
 * sum of gaps before it turns the gaps into "never decreasing", which pool-adjacent-violators solves.
 */
function placeInOrder(layer: number[], wanted: number[], gap: (a: number, b: number) => number): number[] {
  const offset: number[] = [0];
  for (let i = 1; i < layer.length; i++) offset.push(offset[i - 1]! + gap(layer[i - 1]!, layer[i]!));
  const blocks: { mean: number; count: number }[] = [];
  wanted.forEach((w, i) => {
    blocks.push({ mean: w - offset[i]!, count: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2]!.mean > blocks[blocks.length - 1]!.mean) {
      const last = blocks.pop()!;
      const prev = blocks.pop()!;
      blocks.push({ mean: (prev.mean * prev.count + last.mean * last.count) / (prev.count + last.count), count: prev.count + last.count });
    }
  });
  const result: number[] = [];
  for (const block of blocks) for (let k = 0; k < block.count; k++) result.push(block.mean + offset[result.length]!);
  return result;
}
