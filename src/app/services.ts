/**
 * The app's services, shared with every screen through Svelte context: set once by App.svelte, read by
 * the screens that need them (`getServices()` during a component's initialisation). Component tests set
 * them with `setServices` in a small harness component.
 */
import { createContext } from 'svelte';
import type { SavedData } from '../lib/state/saved.svelte.ts';
import type { HashRouter } from './router.svelte.ts';
import type { ScenarioSource } from './source.ts';
import type { RunReporter } from '../lib/learning/reporter.ts';

export interface AppServices {
  /** This browser's saved runs and progress. */
  saved: SavedData;
  /** Where scenarios come from (built-in and imported). */
  source: ScenarioSource;
  /** The one owner of the address. */
  router: HashRouter;
  /** Told about each run as it is played (an LMS that launched the page), if any. */
  learning?: RunReporter | undefined;
}

const [getServices, setServices] = createContext<AppServices>();

export { getServices, setServices };
