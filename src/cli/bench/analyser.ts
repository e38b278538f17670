/** Analyser time over every scenario in scenarios/, over a generated 1,000-scene scenario, and its growth curve up to 10,000 scenes. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GrowthPoint } from './analyse-generated.ts';
import { scenarioFiles } from '../library.ts';
import { analyseScenario } from '../../lib/engine/analyse.ts';
import { generateScenario } from './generate.ts';
import { validateScenario, validateScenarioText } from '../../lib/engine/validate.ts';
import type { Scenario } from '../../lib/engine/schema.ts';
import { median, table } from './format.ts';

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
  growth: GrowthPoint[];
}

/** The sizes of the analyser's growth curve, in scenes. */
export const GROWTH_SIZES = [1_000, 2_000, 5_000, 10_000];

/**
 * The analyser's growth curve: each size analysed once, in a process of its own (so peak memory is that
 * size's alone), both seats. Target at 10,000 scenes: under 2 s and under 500 MB.
 */
export function benchAnalyserGrowth(sizes = GROWTH_SIZES): GrowthPoint[] {
  // A child never measures a curve of its own (no process chain, whatever the parent was started with).
  if (process.env.BENCH_GROWTH_CHILD) throw new Error('the growth curve is measured by the parent process only');
  const script = join(dirname(fileURLToPath(import.meta.url)), 'analyse-generated.ts');
  // Only the loader options (tsx's --require and --import) go to the child: never an --eval.
  const loaders: string[] = [];
  process.execArgv.forEach((arg, i) => {
    if ((arg === '--require' || arg === '--import') && process.execArgv[i + 1]) loaders.push(arg, process.execArgv[i + 1]!);
    else if (arg.startsWith('--require=') || arg.startsWith('--import=')) loaders.push(arg);
  });
  const points: GrowthPoint[] = [];
  for (const size of sizes) {
    const run = spawnSync(process.execPath, [...loaders, script, String(size)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      env: { ...process.env, BENCH_GROWTH_CHILD: '1' },
    });
    if (run.status !== 0) {
      console.log(`  ${size} scenes: failed (${run.stderr.trim().split('\n').pop()})`);
      continue;
    }
    points.push(JSON.parse(run.stdout.trim().split('\n').pop()!) as GrowthPoint);
  }
  const rows: (string | number)[][] = [['scenes', 'time', 'CPU', 'peak RSS', 'heap after', 'states (both seats)', 'explored', 'outcomes reached', 'shares']];
  for (const p of points) {
    rows.push([
      p.scenes.toLocaleString('en'),
      `${p.ms.toFixed(0)} ms`,
      `${p.cpuMs.toFixed(0)} ms`,
      `${p.peakRssMB.toFixed(0)} MB`,
      `${p.heapMB.toFixed(0)} MB`,
      p.states.toLocaleString('en'),
      p.complete ? 'all' : 'PARTIAL (limit)',
      p.reached.join(' + '),
      p.shares.join(', '),
    ]);
  }
  console.log(table(rows));
  console.log('  (time: the analysis alone, both seats; peak RSS: the whole process, Node included; target at 10,000 scenes: under 2,000 ms and 500 MB)');
  return points;
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
  console.log('  analyser growth (generated scenarios, one process each):');
  const growth = benchAnalyserGrowth();
  return { scenarios, totalMs, generated: { scenes, ms, states }, growth };
}
