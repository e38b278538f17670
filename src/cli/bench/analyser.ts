/** Analyser time over every scenario in scenarios/ and over a generated 1,000-scene scenario. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { scenarioFiles } from '../library.ts';
import { analyseScenario } from '../../lib/engine/analyse.ts';
import { generateScenario } from './generate.ts';
import { validateScenario, validateScenarioText } from '../../lib/engine/validate.ts';
import type { Scenario } from '../../lib/engine/schema.ts';
import { median } from './format.ts';

function timeAnalysis(scenario: Scenario, runs: number) {
  const times: number[] = [];
  let states = 0;
  for (let i = 0; i < runs; i++) {
    const analysis = analyseScenario(scenario);
    times.push(analysis.millis);
    states = analysis.seats.reduce((sum, s) => sum + s.states, 0);
  }
  return { median: median(times), states };
}

export interface AnalyserFigures {
  scenarios: { file: string; ms: number; states: number }[];
  totalMs: number;
  generated: { scenes: number; ms: number; states: number };
}

export function benchAnalyser(dir = 'scenarios'): AnalyserFigures {
  const scenarios: AnalyserFigures['scenarios'] = [];
  for (const path of scenarioFiles(dir)) {
    const file = basename(path);
    const validation = validateScenarioText(readFileSync(path, 'utf8'));
    if (!validation.ok) {
      console.log(`  ${file}: invalid, skipped`);
      continue;
    }
    const { median: ms, states } = timeAnalysis(validation.scenario, 5);
    scenarios.push({ file, ms, states });
    console.log(`  ${file.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms  (${states} states, median of 5)`);
  }
  const totalMs = scenarios.reduce((sum, s) => sum + s.ms, 0);
  console.log(`  all ${scenarios.length} scenarios: ${totalMs.toFixed(1)} ms`);

  const generated = validateScenario(generateScenario(1000));
  if (!generated.ok) throw new Error('The generated scenario is invalid: ' + JSON.stringify(generated.problems[0]));
  const scenes = Object.keys(generated.scenario.machine.states).length;
  const { median: ms, states } = timeAnalysis(generated.scenario, 3);
  console.log(`  generated scenario, ${scenes} scenes: ${ms.toFixed(0)} ms  (${states} states, median of 3; target under 2000 ms)`);
  return { scenarios, totalMs, generated: { scenes, ms, states } };
}
