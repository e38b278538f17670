/**
 * The analyser's engine for large scenarios: the same breadth-first search over the same abstract
 * states as `analyse.ts` (scene, deal-breakers, tested flags, each ledger's total clamped to its window),
 * but with the totals held as a set rather than one state at a time.
 *
 * For one scene with given deal-breakers and flags (a "slot"), the reachable pairs of totals (employer,
 * candidate) are a bit grid over the scene's window. The conditions of a scene compare totals with a
 * few thresholds, so they cut the grid into rectangles ("regions") inside which every condition comes
 * out the same. The one step function (`movesAt`) is called once per region, on one standing in it; its
 * moves then hold for the whole region, and since effects add fixed amounts to the totals, each move
 * shifts the region's bits by that amount into the target slot's grid (clamped at the window's ends).
 * The step function is never re-derived: only its result is applied to many states at once.
 *
 * Usable when no condition tests a single dimension (the state is then two totals) and the scenes never
 * loop (every window is finite and the scenes can be taken in order). Exact: reachability, each
 * outcome's shortest path (found again backwards from the depth each bit was first reached), dead ends
 * and the endings are the same as a state-by-state search would find.
 */
import { clamp, type SceneEdge, type Tested, type Window } from './analyse-abstraction.ts';
import type { Standing } from './effects.ts';
import { judge, ledgerTotal, OUTCOMES, type Outcome, type Side } from './ledger.ts';
import { movesAt, sceneOf, startingStanding } from './step.ts';
import type { Scenario } from './schema.ts';

/** One step of a path, as `analyse.ts` reports it. */
export interface RegionPathStep {
  scene: string;
  event: string;
  by: 'player' | 'simulated' | 'continue';
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** 32-bit words per row (a row holds the candidate totals for one employer total). */
  words: number;
}

/** A rectangle of totals (inclusive, in absolute values) on which every condition of a scene comes out the same. */
interface Region {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Filled the first time the region holds a reachable state. */
  moves: RegionMove[] | undefined;
  /** Final scenes: the outcome of every state in the region. */
  outcome: Outcome | undefined;
}

interface RegionMove {
  step: RegionPathStep;
  target: Slot;
  dx: number;
  dy: number;
}

interface Layer {
  depth: number;
  bits: Uint32Array;
}

interface Slot {
  scene: string;
  final: boolean;
  dealBreakers: Standing['dealBreakers'];
  flags: string[];
  box: Box;
  window: Record<Side, Window>;
  regions: Region[];
  /** Bits arriving at each depth, before the slot is taken. */
  incoming: Map<number, Uint32Array>;
  /** Bits first reached at each depth, once the slot is taken. */
  layers: Layer[];
  /** Moves of other slots' regions that lead here, for finding paths backwards. */
  from: { slot: Slot; region: Region; move: RegionMove }[];
}

export interface RegionSearch {
  /** False when the search stopped at its memory limit (findings are then a lower bound). */
  complete: boolean;
  /** Distinct abstract states reached. */
  states: number;
  reachableScenes: Set<string>;
  /** Scenes where some reachable state has no move. */
  deadEnds: Set<string>;
  /** For each reachable final scene, the outcomes reached there. */
  finalScenes: Map<string, Set<Outcome>>;
  /** Each reachable outcome's shortest path. */
  shortest: Partial<Record<Outcome, RegionPathStep[]>>;
  /** One random play over the reached states (each offered move equally likely): its outcome, or null if stuck. */
  play: (random: () => number) => Outcome | null;
}

export interface RegionLimits {
  /** Stop when the grids would hold more than this many 32-bit words (default 64 million: 256 MB). */
  maxWords?: number;
}

const SIDE_X: Side = 'employer';
const SIDE_Y: Side = 'candidate';

/** The thresholds of a scene's conditions and outcome, as the starts of intervals over one total. */
function intervals(cuts: number[], lo: number, hi: number): [number, number][] {
  const out: [number, number][] = [];
  let start = -Infinity;
  for (const c of [...cuts, Infinity]) {
    const a = Math.max(start, lo);
    const b = Math.min(c - 1, hi);
    if (a <= b) out.push([a, b]);
    start = c;
  }
  return out;
}

function anyBit(bits: Uint32Array, base: number, a: number, b: number): boolean {
  if (a > b) return false;
  const first = a >> 5;
  const last = b >> 5;
  for (let k = first; k <= last; k++) {
    let v = bits[base + k]!;
    if (!v) continue;
    if (k === first) v &= ~0 << (a & 31);
    if (k === last && (b & 31) !== 31) v &= (1 << ((b & 31) + 1)) - 1;
    if (v) return true;
  }
  return false;
}

/** The first set bit in [a, b] of a row, or -1. */
function firstBit(bits: Uint32Array, base: number, a: number, b: number): number {
  for (let i = a; i <= b; i++) if ((bits[base + (i >> 5)]! >>> (i & 31)) & 1) return i;
  return -1;
}

/** Set in `dst` bit i + shift for every set bit i in [a, b] of `src` (the results all lie inside dst's row). */
function orShifted(src: Uint32Array, sBase: number, a: number, b: number, dst: Uint32Array, dBase: number, shift: number): void {
  if (a > b) return;
  const first = a >> 5;
  const last = b >> 5;
  for (let k = first; k <= last; k++) {
    let v = src[sBase + k]!;
    if (!v) continue;
    if (k === first) v &= ~0 << (a & 31);
    if (k === last && (b & 31) !== 31) v &= (1 << ((b & 31) + 1)) - 1;
    if (!v) continue;
    const pos = (k << 5) + shift;
    const q = Math.floor(pos / 32);
    const r = pos - q * 32;
    const low = v << r;
    if (low && q >= 0) dst[dBase + q]! |= low;
    if (r) {
      const high = v >>> (32 - r);
      if (high) dst[dBase + q + 1]! |= high;
    }
  }
}

/**
 * How the totals `a…b` of one axis move by `delta` into a target window: those that land at or below its
 * low end fold onto it (`lowA…lowB`), those at or above its high end onto that (`highA…highB`), and the
 * rest (`innerA…innerB`) shift. An empty range has its start past its end. Plain numbers: it is called
 * for every move of every region.
 */
interface AxisMove {
  lowA: number;
  lowB: number;
  lowTo: number;
  highA: number;
  highB: number;
  highTo: number;
  innerA: number;
  innerB: number;
}

function moveAxis(a: number, b: number, delta: number, w: Window): AxisMove {
  // A window of one total: everything folds onto it.
  if (w.lo === w.hi) return { lowA: a, lowB: b, lowTo: w.lo, highA: 1, highB: 0, highTo: w.hi, innerA: 1, innerB: 0 };
  return {
    lowA: a,
    lowB: Math.min(b, w.lo - delta),
    lowTo: w.lo,
    highA: Math.max(a, w.hi - delta),
    highB: b,
    highTo: w.hi,
    innerA: Math.max(a, w.lo - delta + 1),
    innerB: Math.min(b, w.hi - delta - 1),
  };
}

export function searchRegions(
  scenario: Scenario,
  seat: Side,
  edges: Map<string, SceneEdge[]>,
  windows: Map<string, Record<Side, Window>>,
  tested: Tested,
  cutsOf: (scene: string, side: Side) => number[],
  limits: RegionLimits = {},
): RegionSearch {
  const maxWords = limits.maxWords ?? 64_000_000;
  let words = 0;
  let complete = true;

  // The scenes reachable from the start (conditions ignored), in an order where every move goes forward,
  // and each one's range of totals (the widest it can be), clamped into its window: its grid's box.
  const order: string[] = [];
  const indegree = new Map<string, number>();
  const seen = new Set([scenario.machine.initial]);
  for (let i = 0, queue = [scenario.machine.initial]; i < queue.length; i++) {
    for (const e of edges.get(queue[i]!)!) {
      indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
      if (!seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  const range = new Map<string, { x: [number, number]; y: [number, number] }>([[scenario.machine.initial, { x: [0, 0], y: [0, 0] }]]);
  for (let i = 0, ready = [scenario.machine.initial]; i < ready.length; i++) {
    const id = ready[i]!;
    order.push(id);
    const r = range.get(id)!;
    for (const e of edges.get(id)!) {
      const known = range.get(e.target);
      const x: [number, number] = [r.x[0] + e.delta[SIDE_X], r.x[1] + e.delta[SIDE_X]];
      const y: [number, number] = [r.y[0] + e.delta[SIDE_Y], r.y[1] + e.delta[SIDE_Y]];
      range.set(
        e.target,
        known ? { x: [Math.min(known.x[0], x[0]), Math.max(known.x[1], x[1])], y: [Math.min(known.y[0], y[0]), Math.max(known.y[1], y[1])] } : { x, y },
      );
      const left = indegree.get(e.target)! - 1;
      indegree.set(e.target, left);
      if (left === 0) ready.push(e.target);
    }
  }
  const position = new Map(order.map((id, i) => [id, i]));

  const slots = new Map<string, Slot>();
  const byScene = new Map<string, Slot[]>();
  const controlOf = (s: Standing) =>
    `${s.dealBreakers.employer === null ? '' : 'x'}|${s.dealBreakers.candidate === null ? '' : 'x'}|${s.flags.filter((f) => tested.flags.has(f)).join(',')}`;

  const slotFor = (scene: string, standing: Standing): Slot => {
    const key = `${scene}|${controlOf(standing)}`;
    const known = slots.get(key);
    if (known) return known;
    const window = windows.get(scene)!;
    const r = range.get(scene)!;
    const box = {
      x0: clamp(window[SIDE_X], r.x[0]),
      x1: clamp(window[SIDE_X], r.x[1]),
      y0: clamp(window[SIDE_Y], r.y[0]),
      y1: clamp(window[SIDE_Y], r.y[1]),
      words: 0,
    };
    box.words = ((box.y1 - box.y0) >> 5) + 1;
    const final = sceneOf(scenario, scene)!.type === 'final';
    const regions: Region[] = [];
    for (const [x0, x1] of intervals(cutsOf(scene, SIDE_X), box.x0, box.x1)) {
      for (const [y0, y1] of intervals(cutsOf(scene, SIDE_Y), box.y0, box.y1)) regions.push({ x0, x1, y0, y1, moves: undefined, outcome: undefined });
    }
    const slot: Slot = {
      scene,
      final,
      dealBreakers: { ...standing.dealBreakers },
      flags: standing.flags.filter((f) => tested.flags.has(f)),
      box,
      window,
      regions,
      incoming: new Map(),
      layers: [],
      from: [],
    };
    slots.set(key, slot);
    if (!byScene.has(scene)) byScene.set(scene, []);
    byScene.get(scene)!.push(slot);
    return slot;
  };

  // Grids are cut from large zeroed blocks: thousands of small typed arrays cost more in allocation and
  // garbage collection than the search itself.
  const BLOCK = 1 << 22;
  let block = new Uint32Array(0);
  let used = 0;
  const grid = (slot: Slot): Uint32Array => {
    const size = (slot.box.x1 - slot.box.x0 + 1) * slot.box.words;
    words += size;
    if (size > BLOCK / 4) return new Uint32Array(size);
    if (used + size > block.length) {
      block = new Uint32Array(BLOCK);
      used = 0;
    }
    used += size;
    return block.subarray(used - size, used);
  };

  /** A standing in a region: the totals held in one dimension each (no condition reads dimensions here). */
  const standingAt = (slot: Slot, x: number, y: number): Standing => ({
    ledgers: {
      employer: { courtesy: x, communication: 0, commonSense: 0 },
      candidate: { courtesy: y, communication: 0, commonSense: 0 },
    },
    dealBreakers: { ...slot.dealBreakers },
    flags: [...slot.flags],
  });

  const movesOf = (slot: Slot, region: Region): RegionMove[] => {
    if (region.moves) return region.moves;
    const at = { scene: slot.scene, standing: standingAt(slot, region.x0, region.y0) };
    region.moves = movesAt(scenario, at, seat).map((m) => ({
      step: { scene: slot.scene, event: m.event, by: m.by },
      target: slotFor(m.next.scene, m.next.standing),
      dx: ledgerTotal(m.next.standing.ledgers[SIDE_X]) - region.x0,
      dy: ledgerTotal(m.next.standing.ledgers[SIDE_Y]) - region.y0,
    }));
    return region.moves;
  };

  const outcomeOf = (slot: Slot, region: Region): Outcome => {
    const s = standingAt(slot, region.x0, region.y0);
    return (region.outcome ??= judge(s.ledgers, s.dealBreakers).outcome);
  };

  /** Whether a region of a grid holds a state. */
  const holdsAny = (slot: Slot, bits: Uint32Array, region: { x0: number; x1: number; y0: number; y1: number }): boolean => {
    const { box } = slot;
    for (let x = region.x0; x <= region.x1; x++) {
      if (anyBit(bits, (x - box.x0) * box.words, region.y0 - box.y0, region.y1 - box.y0)) return true;
    }
    return false;
  };

  /** Shift the part `x0…x1 × y0…y1` of a grid (a region clipped to where the grid has bits) by a move into the target slot's grid at `depth`. */
  const push = (slot: Slot, bits: Uint32Array, x0: number, x1: number, y0: number, y1: number, move: RegionMove, depth: number): void => {
    const target = move.target;
    let into = target.incoming.get(depth);
    if (!into) {
      if (words > maxWords) {
        complete = false;
        return;
      }
      into = grid(target);
      target.incoming.set(depth, into);
    }
    const { box } = slot;
    const tBox = target.box;
    const wx = target.window[SIDE_X];
    const ys = moveAxis(y0, y1, move.dy, target.window[SIDE_Y]);
    const shift = box.y0 + move.dy - tBox.y0;
    // Rows relative to the source grid, and the word and bit each fold sets in the target's.
    const ia = ys.innerA - box.y0;
    const ib = ys.innerB - box.y0;
    const la = ys.lowA - box.y0;
    const lb = ys.lowB - box.y0;
    const lowWord = (ys.lowTo - tBox.y0) >> 5;
    const lowBit = 1 << ((ys.lowTo - tBox.y0) & 31);
    const ha = ys.highA - box.y0;
    const hb = ys.highB - box.y0;
    const highWord = (ys.highTo - tBox.y0) >> 5;
    const highBit = 1 << ((ys.highTo - tBox.y0) & 31);
    for (let x = x0; x <= x1; x++) {
      const sBase = (x - box.x0) * box.words;
      const dBase = (clamp(wx, x + move.dx) - tBox.x0) * tBox.words;
      if (anyBit(bits, sBase, la, lb)) into[dBase + lowWord]! |= lowBit;
      if (anyBit(bits, sBase, ha, hb)) into[dBase + highWord]! |= highBit;
      orShifted(bits, sBase, ia, ib, into, dBase, shift);
    }
  };

  /** The rows and columns of a grid that hold bits (absolute totals), or null when it is empty. */
  const extent = (slot: Slot, bits: Uint32Array): { x0: number; x1: number; y0: number; y1: number } | null => {
    const { box } = slot;
    let x0 = Infinity;
    let x1 = -Infinity;
    let k0 = Infinity;
    let k1 = -Infinity;
    for (let r = 0, base = 0; base < bits.length; r++, base += box.words) {
      for (let k = 0; k < box.words; k++) {
        if (!bits[base + k]) continue;
        if (r < x0) x0 = r;
        x1 = r;
        if (k < k0) k0 = k;
        if (k > k1) k1 = k;
      }
    }
    if (x0 === Infinity) return null;
    return { x0: box.x0 + x0, x1: box.x0 + x1, y0: box.y0 + k0 * 32, y1: Math.min(box.y1, box.y0 + k1 * 32 + 31) };
  };

  const reachableScenes = new Set<string>();
  const deadEnds = new Set<string>();
  const finalScenes = new Map<string, Set<Outcome>>();
  const best: Partial<Record<Outcome, { depth: number; slot: Slot; region: Region }>> = {};
  let states = 0;

  const start = startingStanding();
  const first = slotFor(scenario.machine.initial, start);
  const firstBits = grid(first);
  const x0 = clamp(first.window[SIDE_X], 0) - first.box.x0;
  const y0 = clamp(first.window[SIDE_Y], 0) - first.box.y0;
  firstBits[x0 * first.box.words + (y0 >> 5)]! |= 1 << (y0 & 31);
  first.incoming.set(0, firstBits);

  for (const scene of order) {
    for (const slot of byScene.get(scene) ?? []) {
      // The bits first reached at each depth, shallowest first.
      const depths = [...slot.incoming.keys()].sort((a, b) => a - b);
      const seenBits = depths.length > 1 ? new Uint32Array((slot.box.x1 - slot.box.x0 + 1) * slot.box.words) : null;
      for (const depth of depths) {
        if (!seenBits) {
          const bits = slot.incoming.get(depth)!;
          for (let i = 0; i < bits.length; i++) if (bits[i]) states += popcount(bits[i]!);
          slot.layers.push({ depth, bits });
          continue;
        }
        const bits = slot.incoming.get(depth)!;
        let any = 0;
        for (let i = 0; i < bits.length; i++) {
          const fresh = bits[i]! & ~seenBits![i]!;
          bits[i] = fresh;
          seenBits![i]! |= fresh;
          any |= fresh;
          if (fresh) states += popcount(fresh);
        }
        if (any) slot.layers.push({ depth, bits });
        else words -= bits.length;
      }
      slot.incoming.clear();
      if (!slot.layers.length) continue;
      reachableScenes.add(scene);
      for (const layer of slot.layers) {
        const e = extent(slot, layer.bits)!;
        for (const region of slot.regions) {
          const x0 = Math.max(region.x0, e.x0);
          const x1 = Math.min(region.x1, e.x1);
          const y0 = Math.max(region.y0, e.y0);
          const y1 = Math.min(region.y1, e.y1);
          if (x0 > x1 || y0 > y1 || !holdsAny(slot, layer.bits, { x0, x1, y0, y1 })) continue;
          if (slot.final) {
            const outcome = outcomeOf(slot, region);
            if (!finalScenes.has(scene)) finalScenes.set(scene, new Set());
            finalScenes.get(scene)!.add(outcome);
            const known = best[outcome];
            if (!known || layer.depth < known.depth) best[outcome] = { depth: layer.depth, slot, region };
            continue;
          }
          const moves = movesOf(slot, region);
          if (!moves.length) deadEnds.add(scene);
          for (const move of moves) {
            if (!move.target.from.some((f) => f.slot === slot && f.region === region && f.move === move)) move.target.from.push({ slot, region, move });
            if (position.get(move.target.scene)! <= position.get(scene)!) throw new Error('the scenes loop: the region search needs scenes in order');
            push(slot, layer.bits, x0, x1, y0, y1, move, layer.depth + 1);
          }
        }
      }
    }
    if (!complete) break;
  }

  /** The path to a state of a slot's region first reached at `depth`, found backwards. */
  const pathTo = (slot: Slot, region: Region, depth: number): RegionPathStep[] => {
    const layer = slot.layers.find((l) => l.depth === depth)!;
    let cell = findIn(slot, layer.bits, region.x0, region.x1, region.y0, region.y1)!;
    const path: RegionPathStep[] = [];
    let at = slot;
    for (let d = depth; d > 0; d--) {
      let found: { slot: Slot; cell: [number, number]; step: RegionPathStep } | null = null;
      for (const f of at.from) {
        const before = f.slot.layers.find((l) => l.depth === d - 1);
        if (!before) continue;
        const xr = preimage(cell[0], f.move.dx, at.window[SIDE_X]);
        const yr = preimage(cell[1], f.move.dy, at.window[SIDE_Y]);
        const hit = findIn(
          f.slot,
          before.bits,
          Math.max(xr[0], f.region.x0),
          Math.min(xr[1], f.region.x1),
          Math.max(yr[0], f.region.y0),
          Math.min(yr[1], f.region.y1),
        );
        if (hit) {
          found = { slot: f.slot, cell: hit, step: f.move.step };
          break;
        }
      }
      if (!found) throw new Error('the region search lost a path');
      path.push(found.step);
      at = found.slot;
      cell = found.cell;
    }
    return path.reverse();
  };

  const shortest: Partial<Record<Outcome, RegionPathStep[]>> = {};
  for (const o of OUTCOMES) if (best[o]) shortest[o] = pathTo(best[o].slot, best[o].region, best[o].depth);

  // Random play runs over a packed copy of the reached slots and regions: a play is hundreds of steps,
  // and typed arrays keep each step to a few memory reads.
  const all = [...slots.values()];
  const slotIndex = new Map(all.map((slot, i) => [slot, i]));
  const regionCount = all.reduce((n, slot) => n + slot.regions.length, 0);
  const moveCount = all.reduce((n, slot) => n + slot.regions.reduce((m, r) => m + (r.moves?.length ?? 0), 0), 0);
  const sWindow = new Int32Array(all.length * 4);
  const sRegions = new Int32Array(all.length * 2);
  const rBox = new Int32Array(regionCount * 4);
  /** Per region: first move and number of moves (−1: never reached), or for a final scene the outcome's index. */
  const rMoves = new Int32Array(regionCount * 2);
  const mTarget = new Int32Array(moveCount);
  const mDelta = new Int32Array(moveCount * 2);
  let r = 0;
  let m = 0;
  all.forEach((slot, i) => {
    const { employer: wx, candidate: wy } = slot.window;
    sWindow.set([wx.lo, wx.hi, wy.lo, wy.hi], i * 4);
    sRegions.set([r, slot.regions.length], i * 2);
    for (const region of slot.regions) {
      rBox.set([region.x0, region.x1, region.y0, region.y1], r * 4);
      if (slot.final) rMoves.set([OUTCOMES.indexOf(outcomeOf(slot, region)), 0], r * 2);
      else if (!region.moves) rMoves.set([0, -1], r * 2);
      else {
        rMoves.set([m, region.moves.length], r * 2);
        for (const move of region.moves) {
          mTarget[m] = slotIndex.get(move.target)!;
          mDelta.set([move.dx, move.dy], m * 2);
          m++;
        }
      }
      r++;
    }
  });
  const finalSlot = new Uint8Array(all.map((slot) => (slot.final ? 1 : 0)));
  const firstIndex = slotIndex.get(first)!;

  const play = (random: () => number): Outcome | null => {
    let slot = firstIndex;
    let x = clamp(first.window[SIDE_X], 0);
    let y = clamp(first.window[SIDE_Y], 0);
    for (;;) {
      const start = sRegions[slot * 2]!;
      const end = start + sRegions[slot * 2 + 1]!;
      let region = -1;
      for (let q = start; q < end; q++) {
        const b = q * 4;
        if (rBox[b]! <= x && x <= rBox[b + 1]! && rBox[b + 2]! <= y && y <= rBox[b + 3]!) {
          region = q;
          break;
        }
      }
      if (region < 0) return null;
      if (finalSlot[slot]) return OUTCOMES[rMoves[region * 2]!]!;
      const count = rMoves[region * 2 + 1]!;
      if (count <= 0) return null;
      const move = rMoves[region * 2]! + (count === 1 ? 0 : Math.floor(random() * count));
      slot = mTarget[move]!;
      const w = slot * 4;
      x += mDelta[move * 2]!;
      y += mDelta[move * 2 + 1]!;
      x = x < sWindow[w]! ? sWindow[w]! : x > sWindow[w + 1]! ? sWindow[w + 1]! : x;
      y = y < sWindow[w + 2]! ? sWindow[w + 2]! : y > sWindow[w + 3]! ? sWindow[w + 3]! : y;
    }
  };

  return { complete, states, reachableScenes, deadEnds, finalScenes, shortest, play };
}

/** The totals of one axis that a move with `delta` takes to `value` in a window. */
function preimage(value: number, delta: number, w: Window): [number, number] {
  if (w.lo === w.hi) return [-Infinity, Infinity];
  if (value === w.hi) return [w.hi - delta, Infinity];
  if (value === w.lo) return [-Infinity, w.lo - delta];
  return [value - delta, value - delta];
}

/** A set bit of a slot's grid inside a rectangle of totals, as (employer total, candidate total), or null. */
function findIn(slot: Slot, bits: Uint32Array, x0: number, x1: number, y0: number, y1: number): [number, number] | null {
  const { box } = slot;
  const ya = Math.max(y0, box.y0) - box.y0;
  const yb = Math.min(y1, box.y1) - box.y0;
  for (let x = Math.max(x0, box.x0); x <= Math.min(x1, box.x1); x++) {
    const base = (x - box.x0) * box.words;
    if (!anyBit(bits, base, ya, yb)) continue;
    return [x, box.y0 + firstBit(bits, base, ya, yb)];
  }
  return null;
}

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
