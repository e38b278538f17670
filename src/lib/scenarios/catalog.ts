/**
 * The built-in scenarios: a small index for the library screen, and each scenario's content loaded on
 * demand (validated at build time by the scenario plugin).
 */
import { scenarioIndex, loaders } from 'virtual:scenario-index';
import type { Scenario } from '../engine/schema.ts';
import type { ScenarioSummary } from './summary.ts';

export type { ScenarioSummary };

export function builtInScenarios(): ScenarioSummary[] {
  return scenarioIndex;
}

/** Load a built-in scenario's content, or undefined if there is none by that id. */
export async function loadBuiltIn(id: string): Promise<Scenario | undefined> {
  const loader = loaders[id];
  return loader ? (await loader()).default : undefined;
}
