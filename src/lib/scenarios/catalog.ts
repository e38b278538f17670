/**
 * The built-in scenarios: a small index for the library screen, and each scenario's content loaded on
 * demand (validated at build time by the scenario plugin) in three chunks: what play needs before the first
 * choice, the coach's part of its commentary (feedback, reasons) and the debrief's part (the other side's
 * thoughts, facilitator notes…; see `commentary.ts`), which the first chunk loads on request. `loadBuiltIn`
 * gives the whole scenario; `loadBuiltInToPlay` gives it without its commentary at first, and ways to
 * complete it.
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
   * The scenario as play needs it. Until `coach()` has resolved, each choice's `feedback` and each continue
   * branch's `reason` are absent; until `complete()` has, also each choice's `thoughts`, `facilitator`, and
   * each scene's `prompts`, `description` and `group`: read them only after.
   */
  scenario: Scenario;
  /** Puts the coach's part into `scenario` (the same object), once; resolves to it. Absent when whole. */
  coach?(): Promise<Scenario>;
  /**
   * Puts all the commentary into `scenario`, once; resolves to it. Absent when the scenario is whole
   * already (imported scenarios, sources without a split).
   */
  complete?(): Promise<Scenario>;
}

/** A built-in scenario without its commentary yet, or undefined if there is none by that id. */
export async function loadBuiltInToPlay(id: string): Promise<ScenarioToPlay | undefined> {
  const chunk = await loaders[id]?.();
  return chunk && { scenario: chunk.default, coach: chunk.coach, complete: chunk.complete };
}

/** Load a built-in scenario's whole content, or undefined if there is none by that id. */
export async function loadBuiltIn(id: string): Promise<Scenario | undefined> {
  return (await loadBuiltInToPlay(id))?.complete?.();
}
