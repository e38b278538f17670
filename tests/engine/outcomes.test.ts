// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { emptyLedgers, judge, OUTCOME_INFO } from '../../src/lib/engine/ledger.ts';
import { createScenarioMachine } from '../../src/lib/engine/machine.ts';
import { nextTurn, replay, ReplayError } from '../../src/lib/engine/run.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { fakeScenario } from '../support/fakes.ts';

function scenario() {
  const v = validateScenario(fakeScenario());
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario;
}

describe('the ledgers decide the outcome', () => {
  it('gives each of the four quadrants from the two likes', () => {
    const ledgers = emptyLedgers();
    const none = { employer: null, candidate: null };
    ledgers.employer.courtesy = 1;
    ledgers.candidate.communication = 2;
    expect(judge(ledgers, none).outcome).toBe('mutualFit');
    ledgers.candidate.commonSense = -2;
    expect(judge(ledgers, none).outcome).toBe('candidateDeclines');
    ledgers.employer.commonSense = -1;
    expect(judge(ledgers, none).outcome).toBe('noFit');
    ledgers.candidate.commonSense = 0;
    expect(judge(ledgers, none).outcome).toBe('employerDeclines');
  });

  it('lets one deal-breaker sink an otherwise good run', () => {
    const ledgers = emptyLedgers();
    ledgers.employer.courtesy = 5;
    ledgers.candidate.courtesy = 5;
    const verdict = judge(ledgers, { employer: null, candidate: 'They laughed at my question.' });
    expect(verdict.outcome).toBe('candidateDeclines');
    expect(verdict.candidateLikes).toBe(false);
    expect(verdict.totals.candidate).toBe(5);
  });

  it('names every outcome in plain words', () => {
    for (const info of Object.values(OUTCOME_INFO)) expect(info.description.length).toBeGreaterThan(20);
  });
});

describe('a run through the XState machine', () => {
  it('moves both ledgers with each choice and records the steps', () => {
    const actor = replay(scenario(), 'candidate', ['choice.prepared']);
    const { context, output, status } = actor.getSnapshot();
    expect(status).toBe('done');
    expect(context.ledgers.candidate.courtesy).toBe(3); // simulated employer: on time (+2), then warm (+1)
    expect(context.ledgers.employer.commonSense).toBe(2);
    expect(context.steps.map((s) => [s.event, s.auto])).toEqual([
      ['choice.onTime', true],
      ['choice.prepared', false],
      ['choice.warm', true],
    ]);
    expect(output?.outcome).toBe('mutualFit');
  });

  it.each([
    ['employer', ['choice.onTime', 'choice.warm'], 'mutualFit'],
    ['employer', ['choice.onTime', 'choice.curt'], 'candidateDeclines'],
    ['employer', ['choice.grill', 'choice.warm'], 'employerDeclines'],
    ['employer', ['choice.late', 'choice.warm'], 'noFit'],
    ['candidate', ['choice.pushy'], 'candidateDeclines'],
    ['candidate', ['choice.rambling'], 'employerDeclines'],
    ['candidate', ['choice.vague'], 'noFit'],
  ] as const)('from the %s seat, %j ends in %s', (seat, choices, outcome) => {
    expect(replay(scenario(), seat, choices).getSnapshot().output?.outcome).toBe(outcome);
  });

  it('has the simulated side react to what the player did', () => {
    const polite = replay(scenario(), 'employer', ['choice.onTime']).getSnapshot();
    const grilled = replay(scenario(), 'employer', ['choice.grill']).getSnapshot();
    expect(polite.context.steps.at(-1)?.event).toBe('choice.prepared');
    expect(grilled.context.steps.at(-1)?.event).toBe('choice.vague');
  });

  it('marks a deal-breaker and keeps the first reason', () => {
    const snapshot = replay(scenario(), 'employer', ['choice.rude', 'choice.warm']).getSnapshot();
    expect(snapshot.context.dealBreakers.candidate).toBe('The interviewer mocked them.');
    expect(snapshot.output?.candidateLikes).toBe(false);
  });

  it('lets two people share a device: every decision waits for a person', () => {
    const actor = createActor(createScenarioMachine(scenario()), { input: { seat: 'both' } }).start();
    expect(nextTurn(scenario(), actor.getSnapshot())).toMatchObject({ kind: 'player', side: 'employer' });
    actor.send({ type: 'choice.onTime' });
    expect(nextTurn(scenario(), actor.getSnapshot())).toMatchObject({ kind: 'player', side: 'candidate' });
  });

  it('refuses a replay with a choice that is not offered', () => {
    expect(() => replay(scenario(), 'candidate', ['choice.onTime'])).toThrow(ReplayError);
    expect(() => replay(scenario(), 'candidate', ['choice.vague', 'choice.vague'])).toThrow(/ended after 1 of 2/);
  });

  it('restores a persisted snapshot to the same scene and ledgers', () => {
    const machine = createScenarioMachine(scenario());
    const first = createActor(machine, { input: { seat: 'employer' } }).start();
    first.send({ type: 'choice.late' });
    const saved = JSON.parse(JSON.stringify(first.getPersistedSnapshot()));
    const second = createActor(machine, { input: { seat: 'employer' }, snapshot: saved }).start();
    expect(second.getSnapshot().value).toBe('answer');
    expect(second.getSnapshot().context.ledgers.candidate.courtesy).toBe(-1);
  });
});
