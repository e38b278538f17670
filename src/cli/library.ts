/**
 * The scenario files in scenarios/, checked and analysed (in journey order) by the one checking path
 * (`checkScenarioText`), for the command-line tools and tests.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioAnalysis } from '../lib/engine/analyse.ts';
import { checkScenarioText } from '../lib/authoring/check.ts';
import type { Scenario } from '../lib/engine/schema.ts';
import { formatProblems } from '../lib/engine/validate.ts';
import { byJourney } from '../lib/scenarios/journey.ts';

export function scenarioFiles(dir = 'scenarios'): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** Every valid scenario with its analysis; throws with the checker's messages on an invalid file. */
export function loadLibrary(dir = 'scenarios'): { file: string; scenario: Scenario; analysis: ScenarioAnalysis }[] {
  return scenarioFiles(dir)
    .map((file) => {
      const result = checkScenarioText(readFileSync(file, 'utf8'), { fileName: file });
      if (!result.ok) throw new Error(formatProblems(file, result.problems));
      return { file, scenario: result.scenario, analysis: result.analysis };
    })
    .sort((a, b) => byJourney(a.scenario.id, b.scenario.id));
}
