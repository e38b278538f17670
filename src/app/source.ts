/**
 * Where the app finds scenarios: the built-in library, then the person's own imported ones. Tests
 * supply their own source.
 */
import type { Scenario } from '../lib/engine/schema.ts';
import { builtInScenarios, loadBuiltIn, type ScenarioSummary } from '../lib/scenarios/catalog.ts';

export interface ScenarioSource {
  /** What the library lists. */
  list(): ScenarioSummary[];
  /** A scenario's content, or undefined when there is none by that id. */
  load(id: string): Promise<Scenario | undefined>;
}

export const builtInSource: ScenarioSource = { list: builtInScenarios, load: loadBuiltIn };

/** Built-in scenarios first; an id that is not built in is looked up among the imported ones. */
export const appSource: ScenarioSource = {
  list: builtInScenarios,
  async load(id) {
    const builtIn = await loadBuiltIn(id);
    if (builtIn) return builtIn;
    const { loadCustomScenario } = await import('../lib/authoring/store.ts');
    const custom = await loadCustomScenario(id);
    return custom.ok ? custom.scenario : undefined;
  },
};
