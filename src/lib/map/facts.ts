/**
 * What the map marks on each scene: whether any listed seat reaches it, whether a run can get stuck in
 * it, and which outcomes a run ending in it can have (a final scene can end in several, because the
 * ledgers decide). Found by exploring the same states as the analyser (scene + ledgers + deal-breakers +
 * flags), with the engine's own effect and condition functions.
 *
 * The analyser (`analyse.ts`) finds reachability and dead ends too, but does not say which outcomes each
 * final scene can have; this exploration is the map's single source so its marks agree with each other.
 */
import { applyEffects, holds, type Standing } from '../engine/effects.ts';
import { emptyLedgers, judge, ledgerTotal, otherSide, OUTCOMES, type Dimension, type Outcome, type Side } from '../engine/ledger.ts';
import { offeredChoices, simulatedPick } from '../engine/run.ts';
import type { Scenario, Scene } from '../engine/schema.ts';

export interface MapFacts {
  reachable: Set<string>;
  /** Non-final scenes where some run has no way on. */
  deadEnds: Set<string>;
  /** For each reachable final scene, the outcomes runs ending there can have, in OUTCOMES order. */
  endings: Record<string, Outcome[]>;
  /** False when exploring stopped at the state limit: marks may then be incomplete. */
  complete: boolean;
}

function nextStates(scene: Scene, standing: Standing, seat: Side): { target: string; standing: Standing }[] {
  const decides = scene.meta.decides;
  if (decides === seat) return offeredChoices(scene, standing).map(({ choice }) => ({ target: choice.target, standing: applyEffects(standing, choice.actions) }));
  if (decides === otherSide(seat)) {
    const pick = simulatedPick(scene, standing);
    return pick ? [{ target: pick.choice.target, standing: applyEffects(standing, pick.choice.actions) }] : [];
  }
  const value = scene.on?.continue;
  const taken = (value === undefined ? [] : Array.isArray(value) ? value : [value]).find((b) => holds(standing, b.guard));
  return taken ? [{ target: taken.target, standing: applyEffects(standing, taken.actions) }] : [];
}

/**
 * A key two standings share when nothing later can tell them apart: outcomes read only each ledger's
 * total, so a dimension is kept on its own only where some condition tests it (as the analyser does).
 */
function keyMaker(scenario: Scenario): (scene: string, s: Standing) => string {
  const tested = { employer: new Set<Dimension>(), candidate: new Set<Dimension>() };
  for (const scene of Object.values(scenario.machine.states)) {
    const guards = [...(scene.meta.npc ?? []).map((r) => r.guard), ...Object.values(scene.on ?? {}).flatMap((v) => (Array.isArray(v) ? v : v ? [v] : [])).map((t) => t.guard)];
    for (const g of guards) if (g && (g.type === 'ledgerAtLeast' || g.type === 'ledgerBelow') && g.params.dimension) tested[g.params.ledger].add(g.params.dimension);
  }
  const part = (side: Side, s: Standing) =>
    `${ledgerTotal(s.ledgers[side])},${[...tested[side]].map((d) => s.ledgers[side][d]).join(',')}${s.dealBreakers[side] === null ? '' : 'x'}`;
  return (scene, s) => `${scene}|${part('employer', s)}|${part('candidate', s)}|${s.flags.join(',')}`;
}

/** Explore every seat the scenario lists, up to `maxStates` states per seat. */
export function mapFacts(scenario: Scenario, maxStates = 50_000): MapFacts {
  const states = scenario.machine.states;
  const reachable = new Set<string>();
  const deadEnds = new Set<string>();
  const endings: Record<string, Set<Outcome>> = {};
  let complete = true;
  const keyOf = keyMaker(scenario);
  for (const seat of scenario.seats) {
    const seen = new Set<string>();
    const queue: { scene: string; standing: Standing }[] = [
      { scene: scenario.machine.initial, standing: { ledgers: emptyLedgers(), dealBreakers: { employer: null, candidate: null }, flags: [] } },
    ];
    seen.add(keyOf(queue[0]!.scene, queue[0]!.standing));
    for (let at = 0; at < queue.length; at++) {
      if (seen.size > maxStates) {
        complete = false;
        break;
      }
      const { scene: id, standing } = queue[at]!;
      const scene = states[id];
      if (!scene) continue;
      reachable.add(id);
      if (scene.type === 'final') {
        (endings[id] ??= new Set()).add(judge(standing.ledgers, standing.dealBreakers).outcome);
        continue;
      }
      const next = nextStates(scene, standing, seat);
      if (!next.length) deadEnds.add(id);
      for (const n of next) {
        const key = keyOf(n.target, n.standing);
        if (!seen.has(key)) {
          seen.add(key);
          queue.push({ scene: n.target, standing: n.standing });
        }
      }
    }
  }
  for (const [id, scene] of Object.entries(states)) if (scene.type !== 'final' && !scene.on) deadEnds.add(id);
  return {
    reachable,
    deadEnds,
    endings: Object.fromEntries(Object.entries(endings).map(([id, set]) => [id, OUTCOMES.filter((o) => set.has(o))])),
    complete,
  };
}
