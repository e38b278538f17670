import { flushSync, tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import { scenarioGraph } from '../../src/lib/map/graph.ts';
import { layeredLayout } from '../../src/lib/map/layout.ts';
import { mapIndex, neighbour } from '../../src/lib/map/navigate.ts';
import { MapViewport, READABLE_ZOOM } from '../../src/lib/map/viewport.svelte.ts';
import { fake } from '../authoring/support.ts';

function mapOf() {
  const scenario = fake();
  const graph = scenarioGraph(scenario);
  const layout = layeredLayout({ nodes: graph.nodes.map((n) => ({ id: n.id, width: 160, height: 48 })), edges: graph.edges, roots: ['start'] }, {});
  return mapIndex(graph, layout, 'start', []);
}

/** A scrolling box the size of a phone's map area. */
const box = () => ({ clientWidth: 300, clientHeight: 400, scrollLeft: 0, scrollTop: 0 }) as HTMLDivElement;

describe('the map view', () => {
  it('opens at a readable zoom, centred on the start scene', async () => {
    const map = mapOf();
    const view = new MapViewport(() => map);
    const canvas = box();
    view.attachCanvas(canvas);
    await tick();
    const start = map.layout.nodes.start!;
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(canvas.scrollLeft).toBe(start.x - 150);
    expect(canvas.scrollTop).toBe(start.y - 400 / 3);
  });

  it('keeps the middle of the view in place when zooming', async () => {
    const map = mapOf();
    const view = new MapViewport(() => map);
    const canvas = box();
    view.canvas = canvas;
    canvas.scrollLeft = 50;
    await view.setZoom(2);
    flushSync();
    expect(view.zoom).toBe(2);
    expect(canvas.scrollLeft).toBe((50 + 150) * 2 - 150);
    expect(view.announcement).toBe('Zoom 200%');
  });

  it('moves down to the next scene and back up the way it came', () => {
    const map = mapOf();
    expect(neighbour(map, 'start', 'ArrowDown')).toBe('answer');
    expect(neighbour(map, 'answer', 'ArrowUp')).toBe('start');
    expect(neighbour(map, 'answer', 'Home')).toBe('start');
    expect(neighbour(map, 'start', 'ArrowUp')).toBeUndefined();
  });
});
