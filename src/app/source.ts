/**
 * Where the app finds scenarios: the built-in library by default. Tests (and later, custom scenarios)
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
