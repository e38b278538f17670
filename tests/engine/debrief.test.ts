// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildDebrief, TimelineCache } from '../../src/lib/engine/debrief.ts';
import { replay } from '../../src/lib/engine/run.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { fakeScenario } from '../support/fakes.ts';

const v = validateScenario(fakeScenario());
if (!v.ok) throw new Error('fake invalid');
const scenario = v.scenario;

describe('the debrief', () => {
  it('keeps a timeline step by step that equals the whole debrief, also after an undo or another run', () => {
    const pushy = replay(scenario, 'candidate', ['choice.pushy']).getSnapshot().context.steps;
    const rude = replay(scenario, 'employer', ['choice.rude', 'choice.curt']).getSnapshot().context.steps;
    const cache = new TimelineCache(scenario);
    for (let n = 0; n <= pushy.length; n++) expect(cache.timeline(pushy.slice(0, n))).toEqual(buildDebrief(scenario, pushy.slice(0, n)).timeline);
    expect(cache.timeline(pushy.slice(0, 1))).toEqual(buildDebrief(scenario, pushy.slice(0, 1)).timeline);
    expect(cache.timeline(rude)).toEqual(buildDebrief(scenario, rude).timeline);
  });

  it('lists every step with its effect on both ledgers', () => {
    const steps = replay(scenario, 'candidate', ['choice.pushy']).getSnapshot().context.steps;
    const { timeline, verdict, position } = buildDebrief(scenario, steps);
    expect(timeline.map((t) => t.choice?.meta.label)).toEqual(['Call on time', 'Ask about salary first', 'End the call abruptly']);
    expect(timeline[0]!.delta.candidate.courtesy).toBe(2);
    expect(timeline[2]!.totalDelta).toEqual({ employer: 0, candidate: -4 });
    expect(timeline[2]!.after.candidate).toEqual({ courtesy: 2, communication: -4, commonSense: 0 });
    expect(verdict.outcome).toBe('candidateDeclines');
    expect(position).toEqual({ x: 1, y: -2 });
  });

  it('picks the largest swing as the turning point', () => {
    const steps = replay(scenario, 'candidate', ['choice.pushy']).getSnapshot().context.steps;
    expect(buildDebrief(scenario, steps).turningPoint).toBe(2);
  });

  it('makes a deal-breaker the turning point, whatever the numbers', () => {
    const steps = replay(scenario, 'employer', ['choice.rude', 'choice.curt']).getSnapshot().context.steps;
    const debrief = buildDebrief(scenario, steps);
    expect(debrief.turningPoint).toBe(0);
    expect(debrief.timeline[0]!.dealBreakers).toEqual({ candidate: 'The interviewer mocked them.' });
  });
});

describe('the path of scenes', () => {
  it('lists the scenes a run passed through, ending with the final one', async () => {
    const { pathOfScenes } = await import('../../src/lib/engine/debrief.ts');
    const steps = replay(scenario, 'candidate', ['choice.pushy']).getSnapshot().context.steps;
    expect(pathOfScenes(scenario, steps)).toEqual(['start', 'answer', 'wrap', 'end']);
    expect(pathOfScenes(scenario, [])).toEqual(['start']);
  });
});
