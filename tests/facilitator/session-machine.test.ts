// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { OUTCOMES } from '../../src/lib/engine/ledger.ts';
import { replay } from '../../src/lib/engine/run.ts';
import { FacilitatorSession } from '../../src/lib/facilitator/controller.ts';
import { memoryStorage, SessionStore } from '../../src/lib/facilitator/persist.ts';
import { seatOf, walk } from '../../src/lib/facilitator/position.ts';
import { buildSessionReport } from '../../src/lib/facilitator/report.ts';
import { phaseOf } from '../../src/lib/facilitator/session-machine.ts';
import { remainingMs } from '../../src/lib/facilitator/timer.ts';
import { displayOrder } from '../../src/lib/engine/random.ts';
import { decide, scenario, startSession, TEST_SEED } from './support.ts';

const ctx = (session: FacilitatorSession) => session.snapshot!.context;
const phase = (session: FacilitatorSession) => phaseOf(session.snapshot!);
const here = (session: FacilitatorSession) => walk(session.scenario, seatOf(ctx(session).mode), ctx(session).steps);

describe('facilitator session machine', () => {
  it('starts with a briefing, then puts the first decision to the room', () => {
    const { session } = startSession();
    expect(phase(session)).toBe('briefing');
    expect(session.send({ type: 'vote.open' })).toBe(false);
    expect(session.send({ type: 'session.start' })).toBe(true);
    expect(phase(session)).toBe('ready');
    const fileOrder = ['choice.onTime', 'choice.late', 'choice.rude', 'choice.grill'];
    expect(ctx(session).ballot).toMatchObject({ scene: 'start', side: 'employer', options: displayOrder(fileOrder, TEST_SEED, 'start') });
    expect([...ctx(session).ballot!.options].sort()).toEqual([...fileOrder].sort());
  });

  it('letters the options in the order of its own seed, not the file’s, and keeps that order in the session', () => {
    const orders = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
      const { session } = startSession({ seed });
      session.send({ type: 'session.start' });
      return ctx(session).ballot!.options.join(',');
    });
    expect(new Set(orders).size).toBeGreaterThan(1);
    expect(orders.filter((o) => o.startsWith('choice.onTime')).length).toBeLessThan(8);
  });

  it('counts hands per option, clicks per voter, and lets the clear winner advance', () => {
    const { session } = startSession();
    session.send({ type: 'session.start' });
    session.send({ type: 'vote.open' });
    session.send({ type: 'vote.count', option: 'choice.onTime', count: 4 });
    session.send({ type: 'vote.add', option: 'choice.late' });
    session.send({ type: 'vote.add', option: 'choice.late' });
    session.send({ type: 'vote.add', option: 'choice.late', by: -1 });
    expect(session.send({ type: 'vote.count', option: 'choice.nothing', count: 3 })).toBe(false);
    expect(ctx(session).ballot!.votes).toEqual({ 'choice.onTime': 4, 'choice.late': 1, 'choice.rude': 0, 'choice.grill': 0 });
    session.send({ type: 'vote.close' });
    expect(phase(session)).toBe('decided');
    expect(ctx(session).ballot).toMatchObject({ chosen: 'choice.onTime', how: 'vote', leaders: ['choice.onTime'] });
    // Nothing moves before the reveal.
    expect(session.send({ type: 'scene.advance' })).toBe(false);
    session.send({ type: 'decision.reveal' });
    session.send({ type: 'scene.advance' });
    // The room plays the employer: the candidate's answer is the scenario's move, shown as a scene.
    expect(phase(session)).toBe('scene');
    expect(here(session)).toMatchObject({ sceneId: 'answer', turn: { kind: 'simulated', event: 'choice.prepared' } });
    expect(ctx(session).steps.map((s) => s.event)).toEqual(['choice.onTime']);
    expect(ctx(session).decisions[0]).toMatchObject({ chosen: 'choice.onTime', how: 'vote', votes: { 'choice.onTime': 4, 'choice.late': 1 } });
  });

  it('sends a tie to the facilitator, who decides among the tied options only', () => {
    const { session } = startSession();
    session.send({ type: 'session.start' });
    session.send({ type: 'vote.open' });
    session.send({ type: 'vote.count', option: 'choice.late', count: 3 });
    session.send({ type: 'vote.count', option: 'choice.grill', count: 3 });
    session.send({ type: 'vote.count', option: 'choice.onTime', count: 1 });
    session.send({ type: 'vote.close' });
    expect(phase(session)).toBe('tie');
    expect(ctx(session).ballot!.leaders).toEqual(['choice.late', 'choice.grill']);
    expect(session.send({ type: 'vote.decide', option: 'choice.onTime' })).toBe(false);
    expect(session.send({ type: 'vote.decide', option: 'choice.grill' })).toBe(true);
    expect(ctx(session).ballot).toMatchObject({ chosen: 'choice.grill', how: 'tie' });
  });

  it('treats a vote nobody took part in as a tie between every option', () => {
    const { session } = startSession();
    session.send({ type: 'session.start' });
    session.send({ type: 'vote.open' });
    session.send({ type: 'vote.close' });
    expect(phase(session)).toBe('tie');
    expect(ctx(session).ballot!.leaders).toHaveLength(4);
  });

  it('lets the room re-vote after a tie, keeping the counts to correct', () => {
    const { session } = startSession();
    session.send({ type: 'session.start' });
    decideUntil(session, { 'choice.late': 2, 'choice.rude': 2 });
    expect(phase(session)).toBe('tie');
    session.send({ type: 'vote.open' });
    session.send({ type: 'vote.add', option: 'choice.rude' });
    session.send({ type: 'vote.close' });
    expect(ctx(session).ballot).toMatchObject({ chosen: 'choice.rude', how: 'vote', votes: { 'choice.late': 2, 'choice.rude': 3 } });
  });

  it('records an override as such, with the vote it overrode and the reason', () => {
    const { session } = startSession();
    session.send({ type: 'session.start' });
    decideUntil(session, { 'choice.onTime': 9, 'choice.rude': 1 });
    expect(session.send({ type: 'vote.override', option: 'choice.rude', reason: 'to show a deal-breaker' })).toBe(true);
    expect(ctx(session).ballot).toMatchObject({ chosen: 'choice.rude', how: 'override', reason: 'to show a deal-breaker', leaders: ['choice.onTime'] });
    session.send({ type: 'decision.reveal' });
    expect(session.send({ type: 'vote.override', option: 'choice.late' })).toBe(false);
    session.send({ type: 'scene.advance' });
    const report = buildSessionReport(session.scenario, ctx(session));
    expect(report.overrides.map((d) => [d.chosen, d.leaders, d.reason])).toEqual([['choice.rude', ['choice.onTime'], 'to show a deal-breaker']]);
  });

  it('does not call it an override when the facilitator picks what the vote picked', () => {
    const { session } = startSession();
    session.send({ type: 'session.start' });
    decideUntil(session, { 'choice.late': 5 });
    session.send({ type: 'vote.override', option: 'choice.late', reason: 'agree' });
    expect(ctx(session).ballot).toMatchObject({ how: 'vote', reason: '' });
  });

  it('lets the facilitator choose without a vote, recorded as an override with no vote held', () => {
    const { session } = startSession();
    session.send({ type: 'session.start' });
    session.send({ type: 'vote.override', option: 'choice.grill' });
    expect(phase(session)).toBe('decided');
    expect(ctx(session).ballot).toMatchObject({ chosen: 'choice.grill', how: 'override', openedAt: null, leaders: [] });
  });

  it('in teams, each team votes on its own seat’s decisions and nothing is simulated', () => {
    const { session } = startSession({ mode: 'teams' });
    session.send({ type: 'session.configure', teams: { employer: 'Hiring panel', candidate: 'Applicants' } });
    session.send({ type: 'session.start' });
    const sides: string[] = [];
    sides.push(ctx(session).ballot!.side);
    decide(session, { 'choice.onTime': 3 });
    sides.push(ctx(session).ballot!.side);
    decide(session, { 'choice.prepared': 4, 'choice.vague': 1 });
    sides.push(ctx(session).ballot!.side);
    decide(session, { 'choice.warm': 2 });
    expect(sides).toEqual(['employer', 'candidate', 'employer']);
    expect(ctx(session).steps.every((s) => !s.auto)).toBe(true);
    expect(phase(session)).toBe('closing');
    const report = buildSessionReport(session.scenario, ctx(session));
    expect(report.decisions.map((d) => d.decidedBy)).toEqual(['Hiring panel', 'Applicants', 'Hiring panel']);
    expect(report.outcome?.id).toBe('mutualFit');
  });

  it('offers teams only for scenarios playable from both seats', () => {
    const single = scenario({ seats: ['employer'] });
    const { session } = startSession({ scenario: single });
    expect(session.send({ type: 'session.configure', mode: 'teams' })).toBe(false);
    expect(session.send({ type: 'session.configure', mode: 'candidate' })).toBe(false);
    expect(ctx(session).mode).toBe('employer');
  });

  it('runs a timer per decision that starts with the vote, pauses, resumes and is configurable', () => {
    const { session, clock } = startSession({ timerSeconds: 120 });
    session.send({ type: 'session.start' });
    expect(ctx(session).timer).toEqual({ status: 'idle', durationMs: 120_000 });
    session.send({ type: 'vote.open' });
    clock.advance(30_000);
    session.send({ type: 'timer.pause' });
    clock.advance(60_000);
    expect(remainingMs(ctx(session).timer, clock.now())).toBe(90_000);
    session.send({ type: 'timer.resume' });
    clock.advance(100_000);
    expect(remainingMs(ctx(session).timer, clock.now())).toBe(-10_000);
    session.send({ type: 'timer.extend', seconds: 60 });
    expect(remainingMs(ctx(session).timer, clock.now())).toBe(50_000);
    session.send({ type: 'vote.count', option: 'choice.late', count: 2 });
    session.send({ type: 'vote.close' }); // closing the vote stops the clock
    clock.advance(5_000);
    expect(ctx(session).timer.status).toBe('paused');
    session.send({ type: 'decision.reveal' });
    session.send({ type: 'scene.advance' });
    expect(ctx(session).decisions[0]!.discussionMs).toBe(130_000);
    // The next decision starts with a fresh timer at the configured length.
    session.send({ type: 'timer.set', seconds: 45 });
    session.send({ type: 'scene.advance' });
    expect(phase(session)).toBe('ready');
    expect(ctx(session).timer).toEqual({ status: 'idle', durationMs: 45_000 });
    session.send({ type: 'timer.start' });
    clock.advance(5_000);
    session.send({ type: 'timer.reset' });
    expect(ctx(session).timer).toEqual({ status: 'idle', durationMs: 45_000 });
  });

  it('keeps the projector’s ledgers hidden until the facilitator shows them', () => {
    const { session } = startSession();
    expect(session.snapshot!.hasTag('ledgersShown')).toBe(false);
    session.send({ type: 'ledgers.show' });
    expect(session.snapshot!.hasTag('ledgersShown')).toBe(true);
    session.send({ type: 'ledgers.hide' });
    expect(session.snapshot!.hasTag('ledgersShown')).toBe(false);
  });

  it('ends at the final scene and reveals the debrief on request', () => {
    const { session } = startSession();
    session.send({ type: 'session.start' });
    decide(session, { 'choice.onTime': 3 });
    session.send({ type: 'scene.advance' });
    decide(session, { 'choice.warm': 3 });
    expect(phase(session)).toBe('closing');
    expect(ctx(session).endedAt).not.toBeNull();
    session.send({ type: 'debrief.reveal' });
    expect(phase(session)).toBe('debrief');
    // The facilitator walks the screen through the steps, and back to the overview.
    expect(ctx(session).debriefFocus).toBeNull();
    expect(session.send({ type: 'debrief.focus', step: 2 })).toBe(true);
    expect(ctx(session).debriefFocus).toBe(2);
    expect(session.send({ type: 'debrief.focus', step: 3 })).toBe(false);
    expect(session.send({ type: 'debrief.focus', step: null })).toBe(true);
    expect(ctx(session).debriefFocus).toBeNull();
  });

  it.each(OUTCOMES)('reaches %s exactly as the engine does, from either seat', (outcome) => {
    const s = scenario();
    for (const seat of s.seats) {
      const { choices } = analyseScenario(s).seats.find((a) => a.seat === seat)!.outcomes[outcome];
      const { session } = startSession({ scenario: s, mode: seat });
      session.send({ type: 'session.start' });
      const queue = [...choices!];
      while (!session.snapshot!.hasTag('ended')) {
        if (phase(session) === 'scene') session.send({ type: 'scene.advance' });
        else decide(session, { [queue.shift()!]: 1 });
      }
      const engine = replay(s, seat, choices!).getSnapshot();
      expect(buildSessionReport(s, ctx(session)).outcome?.id).toBe(outcome);
      expect(ctx(session).steps.map(({ at: _at, ...step }) => step)).toEqual(engine.context.steps);
    }
  });

  it('resumes after a reload exactly where it was, votes and timer included', () => {
    const { session, clock, store } = startSession();
    session.send({ type: 'session.start' });
    session.send({ type: 'vote.open' });
    session.send({ type: 'vote.count', option: 'choice.late', count: 6 });
    clock.advance(20_000);
    const before = session.snapshot!;
    session.close();

    // A new window on the same storage, as after a reload.
    const reloaded = new FacilitatorSession({ scenario: session.scenario, sessionId: 'test-session', role: 'control', store, clock, channel: () => null });
    expect(reloaded.problems).toEqual([]);
    expect(reloaded.snapshot!.value).toEqual(before.value);
    expect(reloaded.snapshot!.context).toEqual(before.context);
    expect(remainingMs(ctx(reloaded).timer, clock.now())).toBe(100_000);
    reloaded.send({ type: 'vote.close' });
    expect(ctx(reloaded).ballot).toMatchObject({ chosen: 'choice.late', how: 'vote' });
    expect(reloaded.revision!.seq).toBe(session.revision!.seq + 1);
  });

  it('refuses to resume a saved session whose path no longer fits the scenario, and says why', () => {
    const { session, store } = startSession();
    session.send({ type: 'session.start' });
    decide(session, { 'choice.onTime': 1 });
    const changed = scenario({
      machine: { initial: 'end', states: { end: { type: 'final', meta: { speaker: 'narrator', text: ['Done.'] } } } },
      seats: ['employer'],
    });
    const reopened = new FacilitatorSession({ scenario: changed, sessionId: 'test-session', role: 'control', store, channel: () => null });
    expect(reopened.snapshot).toBeNull();
    expect(reopened.problems[0]).toMatch(/could not be restored: its path no longer fits the scenario/);
    expect(store.load('test-session').status).toBe('found'); // nothing saved is lost
  });

  it('starts a fresh session for each create, with a readable id', () => {
    const store = new SessionStore(memoryStorage());
    const s = FacilitatorSession.create({ scenario: scenario(), store, channel: () => null, input: { mode: 'candidate' } });
    expect(s.id).toMatch(/^\d{8}-\d{4}-[a-z0-9]{4}$/);
    expect(store.list().sessions.map((x) => x.id)).toEqual([s.id]);
  });
});

/** Open the vote, set the counts and close it. */
function decideUntil(session: FacilitatorSession, votes: Record<string, number>) {
  session.send({ type: 'vote.open' });
  for (const [option, count] of Object.entries(votes)) session.send({ type: 'vote.count', option, count });
  session.send({ type: 'vote.close' });
}
