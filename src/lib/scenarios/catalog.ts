/**
 * The built-in scenarios: a small index for the library screen, and each scenario's content loaded on
 * demand (validated at build time by the scenario plugin) in two chunks: what play needs before the first
 * choice, and its commentary (coach feedback, thoughts, reasons, objectives, facilitator notes; see
 * `commentary.ts`). This is the one place that puts them together: `loadBuiltIn` gives the whole scenario;
 * `loadBuiltInToPlay` gives it without its commentary at first, and a way to complete it.
 */
import { scenarioIndex, loaders } from 'virtual:scenario-index';
import type { Scenario } from '../engine/schema.ts';
import { mergeCommentary, type PlayScenario } from './commentary.ts';
import type { ScenarioSummary } from './summary.ts';

export type { ScenarioSummary };

export function builtInScenarios(): ScenarioSummary[] {
  return scenarioIndex;
}

/** A scenario that may still lack its commentary, and the way to complete it. */
export interface ScenarioToPlay {
  /**
   * The scenario as play needs it. Until `complete()` has resolved, its commentary fields (each choice's
   * `feedback` and `thoughts`, each continue branch's `reason`, `objectives`, `facilitator`, each scene's
   * `prompts`, `description` and `group`) are absent: read them only after.
   */
  scenario: Scenario;
  /** Loads the commentary and puts it into `scenario` (the same object), once; resolves to it. */
  complete(): Promise<Scenario>;
}

/** Each scenario's completion, once per scenario (its chunks, and so its object, are loaded once). */
const completing = new Map<string, Promise<Scenario>>();

function completeBuiltIn(id: string, play: PlayScenario): Promise<Scenario> {
  let done = completing.get(id);
  if (!done) {
    done = loaders[id]!.notes().then((notes) => mergeCommentary(play, notes.default));
    // A chunk that failed to load (offline) may load later: the next call tries again.
    done.catch(() => completing.delete(id));
    completing.set(id, done);
  }
  return done;
}

/** A built-in scenario without its commentary yet, or undefined if there is none by that id. */
export async function loadBuiltInToPlay(id: string): Promise<ScenarioToPlay | undefined> {
  const loader = loaders[id];
  if (!loader) return undefined;
  const scenario = (await loader.play()).default;
  return { scenario, complete: () => completeBuiltIn(id, scenario) };
}

/** Load a built-in scenario's whole content (both chunks, fetched together), or undefined if there is none by that id. */
export async function loadBuiltIn(id: string): Promise<Scenario | undefined> {
  const loader = loaders[id];
  if (!loader) return undefined;
  void loader.notes().catch(() => undefined); // fetched beside the play chunk, not after it
  const toPlay = await loadBuiltInToPlay(id);
  return toPlay?.complete();
}
