// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyseScenario, analyseSeat } from '../../src/lib/engine/analyse.ts';
import { generateScenario } from '../../src/cli/bench/generate.ts';
import { OUTCOMES } from '../../src/lib/engine/ledger.ts';
import { replay } from '../../src/lib/engine/run.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { choice, fakeScenario, impress } from '../support/fakes.ts';

function valid(change: (s: any) => void = () => {}): Scenario {
  const s = fakeScenario() as any;
  change(s);
  const v = validateScenario(s);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario;
}

describe('the analyser', () => {
  it('finds every outcome from each seat, with a shortest path that replays to it', () => {
    const scenario = valid();
    const analysis = analyseScenario(scenario);
    expect(analysis.complete).toBe(true);
    for (const seat of analysis.seats) {
      for (const outcome of OUTCOMES) {
        const reach = seat.outcomes[outcome];
        expect(reach.reachable).toBe(true);
        expect(replay(scenario, seat.seat, reach.choices!).getSnapshot().output?.outcome).toBe(outcome);
      }
    }
    expect(analysis.seats[1]!.outcomes.mutualFit.choices).toEqual(['choice.prepared']);
  });

  it('counts complete paths exactly and shares them among the outcomes', () => {
    const [employer, candidate] = analyseScenario(valid()).seats;
    // Employer seat: 4 openings × 2 closings; the simulated candidate's answers are forced.
    expect(employer!.shares).toMatchObject({ method: 'exact', paths: '8' });
    expect(employer!.shares.byOutcome).toEqual({ mutualFit: 0.125, candidateDeclines: 0.375, employerDeclines: 0.125, noFit: 0.375 });
    expect(candidate!.shares.byOutcome.mutualFit).toBe(0.25);
    expect(employer!.endings).toBe(4);
  });

  it('reports a scene nobody can reach', () => {
    const analysis = analyseScenario(
      valid((s) => {
        s.machine.states.orphan = { meta: { speaker: 'narrator', text: ['Nobody comes here.'] }, on: { continue: { target: 'end' } } };
      }),
    );
    expect(analysis.unreachableScenes).toEqual(['orphan']);
  });

  it('reports a dead end: a scene with no way on', () => {
    const analysis = analyseScenario(
      valid((s) => {
        s.machine.states.start.on['choice.late'].target = 'limbo';
        s.machine.states.limbo = { meta: { speaker: 'narrator', text: ['The line goes quiet.'] } };
      }),
    );
    expect(analysis.deadEnds).toEqual([{ scene: 'limbo', reason: 'the scene has no choices and no continue' }]);
  });

  it('reports a dead end where every guarded continue fails', () => {
    const analysis = analyseScenario(
      valid((s) => {
        s.machine.states.wrap.on['choice.curt'].target = 'aftermath';
        s.machine.states.aftermath = {
          meta: { speaker: 'narrator', text: ['Later.'] },
          on: { continue: [{ guard: { type: 'flagSet', params: { flag: 'pushy' } }, target: 'end' }] },
        };
      }),
    );
    expect(analysis.deadEnds.map((d) => d.scene)).toEqual(['aftermath']);
  });

  it('reports an outcome a seat cannot reach, and marks the scenario incomplete', () => {
    const analysis = analyseScenario(valid((s) => (s.machine.states.wrap.meta.npc = [{ choose: 'choice.warm' }])));
    const candidate = analysis.seats.find((s) => s.seat === 'candidate')!;
    expect(candidate.outcomes.candidateDeclines.reachable).toBe(false);
    expect(candidate.outcomes.noFit.reachable).toBe(false);
    expect(analysis.complete).toBe(false);
    expect(analysis.missingOutcomes).toEqual(["from the candidate's seat, candidateDeclines, noFit cannot be reached"]);
  });

  it('lists choices that change nothing', () => {
    const analysis = analyseScenario(valid((s) => (s.machine.states.wrap.on['choice.shrug'] = choice('end', 'Shrug'))));
    expect(analysis.choicesWithoutEffect).toEqual([{ scene: 'wrap', event: 'choice.shrug' }]);
  });

  it('estimates shares, and says so, when a loop makes paths endless', () => {
    const scenario = valid((s) => {
      s.machine.states.wrap.on['choice.again'] = choice('wrap', 'Ask one more question', [{ type: 'setFlag', params: { flag: 'again' } }]);
    });
    const employer = analyseSeat(scenario, 'employer');
    expect(employer.shares.method).toBe('estimate');
    const sum = OUTCOMES.reduce((total, o) => total + employer.shares.byOutcome[o], 0);
    expect(sum).toBeCloseTo(1, 5);
  });

  it('past its state limit, still finds everything reachable in a scenario without loops, and estimates the shares', () => {
    const v = validateScenario(generateScenario(200));
    if (!v.ok) throw new Error('generated scenario invalid');
    const seat = analyseSeat(v.scenario, 'employer', { maxStates: 50, samples: 200 });
    expect(seat.complete).toBe(true);
    expect(OUTCOMES.filter((o) => seat.outcomes[o].reachable)).toEqual(OUTCOMES);
    expect(seat.shares.method).toBe('estimate');
  });

  it('stops at the state limit and says the result is partial where the scenes loop', () => {
    const file = generateScenario(200) as any;
    const start = file.machine.states[file.machine.initial];
    // A choice that may be made again and again: a loop whose ledgers keep growing.
    start.on['choice.again'] = choice(file.machine.initial, 'Ask the same question again', [impress('employer', 'courtesy', 1)]);
    const v = validateScenario(file);
    if (!v.ok) throw new Error('scenario invalid: ' + JSON.stringify(v.problems[0]));
    const seat = analyseSeat(v.scenario, 'employer', { maxStates: 50, samples: 200 });
    expect(seat.complete).toBe(false);
    expect(seat.shares.method).toBe('estimate');
  });

  it('explores meeting paths once: a generated 1,000-scene scenario is analysed', () => {
    const v = validateScenario(generateScenario(1000));
    if (!v.ok) throw new Error('generated scenario invalid');
    const analysis = analyseScenario(v.scenario);
    expect(Object.keys(v.scenario.machine.states).length).toBeGreaterThanOrEqual(1000);
    expect(analysis.complete).toBe(true);
    expect(analysis.seats.every((s) => s.complete && s.shares.method === 'exact')).toBe(true);
  }, 60_000);

  it('keeps a dimension apart only where a condition tests it', () => {
    const scenario = valid((s) => {
      // Two openings that reach the same total by different dimensions now lead to different places.
      s.machine.states.start.on['choice.formal'] = choice('answer', 'Open formally', [impress('candidate', 'communication', 2)]);
      // A choice the scenario can now make for the simulated side says what the other side observes (format 2).
      s.machine.states.answer.on['choice.pushy'].meta.observed = 'Tomás pushes for an answer.';
      s.machine.states.answer.meta.npc.unshift({
        guard: { type: 'ledgerAtLeast', params: { ledger: 'candidate', dimension: 'communication', value: 2 } },
        choose: 'choice.pushy',
      });
    });
    const employer = analyseSeat(scenario, 'employer');
    const formal = replay(scenario, 'employer', ['choice.formal', 'choice.warm']).getSnapshot();
    expect(formal.context.steps[1]!.event).toBe('choice.pushy');
    expect(employer.shares.paths).toBe('10');
  });
});
