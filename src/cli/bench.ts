/**
 * `npm run bench`: prints performance figures. Figures, not assertions.
 * Now: the analyser's time over every scenario in scenarios/ and over a generated 1,000-scene scenario.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyseScenario } from '../lib/engine/analyse.ts';
import { generateScenario } from '../lib/engine/generate.ts';
import { validateScenario, validateScenarioText } from '../lib/engine/validate.ts';
import type { Scenario } from '../lib/engine/schema.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

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

console.log('Analyser');
const files = readdirSync('scenarios').filter((f) => f.endsWith('.json')).sort();
let total = 0;
for (const file of files) {
  const validation = validateScenarioText(readFileSync(join('scenarios', file), 'utf8'));
  if (!validation.ok) {
    console.log(`  ${file}: invalid, skipped`);
    continue;
  }
  const { median: ms, states } = timeAnalysis(validation.scenario, 5);
  total += ms;
  console.log(`  ${file.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms  (${states} states, median of 5)`);
}
console.log(`  all ${files.length} scenarios: ${total.toFixed(1)} ms`);

const generated = validateScenario(generateScenario(1000));
if (!generated.ok) throw new Error('The generated scenario is invalid: ' + JSON.stringify(generated.problems[0]));
const scenes = Object.keys(generated.scenario.machine.states).length;
const { median: ms, states } = timeAnalysis(generated.scenario, 3);
console.log(`  generated scenario, ${scenes} scenes: ${ms.toFixed(0)} ms  (${states} states, median of 3; target under 2000 ms)`);
