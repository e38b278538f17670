/** The scenario files in scenarios/, validated and analysed (in journey order), for the command-line tools and tests. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyseScenario, type ScenarioAnalysis } from '../lib/engine/analyse.ts';
import type { Scenario } from '../lib/engine/schema.ts';
import { formatProblems, validateScenarioText } from '../lib/engine/validate.ts';
import { byJourney } from '../lib/scenarios/journey.ts';

export function scenarioFiles(dir = 'scenarios'): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
}

/** Every valid scenario with its analysis; throws with the validator's message on an invalid file. */
export function loadLibrary(dir = 'scenarios'): { file: string; scenario: Scenario; analysis: ScenarioAnalysis }[] {
  return scenarioFiles(dir).map((file) => {
    const result = validateScenarioText(readFileSync(file, 'utf8'));
    if (!result.ok) throw new Error(formatProblems(file, result.problems));
    return { file, scenario: result.scenario, analysis: analyseScenario(result.scenario) };
  }).sort((a, b) => byJourney(a.scenario.id, b.scenario.id));
}
