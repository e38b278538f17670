/**
 * Moving between scenes on the map with the keyboard: which scene an arrow key leads to. Pure; the
 * lookups it needs are built once per map by `mapIndex`.
 */
import type { ScenarioGraph } from './graph.ts';
import type { Layout } from './layout.ts';

/** Lookups over one map, built once: the scene a key leads to is then found in constant time. */
export interface MapIndex {
  layout: Layout;
  /** The scene the scenario starts in. */
  initial: string;
  /** The highlighted run's scene ids, in order (may be empty). */
  path: readonly string[];
  /** First step of the run at which it was in each scene (0-based). */
  pathIndex: ReadonlyMap<string, number>;
  /** The first other scene each scene leads to, in file order. */
  firstExit: ReadonlyMap<string, string>;
  /** The first other scene that leads to each scene, in edge order. */
  firstEntry: ReadonlyMap<string, string>;
}

export function mapIndex(graph: ScenarioGraph, layout: Layout, initial: string, path: readonly string[]): MapIndex {
  const firstExit = new Map<string, string>();
  for (const [id, exits] of Object.entries(graph.exits)) {
    const to = exits.find((t) => t.to !== id)?.to;
    if (to !== undefined) firstExit.set(id, to);
  }
  const firstEntry = new Map<string, string>();
  for (const e of graph.edges) if (e.from !== e.to && !firstEntry.has(e.to)) firstEntry.set(e.to, e.from);
  const pathIndex = new Map<string, number>();
  path.forEach((id, i) => pathIndex.has(id) || pathIndex.set(id, i));
  return { layout, initial, path, pathIndex, firstExit, firstEntry };
}

/**
 * The scene `key` moves to from scene `id`: Left and Right along its layer, Down to the first scene it
 * leads to, Up back along the run (when on it) or to the first scene that leads here, Home to the start.
 * Undefined when the key moves nowhere.
 */
export function neighbour(index: MapIndex, id: string, key: string): string | undefined {
  if (key === 'Home') return index.initial;
  const placed = index.layout.nodes[id];
  if (!placed) return undefined;
  const layer = index.layout.layers[placed.layer] ?? [];
  if (key === 'ArrowLeft') return layer[placed.order - 1];
  if (key === 'ArrowRight') return layer[placed.order + 1];
  if (key === 'ArrowDown') return index.firstExit.get(id);
  if (key === 'ArrowUp') {
    const onRun = index.pathIndex.get(id) ?? -1;
    return onRun > 0 ? index.path[onRun - 1] : index.firstEntry.get(id);
  }
  return undefined;
}
