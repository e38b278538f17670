/**
 * Exporting a scenario (built-in or custom) as a file that imports again unchanged. No zod, no DOM:
 * safe on any screen.
 */
import type { Scenario } from '../engine/schema.ts';

export interface ExportedFile {
  /** `<scenario id>.json` */
  filename: string;
  /** Pretty-printed JSON (two spaces), ending with a newline. */
  text: string;
  mimeType: 'application/json';
}

/**
 * The scenario as a file. It holds the scenario exactly as the app uses it (defaults filled in), so
 * importing it gives an equal scenario, and exporting that gives the same text again.
 */
export function exportScenario(scenario: Scenario): ExportedFile {
  return {
    filename: `${scenario.id}.json`,
    text: `${JSON.stringify(scenario, null, 2)}\n`,
    mimeType: 'application/json',
  };
}
