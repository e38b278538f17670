/**
 * Where the app finds scenarios: the built-in library, then the person's own imported ones. Tests
 * supply their own source.
 */
import type { Scenario } from '../lib/engine/schema.ts';
import { builtInScenarios, loadBuiltIn, loadBuiltInToPlay, type ScenarioSummary, type ScenarioToPlay } from '../lib/scenarios/catalog.ts';

export type { ScenarioToPlay };

export interface ScenarioSource {
  /** What the library lists. */
  list(): ScenarioSummary[];
  /** A scenario's content, or undefined when there is none by that id. */
  load(id: string): Promise<Scenario | undefined>;
  /**
   * A scenario to start playing, which may lack its commentary until `complete()` resolves (built-in
   * scenarios: see `catalog.ts`). Without it, `load` is used and the scenario is whole at once.
   */
  loadToPlay?(id: string): Promise<ScenarioToPlay | undefined>;
}

export const builtInSource: ScenarioSource = { list: builtInScenarios, load: loadBuiltIn, loadToPlay: loadBuiltInToPlay };

/** Built-in scenarios first; an id that is not built in is looked up among the imported ones (which are whole). */
export const appSource: ScenarioSource = {
  list: builtInScenarios,
  async load(id) {
    const toPlay = await appSource.loadToPlay!(id);
    return toPlay && (toPlay.complete ? toPlay.complete() : toPlay.scenario);
  },
  async loadToPlay(id) {
    const builtIn = await loadBuiltInToPlay(id);
    if (builtIn) return builtIn;
    const { loadCustomScenario } = await import('../lib/authoring/store.ts');
    const custom = await loadCustomScenario(id);
    return custom.ok ? { scenario: custom.scenario } : undefined;
  },
};

/** Where imported scenarios are kept; equal to the store's CUSTOM_KEY_PREFIX (a test checks), kept here so
 * the first load need not bring the store. */
export const IMPORTED_KEY_PREFIX = 'osotd:v1:custom:';

/** Whether this browser holds any imported scenario (or cannot tell, in which case: maybe). */
export function hasImportedScenarios(storage: Pick<Storage, 'length' | 'key'> | undefined = globalThis.localStorage): boolean {
  try {
    if (!storage) return false;
    for (let i = 0; i < storage.length; i++) if (storage.key(i)?.startsWith(IMPORTED_KEY_PREFIX)) return true;
    return false;
  } catch {
    return true;
  }
}
