import { describe, expect, it } from 'vitest';
import { stronglyConnected } from '../../src/lib/engine/strongly-connected.ts';

const graph = (edges: number[][]) => (v: number) => edges[v] ?? [];
const sorted = (groups: number[][]) => groups.map((g) => [...g].sort((a, b) => a - b));

describe('strongly connected groups', () => {
  it('finds loops, lists sinks first, and keeps a node on its own when it loops to nothing', () => {
    // 0 → 1 ⇄ 2 → 3, 3 → 3 (a move to itself), 4 alone.
    const groups = sorted(stronglyConnected(5, graph([[1], [2], [1, 3], [3], []])));
    expect(groups).toHaveLength(4);
    expect(groups).toContainEqual([1, 2]);
    // Each group comes after every group it leads to.
    const at = (v: number) => groups.findIndex((g) => g.includes(v));
    expect(at(3)).toBeLessThan(at(1));
    expect(at(1)).toBeLessThan(at(0));
  });

  it('leaves out the nodes it is told to, and the moves to them', () => {
    // 0 ⇄ 1 through 2 only: without 2 there is no loop.
    const groups = sorted(stronglyConnected(3, graph([[2], [0], [1]]), (v) => v !== 2));
    expect(groups).toEqual([[0], [1]]);
  });

  it('follows a chain of 200,000 nodes without running out of stack', () => {
    const n = 200_000;
    const groups = stronglyConnected(n, (v) => (v + 1 < n ? [v + 1] : [0]));
    expect(groups).toHaveLength(1);
    expect(groups[0]).toHaveLength(n);
  });
});
