/**
 * Saving a scenario made in the app (adapted, or written in the editor) as a custom scenario: it goes
 * through the same check as an imported file (its exported text, `checkImport`) and the same store.
 * Imports full zod through import.ts: load it lazily.
 */
import type { Scenario } from '../engine/schema.ts';
import { exportScenario } from './export.ts';
import { checkImport } from './import.ts';
import { customScenarioIds, saveChecked, type SaveOptions, type SaveResult } from './store.ts';

/** Check the scenario as its exported file would be checked, and store it (a draft when unfinished, unless `asDraft: false`). */
export function saveScenario(scenario: Scenario, options: SaveOptions): SaveResult {
  const check = checkImport(exportScenario(scenario).text, { builtInIds: options.builtInIds, customIds: customScenarioIds(options) });
  return saveChecked(check, { asDraft: true, ...options });
}
