/**
 * One point of the analyser's growth curve, run in a process of its own so that its peak memory is its
 * own: `tsx src/cli/bench/analyse-generated.ts <scenes>` analyses a generated scenario of that size and
 * prints one line of JSON (wall and CPU time, peak RSS, states, whether complete, how shares were found,
 * how many outcomes each seat reaches).
 */
import { analyseScenario } from '../../lib/engine/analyse.ts';
import { OUTCOMES } from '../../lib/engine/ledger.ts';
import { validateScenario } from '../../lib/engine/validate.ts';
import { generateScenario } from './generate.ts';

/** What one point of the curve measured. */
export interface GrowthPoint {
  scenes: number;
  ms: number;
  cpuMs: number;
  peakRssMB: number;
  heapMB: number;
  states: number;
  complete: boolean;
  /** Per seat: `exact`, or `estimated ±x%` (the 95% bound on every share). */
  shares: string[];
  /** Per seat: how many of the four outcomes are reachable. */
  reached: number[];
}

const validation = validateScenario(generateScenario(Number(process.argv[2])));
if (!validation.ok) throw new Error('The generated scenario is invalid: ' + JSON.stringify(validation.problems[0]));
const { scenario } = validation;
const cpu = process.cpuUsage();
const analysis = analyseScenario(scenario);
const used = process.cpuUsage(cpu);
const point: GrowthPoint = {
  scenes: Object.keys(scenario.machine.states).length,
  ms: analysis.millis,
  cpuMs: (used.user + used.system) / 1000,
  peakRssMB: process.resourceUsage().maxRSS / 1024,
  heapMB: process.memoryUsage().heapUsed / 1e6,
  states: analysis.seats.reduce((n, s) => n + s.states, 0),
  complete: analysis.explored,
  shares: analysis.seats.map((s) => (s.shares.method === 'exact' ? 'exact' : `estimated ±${((s.shares.margin ?? 1) * 100).toFixed(1)}%`)),
  reached: analysis.seats.map((s) => OUTCOMES.filter((o) => s.outcomes[o].reachable).length),
};
console.log(JSON.stringify(point));
