/**
 * The built-in scenarios: a small index for the library screen, and each scenario's content loaded on
 * demand (validated at build time by the scenario plugin) in two chunks: what play needs before the first
 * choice, and its commentary (coach feedback, thoughts, reasons, facilitator notes; see
 * `commentary.ts`), which the first chunk loads on request. `loadBuiltIn` gives the whole scenario;
 * `loadBuiltInToPlay` gives it without its commentary at first, and a way to complete it.
 */
import { scenarioIndex, loaders } from 'virtual:scenario-index';
import type { Scenario } from '../engine/schema.ts';
import type { ScenarioSummary } from './summary.ts';

export type { ScenarioSummary };

export function builtInScenarios(): ScenarioSummary[] {
  return scenarioIndex;
}

/** A scenario that may still lack its commentary, and the way to complete it. */
export interface ScenarioToPlay {
  /**
   * The scenario as play needs it. Until `complete()` has resolved, its commentary fields (each choice's
   * `feedback` and `thoughts`, each continue branch's `reason`, `facilitator`, each scene's
   * `prompts`, `description` and `group`) are absent: read them only after.
   */
  scenario: Scenario;
  /**
   * Loads the commentary and puts it into `scenario` (the same object), once; resolves to it. Absent when
   * the scenario is whole already (imported scenarios, sources without a split).
   */
  complete?(): Promise<Scenario>;
}

/** A built-in scenario without its commentary yet, or undefined if there is none by that id. */
export async function loadBuiltInToPlay(id: string): Promise<ScenarioToPlay | undefined> {
  const chunk = await loaders[id]?.();
  return chunk && { scenario: chunk.default, complete: chunk.complete };
}

/** Load a built-in scenario's whole content, or undefined if there is none by that id. */
export async function loadBuiltIn(id: string): Promise<Scenario | undefined> {
  return (await loadBuiltInToPlay(id))?.complete?.();
}
