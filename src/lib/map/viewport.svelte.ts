/**
 * The map's view: zoom, panning, the selected scene and keyboard moves. The drawing is drawn at `zoom` ×
 * its layout size inside a scrolling box, so panning is scrolling. The component binds `canvas` and
 * `svg`, renders the fields, and hands pointer and key events to the methods here.
 */
import { tick } from 'svelte';
import type { Point } from './layout.ts';
import { neighbour, type MapIndex } from './navigate.ts';

export const MIN_ZOOM = 0.2;
export const MAX_ZOOM = 3;
/** The zoom the map opens at: its text at the page's size. */
export const READABLE_ZOOM = 1;
/** One press of + or − multiplies or divides the zoom by this; one wheel notch by `WHEEL_STEP`. */
export const ZOOM_STEP = 1.25;
const WHEEL_STEP = 1.2;

const percent = (zoom: number) => `${Math.round(zoom * 100)}%`;

export class MapViewport {
  zoom = $state(READABLE_ZOOM);
  /** Said by a live region after a zoom. */
  announcement = $state('');
  /** The scene whose details are shown, if any. */
  selected = $state<string | null>(null);
  /** The scene with keyboard focus, whose choices are labelled on the map. */
  focused = $state<string | null>(null);
  /** The scene or edge (`edgeKey`) under the pointer, labelled on the map. */
  hovered = $state<{ scene: string } | { edge: string } | null>(null);
  canvas = $state.raw<HTMLDivElement>();
  svg = $state.raw<SVGSVGElement>();
  #drag = $state<{ x: number; y: number; left: number; top: number } | null>(null);
  readonly #map: () => MapIndex;

  /** `map` is read on every use, so the view follows a map that changes. */
  constructor(map: () => MapIndex) {
    this.#map = map;
  }

  get dragging(): boolean {
    return this.#drag !== null;
  }

  /** The scene that holds the map's one tab stop: the selected scene, else the start. */
  get current(): string {
    const map = this.#map();
    return this.selected && map.layout.nodes[this.selected] ? this.selected : map.initial;
  }

  /** Zoom to `next` (clamped), keeping layout point `about.point` at `about.screen` (default: the middle of the view). */
  async setZoom(next: number, about?: { point: Point; screen: Point }): Promise<void> {
    const clamped = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, next));
    const box = this.canvas;
    const anchor =
      about ??
      (box
        ? {
            screen: { x: box.clientWidth / 2, y: box.clientHeight / 2 },
            point: { x: (box.scrollLeft + box.clientWidth / 2) / this.zoom, y: (box.scrollTop + box.clientHeight / 2) / this.zoom },
          }
        : undefined);
    this.zoom = clamped;
    this.announcement = `Zoom ${percent(clamped)}`;
    // The drawing takes its new size at the next update; only then can the box scroll to the anchor.
    await tick();
    if (box && anchor) {
      box.scrollLeft = anchor.point.x * clamped - anchor.screen.x;
      box.scrollTop = anchor.point.y * clamped - anchor.screen.y;
    }
  }

  zoomIn = (): Promise<void> => this.setZoom(this.zoom * ZOOM_STEP);
  zoomOut = (): Promise<void> => this.setZoom(this.zoom / ZOOM_STEP);
  actualSize = (): Promise<void> => this.setZoom(1);

  /** Show the whole map (never larger than actual size). */
  fit = (): void => {
    const box = this.canvas;
    const { layout } = this.#map();
    const whole = box && box.clientWidth && box.clientHeight ? Math.min(1, box.clientWidth / layout.width, box.clientHeight / layout.height) : 1;
    this.zoom = Math.max(MIN_ZOOM, whole);
    this.announcement = `Whole map shown, zoom ${percent(this.zoom)}`;
  };

  /** Scroll so scene `id` is centred across the view and in its upper third. */
  centreOn(id: string): void {
    const box = this.canvas;
    const placed = this.#map().layout.nodes[id];
    if (!box || !placed) return;
    box.scrollLeft = placed.x * this.zoom - box.clientWidth / 2;
    box.scrollTop = placed.y * this.zoom - box.clientHeight / 3;
  }

  /** Attach to the scrolling box: it opens at a readable zoom, centred on the start scene. */
  attachCanvas = (box: HTMLDivElement): (() => void) => {
    this.canvas = box;
    void tick().then(() => this.centreOn(this.#map().initial));
    return () => {
      if (this.canvas === box) this.canvas = undefined;
    };
  };

  /** Select scene `id` and move focus to it, which scrolls it into view. */
  select(id: string): void {
    this.selected = id;
    // Scene ids hold only letters, digits, - and _, so they need no escaping in a selector.
    this.svg?.querySelector<SVGGElement>(`[data-scene="${id}"]`)?.focus();
  }

  // ---- pointer: drag the background to pan; Ctrl/⌘ + wheel (and trackpad pinch) zooms at the pointer ----
  onpointerdown = (event: PointerEvent): void => {
    if (!this.canvas || event.button !== 0 || (event.target as Element).closest('.node')) return;
    this.#drag = { x: event.clientX, y: event.clientY, left: this.canvas.scrollLeft, top: this.canvas.scrollTop };
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
  };

  onpointermove = (event: PointerEvent): void => {
    if (!this.#drag || !this.canvas) return;
    this.canvas.scrollLeft = this.#drag.left - (event.clientX - this.#drag.x);
    this.canvas.scrollTop = this.#drag.top - (event.clientY - this.#drag.y);
  };

  onpointerup = (): void => {
    this.#drag = null;
  };

  /** The pointer moved onto a part of the drawing: a scene (`data-scene`), an edge (`data-edge`) or neither. */
  onpointerover = (event: PointerEvent): void => {
    const target = event.target as Element;
    const scene = target.closest<SVGElement>('[data-scene]')?.dataset.scene;
    const edge = target.closest<SVGElement>('[data-edge]')?.dataset.edge;
    this.hovered = scene !== undefined ? { scene } : edge !== undefined ? { edge } : null;
  };

  onpointerleave = (): void => {
    this.hovered = null;
  };

  onwheel = (event: WheelEvent): void => {
    const canvas = this.canvas;
    if (!canvas || (!event.ctrlKey && !event.metaKey)) return;
    event.preventDefault();
    const box = canvas.getBoundingClientRect();
    const screen = { x: event.clientX - box.left, y: event.clientY - box.top };
    const point = { x: (canvas.scrollLeft + screen.x) / this.zoom, y: (canvas.scrollTop + screen.y) / this.zoom };
    void this.setZoom(this.zoom * (event.deltaY < 0 ? WHEEL_STEP : 1 / WHEEL_STEP), { point, screen });
  };

  // ---- keyboard: one tab stop; arrows move between scenes, the view follows ----
  /** A key pressed on scene `id`: Enter/Space select it, + − 0 zoom, arrows and Home move. */
  onscenekey(id: string, event: KeyboardEvent): void {
    const key = event.key;
    if (key === 'Enter' || key === ' ') this.select(id);
    else if (key === '+' || key === '=') void this.zoomIn();
    else if (key === '-' || key === '_') void this.zoomOut();
    else if (key === '0') this.fit();
    else {
      const next = neighbour(this.#map(), this.current, key);
      if (!next) return;
      this.select(next);
    }
    event.preventDefault();
  }
}
