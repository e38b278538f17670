// @vitest-environment node
/**
 * The analyser's two searches must agree: the region search (large scenarios whose scenes never loop)
 * finds exactly the states, outcomes, shortest path lengths, endings and dead ends that the
 * state-by-state search finds, and its paths replay through the real machine. Its shares are estimates,
 * and say so with their bound.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseScenario, analyseSeat, hoeffding, type SeatAnalysis } from '../../src/lib/engine/analyse.ts';
import { clamp, sceneEdges, sceneGroups, totalWindows } from '../../src/lib/engine/analyse-abstraction.ts';
import { formatAnalysis } from '../../src/cli/analysis-report.ts';
import { generateScenario } from '../../src/cli/bench/generate.ts';
import { OUTCOMES } from '../../src/lib/engine/ledger.ts';
import { replay } from '../../src/lib/engine/run.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenario, validateScenarioText } from '../../src/lib/engine/validate.ts';

const fromFile = (file: string): Scenario => {
  const v = validateScenarioText(readFileSync(`scenarios/${file}`, 'utf8'));
  if (!v.ok) throw new Error(file);
  return v.scenario;
};
const generated = (scenes: number): Scenario => {
  const v = validateScenario(generateScenario(scenes));
  if (!v.ok) throw new Error('invalid generated scenario');
  return v.scenario;
};

/** What both searches must find alike. */
const findings = (s: SeatAnalysis) => ({
  states: s.states,
  complete: s.complete,
  reachableScenes: s.reachableScenes,
  deadEnds: s.deadEnds,
  endings: s.endings,
  finalScenes: Object.entries(s.finalScenes).sort(),
  shortest: OUTCOMES.map((o) => s.outcomes[o].shortestPath?.length ?? null),
});

describe('the region search', () => {
  const cases: [string, Scenario][] = [
    ['a generated 300-scene scenario', generated(300)],
    ['scenarios/after-interview.json (deal-breakers, flags)', fromFile('after-interview.json')],
    ['scenarios/phone-screen.json', fromFile('phone-screen.json')],
  ];
  it.each(cases)('finds what the state-by-state search finds in %s, and its paths replay', (_name, scenario) => {
    for (const seat of scenario.seats) {
      const one = analyseSeat(scenario, seat, { exactStates: Infinity });
      const regions = analyseSeat(scenario, seat, { exactStates: 0 });
      expect(one.shares.method).toBe('exact');
      expect(regions.shares.method).toBe('estimate');
      expect(findings(regions)).toEqual(findings(one));
      for (const outcome of OUTCOMES) {
        const reach = regions.outcomes[outcome];
        if (reach.reachable) expect(replay(scenario, seat, reach.choices!).getSnapshot().output?.outcome).toBe(outcome);
      }
    }
  });

  it('takes over when the states are too many to count paths one by one, and the report says the shares are estimated and how surely', () => {
    const scenario = generated(600);
    const analysis = analyseScenario(scenario, { exactStates: 1_000 });
    expect(analysis.explored).toBe(true);
    for (const seat of analysis.seats) {
      expect(seat.states).toBeGreaterThan(1_000);
      expect(OUTCOMES.filter((o) => !seat.outcomes[o].reachable)).toEqual([]);
      expect(seat.shares).toMatchObject({ method: 'estimate', why: 'large', paths: '4000', finished: 4000, margin: hoeffding(4000) });
    }
    const report = formatAnalysis('generated.json', analysis);
    expect(report).toContain('every state was found, too many to count paths one by one');
    expect(report).toMatch(/mutualFit\s+\d+\.\d% estimated ± 2\.1% \(/);
    expect(report).not.toContain('exact');
    expect(report).not.toContain('partial');
  });

  it('says partial, never complete, when it stops at its memory limit', () => {
    const scenario = generated(600);
    const edges = sceneEdges(scenario);
    expect(totalWindows(scenario, edges, sceneGroups(edges)).size).toBe(Object.keys(scenario.machine.states).length);
    const analysis = analyseScenario(scenario, { exactStates: 0, maxWords: 2_000 });
    expect(analysis.explored).toBe(false);
    expect(analysis.complete).toBe(false);
    expect(formatAnalysis('generated.json', analysis)).toContain('limit reached: partial');
  });
});

describe('the windows of totals', () => {
  it('keep a total exactly only between the thresholds the rest of the run can still meet', () => {
    const scenario = generated(30);
    const edges = sceneEdges(scenario);
    const windows = totalWindows(scenario, edges, sceneGroups(edges));
    const end = windows.get('end')!;
    // At a final scene only the outcome's threshold (a total of at least 1) is ahead.
    expect(end.employer).toEqual({ lo: 0, hi: 1 });
    expect([-7, 0, 1, 9].map((v) => clamp(end.employer, v))).toEqual([0, 0, 1, 1]);
  });
});
