// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layeredLayout, type Layout, type LayoutInput } from '../../src/lib/map/layout.ts';
import { mapFacts } from '../../src/lib/map/facts.ts';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { fake, fakeWithFlaws } from '../authoring/support.ts';

const box = (id: string) => ({ id, width: 100, height: 40 });

/** Whether a point lies on the border of a placed node's box. */
function onBorder(p: { x: number; y: number }, n: { x: number; y: number; width: number; height: number }) {
  const dx = Math.abs(p.x - n.x);
  const dy = Math.abs(p.y - n.y);
  const within = dx <= n.width / 2 + 1e-6 && dy <= n.height / 2 + 1e-6;
  return within && (Math.abs(dx - n.width / 2) < 1e-6 || Math.abs(dy - n.height / 2) < 1e-6);
}

/** Every check a drawing must pass, whatever the graph. */
function expectSound(input: LayoutInput, layout: Layout, gap = 24) {
  expect(Object.keys(layout.nodes).sort()).toEqual(input.nodes.map((n) => n.id).sort());
  for (const layer of layout.layers) {
    for (let i = 1; i < layer.length; i++) {
      const a = layout.nodes[layer[i - 1]!]!;
      const b = layout.nodes[layer[i]!]!;
      expect(b.x - b.width / 2 - (a.x + a.width / 2)).toBeGreaterThanOrEqual(gap - 1e-6);
    }
  }
  for (const node of Object.values(layout.nodes)) {
    expect(node.x - node.width / 2).toBeGreaterThanOrEqual(0);
    expect(node.x + node.width / 2).toBeLessThanOrEqual(layout.width + 1e-6);
    expect(node.y + node.height / 2).toBeLessThanOrEqual(layout.height + 1e-6);
  }
  for (const edge of layout.edges) {
    const from = layout.nodes[edge.from]!;
    const to = layout.nodes[edge.to]!;
    if (edge.loop) continue;
    if (!edge.reversed) expect(to.layer).toBeGreaterThan(from.layer);
    // The edge starts on one node's border and ends on the other's, through every layer between.
    expect(onBorder(edge.points[0]!, from), `${edge.from}→${edge.to} starts on ${edge.from}`).toBe(true);
    expect(onBorder(edge.points.at(-1)!, to), `${edge.from}→${edge.to} ends on ${edge.to}`).toBe(true);
    expect(edge.points.length).toBeGreaterThanOrEqual(Math.abs(to.layer - from.layer) + 1);
  }
}

describe('layeredLayout', () => {
  it('puts a chain in one column, top to bottom', () => {
    const layout = layeredLayout({
      nodes: ['a', 'b', 'c'].map(box),
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
    });
    expect(layout.layers).toEqual([['a'], ['b'], ['c']]);
    expect(layout.nodes.a!.x).toBe(layout.nodes.c!.x);
    expect(layout.nodes.a!.y).toBeLessThan(layout.nodes.b!.y);
  });

  it('puts each node one layer below its lowest predecessor', () => {
    const input = {
      nodes: ['a', 'b', 'c', 'd'].map(box),
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'a', to: 'c' },
        { from: 'c', to: 'd' },
      ],
    };
    const layout = layeredLayout(input);
    expect(layout.layers).toEqual([['a'], ['b'], ['c'], ['d']]);
    // The edge that skips a layer passes through it (beside b), not through b.
    const skip = layout.edges.find((e) => e.from === 'a' && e.to === 'c')!;
    const beside = skip.points.find((p) => Math.abs(p.y - layout.nodes.b!.y) < 1e-6);
    expect(beside).toBeDefined();
    expect(Math.abs(beside!.x - layout.nodes.b!.x)).toBeGreaterThanOrEqual(layout.nodes.b!.width / 2);
    expectSound(input, layout);
  });

  it('draws an edge that closes a cycle upwards, marked reversed', () => {
    const input = {
      nodes: ['a', 'b', 'c'].map(box),
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
      ],
      roots: ['a'],
    };
    const layout = layeredLayout(input);
    expect(layout.layers).toEqual([['a'], ['b'], ['c']]);
    const back = layout.edges.find((e) => e.from === 'c')!;
    expect(back.reversed).toBe(true);
    expect(back.points[0]!.y).toBeGreaterThan(back.points.at(-1)!.y);
    expectSound(input, layout);
  });

  it('leaves no crossings where none are needed', () => {
    const edges = [
      ['r', 'b'],
      ['r', 'a'],
      ['a', 'a2'],
      ['b', 'b1'],
      ['a', 'a1'],
      ['b', 'b2'],
      ['a1', 'm'],
      ['b2', 'm'],
    ];
    const layout = layeredLayout({
      nodes: ['r', 'a', 'b', 'a1', 'a2', 'b1', 'b2', 'm'].map(box),
      edges: edges.map(([from, to]) => ({ from: from!, to: to! })),
    });
    expect(layout.crossings).toBe(0);
  });

  it('centres a parent over its children', () => {
    const layout = layeredLayout({
      nodes: ['p', 'l', 'r'].map(box),
      edges: [
        { from: 'p', to: 'l' },
        { from: 'p', to: 'r' },
      ],
    });
    expect(layout.nodes.p!.x).toBeCloseTo((layout.nodes.l!.x + layout.nodes.r!.x) / 2);
  });

  it('draws a self-loop beside its node', () => {
    const layout = layeredLayout({ nodes: ['a'].map(box), edges: [{ from: 'a', to: 'a' }] });
    expect(layout.edges).toEqual([expect.objectContaining({ loop: true })]);
  });

  it('lays out any graph soundly, and the same way twice', () => {
    const graph = fc.integer({ min: 1, max: 25 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })), { maxLength: n * 3 }),
      }),
    );
    fc.assert(
      fc.property(graph, ({ n, edges }) => {
        const input: LayoutInput = {
          nodes: Array.from({ length: n }, (_, i) => box(`s${i}`)),
          edges: edges.map(([a, b]) => ({ from: `s${a}`, to: `s${b}` })),
          roots: ['s0'],
        };
        const layout = layeredLayout(input);
        expectSound(input, layout);
        expect(layeredLayout(input)).toEqual(layout);
      }),
      { numRuns: 100 },
    );
  });
});

describe('mapFacts', () => {
  it('agrees with the analyser on unreachable scenes and dead ends', () => {
    const scenario = fakeWithFlaws();
    const facts = mapFacts(scenario);
    const analysis = analyseScenario(scenario);
    expect(Object.keys(scenario.machine.states).filter((id) => !facts.reachable.has(id))).toEqual(analysis.unreachableScenes);
    expect(analysis.unreachableScenes).toEqual(['orphan']);
    expect([...facts.deadEnds]).toEqual(analysis.deadEnds.map((d) => d.scene));
    expect([...facts.deadEnds]).toEqual(['limbo']);
  });

  it('finds every outcome a final scene can end in', () => {
    expect(mapFacts(fake()).endings).toEqual(new Map([['end', ['mutualFit', 'candidateDeclines', 'employerDeclines', 'noFit']]]));
  });
});
