/**
 * Geometry for drawing a laid-out map: the SVG path of an edge and where its label sits. Pure functions of
 * layout points (layout units, y down).
 */
import type { Point } from './layout.ts';

/**
 * The SVG path data through `points`: smooth vertical S-curves between successive points, or straight
 * segments for a loop (an edge from a scene to itself). Empty for no points.
 */
export function curvePath(points: readonly Point[], loop: boolean): string {
  if (!points.length) return '';
  if (loop) return `M${points.map((p) => `${p.x},${p.y}`).join(' L')}`;
  let d = `M${points[0]!.x},${points[0]!.y}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const dy = (b.y - a.y) / 2;
    d += ` C${a.x},${a.y + dy} ${b.x},${b.y - dy} ${b.x},${b.y}`;
  }
  return d;
}

/**
 * The point halfway along the polyline through `points` (by length), where an edge's label is drawn.
 * The curve drawn by `curvePath` passes through every point, so the halfway point of the polyline lies
 * close to it. The first point for a single point; the origin for none.
 */
export function midpoint(points: readonly Point[]): Point {
  if (points.length < 2) return points[0] ?? { x: 0, y: 0 };
  const lengths = points.slice(1).map((b, i) => Math.hypot(b.x - points[i]!.x, b.y - points[i]!.y));
  let left = lengths.reduce((sum, l) => sum + l, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!;
    if (left <= l) {
      const a = points[i]!;
      const b = points[i + 1]!;
      const t = l === 0 ? 0 : left / l;
      return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    }
    left -= l;
  }
  return points[points.length - 1]!;
}

/** The key of the edge from `from` to `to`, for Maps and Sets of edges. */
export const edgeKey = (from: string, to: string): string => `${from}\u0000${to}`;
