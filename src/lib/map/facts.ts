/**
 * What the map marks on each scene: whether any listed seat reaches it, whether a run can get stuck in
 * it, and which outcomes a run ending in it can have (a final scene can end in several, because the
 * ledgers decide). Taken from the analyser, so the map and `npm run scenarios` always agree.
 */
import { analyseScenario } from '../engine/analyse.ts';
import { OUTCOMES, type Outcome } from '../engine/ledger.ts';
import type { Scenario } from '../engine/schema.ts';

export interface MapFacts {
  reachable: Set<string>;
  /** Non-final scenes where some run has no way on. */
  deadEnds: Set<string>;
  /**
   * For each reachable final scene, the outcomes runs ending there can have, in OUTCOMES order. A Map, not
   * an object: scene ids such as "constructor" or "__proto__" are names like any other.
   */
  endings: ReadonlyMap<string, Outcome[]>;
  /** False when exploring stopped at the state limit: marks may then be incomplete. */
  complete: boolean;
}

/** Facts over every seat the scenario lists, exploring up to `maxStates` states per seat. */
export function mapFacts(scenario: Scenario, maxStates = 50_000): MapFacts {
  const analysis = analyseScenario(scenario, { maxStates, samples: 500 });
  const endings = new Map<string, Set<Outcome>>();
  for (const seat of analysis.seats) {
    for (const [scene, outcomes] of Object.entries(seat.finalScenes)) {
      const set = endings.get(scene) ?? new Set<Outcome>();
      for (const o of outcomes) set.add(o);
      endings.set(scene, set);
    }
  }
  return {
    reachable: new Set(analysis.seats.flatMap((s) => s.reachableScenes)),
    deadEnds: new Set(analysis.deadEnds.map((d) => d.scene)),
    endings: new Map([...endings].map(([id, set]) => [id, OUTCOMES.filter((o) => set.has(o))])),
    complete: analysis.seats.every((s) => s.complete),
  };
}
