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
  /** Loads the commentary and puts it into `scenario` (the same object), once; resolves to it. */
  complete(): Promise<Scenario>;
}

/** Each built-in scenario's completion, once (its chunk, and so its object, is loaded once). */
const completing = new WeakMap<Scenario, Promise<Scenario>>();

/** A built-in scenario without its commentary yet, or undefined if there is none by that id. */
export async function loadBuiltInToPlay(id: string): Promise<ScenarioToPlay | undefined> {
  const loader = loaders[id];
  if (!loader) return undefined;
  const chunk = await loader();
  const scenario = chunk.default;
  const complete = () => {
    let done = completing.get(scenario);
    if (!done) {
      done = chunk.notes().then((notes) => notes.default(scenario));
      completing.set(scenario, done);
      // A chunk that failed to load (offline) may load later: the next call tries again.
      done.catch(() => completing.delete(scenario));
    }
    return done;
  };
  return { scenario, complete };
}

/** Load a built-in scenario's whole content, or undefined if there is none by that id. */
export async function loadBuiltIn(id: string): Promise<Scenario | undefined> {
  return (await loadBuiltInToPlay(id))?.complete();
}
