// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { FacilitatorSession } from '../../src/lib/facilitator/controller.ts';
import { memoryStorage, SessionStore, toPersisted } from '../../src/lib/facilitator/persist.ts';
import { phaseOf } from '../../src/lib/facilitator/session-machine.ts';
import {
  browserChannel,
  channelName,
  IGNORED_SEQUENCE,
  MAX_SEQUENCE,
  MAX_SEQUENCE_JUMP,
  PROTOCOL,
  PROTOCOL_VERSION,
  sequenceProblem,
} from '../../src/lib/facilitator/sync.ts';
import { ChannelHub, deliver, fakeClock, scenario, startSession, type FakeClock } from './support.ts';

/** A second window of the same browser: same storage unless told otherwise, same hub. */
function openWindow(hub: ChannelHub, clock: FakeClock, role: 'control' | 'presenter', windowId: string, store = new SessionStore(memoryStorage())) {
  return new FacilitatorSession({ scenario: scenario(), sessionId: 'test-session', role, store, clock, channel: hub.factory, windowId });
}

const phase = (s: FacilitatorSession) => (s.snapshot ? phaseOf(s.snapshot) : null);

describe('facilitator sync protocol', () => {
  it('gives a presenter that joins late the whole session at once', () => {
    const hub = new ChannelHub();
    const { session: control, clock } = startSession({ hub });
    control.send({ type: 'session.start' });
    control.send({ type: 'vote.open' });
    control.send({ type: 'vote.count', option: 'choice.grill', count: 5 });

    // Its own storage is empty: all it knows comes over the channel, in answer to its hello.
    const presenter = openWindow(hub, clock, 'presenter', 'w-p');
    expect(phase(presenter)).toBe('voting');
    expect(presenter.snapshot!.context.ballot!.votes['choice.grill']).toBe(5);
    expect(presenter.revision).toEqual(control.revision);
    expect(control.peers.map((p) => p.role)).toEqual(['presenter']);
  });

  it('keeps the presenter in step with every change, and the presenter cannot change anything', () => {
    const hub = new ChannelHub();
    const { session: control, clock } = startSession({ hub });
    const presenter = openWindow(hub, clock, 'presenter', 'w-p');
    control.send({ type: 'session.start' });
    control.send({ type: 'vote.override', option: 'choice.late' });
    expect(phase(presenter)).toBe('decided');
    expect(presenter.send({ type: 'decision.reveal' })).toBe(false);
    expect(phase(control)).toBe('decided');
    control.send({ type: 'decision.reveal' });
    expect(phase(presenter)).toBe('revealed');
  });

  it('ignores a duplicate message', () => {
    const hub = new ChannelHub();
    const { session: control, clock } = startSession({ hub });
    const presenter = openWindow(hub, clock, 'presenter', 'w-p');
    let changes = 0;
    presenter.subscribe(() => changes++);
    hub.hold();
    control.send({ type: 'session.start' });
    const [message] = hub.take();
    deliver(message!);
    deliver(message!);
    deliver(message!);
    expect(changes).toBe(1);
    expect(phase(presenter)).toBe('ready');
    expect(presenter.problems).toEqual([]);
  });

  it('ignores a stale message that arrives after a newer one', () => {
    const hub = new ChannelHub();
    const { session: control, clock } = startSession({ hub });
    const presenter = openWindow(hub, clock, 'presenter', 'w-p');
    hub.hold();
    control.send({ type: 'session.start' }); // seq 2
    control.send({ type: 'vote.open' }); // seq 3
    control.send({ type: 'vote.count', option: 'choice.onTime', count: 2 }); // seq 4
    const [second, third, fourth] = hub.take();
    deliver(fourth!);
    deliver(second!);
    deliver(third!);
    expect(presenter.revision!.seq).toBe(4);
    expect(phase(presenter)).toBe('voting');
    expect(presenter.snapshot!.context.ballot!.votes['choice.onTime']).toBe(2);
  });

  it('catches up when messages were lost, from the next change or a hello', () => {
    const hub = new ChannelHub();
    const { session: control, clock } = startSession({ hub });
    const presenter = openWindow(hub, clock, 'presenter', 'w-p');
    hub.hold();
    control.send({ type: 'session.start' });
    hub.take(); // lost
    hub.release();
    control.send({ type: 'vote.open' });
    expect(phase(presenter)).toBe('voting');
    hub.hold();
    control.send({ type: 'vote.add', option: 'choice.late' });
    hub.take(); // lost again
    hub.release();
    presenter.retry();
    expect(presenter.snapshot!.context.ballot!.votes['choice.late']).toBe(1);
  });

  it('lets a second control window join the session rather than fork it', () => {
    const hub = new ChannelHub();
    const { session: first, clock } = startSession({ hub, windowId: 'w-a' });
    first.send({ type: 'session.start' });
    const second = openWindow(hub, clock, 'control', 'w-b');
    expect(second.revision).toEqual(first.revision);
    second.send({ type: 'vote.open' });
    second.send({ type: 'vote.count', option: 'choice.rude', count: 3 });
    expect(first.snapshot!.context.ballot!.votes['choice.rude']).toBe(3);
    first.send({ type: 'vote.close' });
    expect(phase(second)).toBe('decided');
    expect(first.snapshot!.context).toEqual(second.snapshot!.context);
  });

  it('settles on one state when two control windows change the session at the same moment', () => {
    const hub = new ChannelHub();
    const { session: a, clock } = startSession({ hub, windowId: 'w-a' });
    a.send({ type: 'session.start' });
    a.send({ type: 'vote.open' });
    const b = openWindow(hub, clock, 'control', 'w-b');
    hub.hold();
    a.send({ type: 'vote.count', option: 'choice.late', count: 4 });
    b.send({ type: 'vote.count', option: 'choice.grill', count: 7 });
    hub.flush();
    expect(a.revision).toEqual(b.revision);
    expect(a.revision).toEqual({ seq: 4, origin: 'w-b' });
    expect(a.snapshot!.context).toEqual(b.snapshot!.context);
  });

  it('ignores messages for other sessions, from other apps, and damaged ones (saying so)', () => {
    const hub = new ChannelHub();
    const { session: control, clock } = startSession({ hub });
    const presenter = openWindow(hub, clock, 'presenter', 'w-p');
    const before = presenter.revision;
    const raw = hub.factory(channelName('test-session'))!;
    const envelope = { protocol: PROTOCOL, v: PROTOCOL_VERSION, from: 'w-x', role: 'control' };
    raw.postMessage('hello');
    raw.postMessage({ ...envelope, session: 'another', kind: 'state', state: {} });
    raw.postMessage({ ...envelope, session: 'test-session', kind: 'state', state: { version: 1, seq: 99, origin: 'w-x', context: { id: 'test-session' } } });
    expect(presenter.revision).toEqual(before);
    expect(presenter.problems).toEqual([expect.stringMatching(/message from another window was ignored: part of it is damaged/)]);
    expect(control.snapshot!.context.id).toBe('test-session');
  });

  it('says when a message comes from a different version of the app', () => {
    const hub = new ChannelHub();
    const { clock } = startSession({ hub });
    const presenter = openWindow(hub, clock, 'presenter', 'w-p');
    hub.factory(channelName('test-session'))!.postMessage({ protocol: PROTOCOL, v: 2, session: 'test-session', from: 'w-x', role: 'control', kind: 'hello' });
    expect(presenter.problems[0]).toMatch(/different version of the app/);
  });

  it('forgets a window that closed', () => {
    const hub = new ChannelHub();
    const { session: control, clock } = startSession({ hub });
    const presenter = openWindow(hub, clock, 'presenter', 'w-p');
    expect(control.peers).toHaveLength(1);
    presenter.close();
    expect(control.peers).toHaveLength(0);
  });

  it('works over a real BroadcastChannel', async () => {
    expect(typeof BroadcastChannel).toBe('function');
    const clock = fakeClock();
    const id = `bc-${Math.random().toString(36).slice(2, 8)}`;
    const control = FacilitatorSession.create({
      scenario: scenario(),
      store: new SessionStore(memoryStorage()),
      clock,
      channel: browserChannel,
      input: { id, mode: 'employer' },
    });
    const presenter = new FacilitatorSession({
      scenario: scenario(),
      sessionId: id,
      role: 'presenter',
      store: new SessionStore(memoryStorage()),
      clock,
      channel: browserChannel,
    });
    control.send({ type: 'session.start' });
    control.send({ type: 'vote.open' });
    // A real channel delivers on a later task: wait for the condition, not for a time.
    await vi.waitFor(() => expect(phase(presenter)).toBe('voting'), { timeout: 10_000, interval: 5 });
    expect(presenter.revision).toEqual(control.revision);
    control.close();
    presenter.close();
  });
});

/** The votes counted so far in the open ballot, by option. */
const tally = (s: FacilitatorSession) => s.snapshot!.context.ballot!.votes;
const total = (s: FacilitatorSession) => Object.values(tally(s)).reduce((a, b) => a + b, 0);

/**
 * A message as another window of the same origin could send it: the session as `session` holds it, with
 * an empty ballot (adopting it would lose every vote), under revision `seq`.
 */
function forge(hub: ChannelHub, session: FacilitatorSession, seq: number): void {
  const state = toPersisted(session.scenario, session.snapshot!, seq, 'w-zz', session.clock.now());
  const ballot = state.context.ballot!;
  state.context = { ...state.context, ballot: { ...ballot, votes: Object.fromEntries(Object.keys(ballot.votes).map((k) => [k, 0])) } };
  hub
    .factory(channelName('test-session'))!
    .postMessage({ protocol: PROTOCOL, v: PROTOCOL_VERSION, session: 'test-session', from: 'w-zz', role: 'control', kind: 'state', state });
}

describe('facilitator sync: revision numbers that cannot be believed', () => {
  it('ignores 2^53−1 and a jump of 1,000, says so, and keeps both windows on every vote', () => {
    const hub = new ChannelHub();
    const { session: control, clock, store } = startSession({ hub });
    const presenter = openWindow(hub, clock, 'presenter', 'w-p');
    control.send({ type: 'session.start' });
    control.send({ type: 'vote.open' });
    for (let i = 0; i < 20; i++) control.send({ type: 'vote.add', option: 'choice.onTime' });

    forge(hub, control, Number.MAX_SAFE_INTEGER);
    for (let i = 0; i < 13; i++) control.send({ type: 'vote.add', option: 'choice.late' });
    forge(hub, control, control.revision!.seq + MAX_SEQUENCE_JUMP);
    for (let i = 0; i < 13; i++) control.send({ type: 'vote.add', option: 'choice.grill' });

    // Neither window adopted either message: the control window says so in words, and both counted them.
    expect(control.problems).toEqual([IGNORED_SEQUENCE]);
    expect(control.ignoredMessages).toBe(2);
    expect(presenter.ignoredMessages).toBe(2);
    // No fork, no lost vote: 46 votes in both windows, at the same revision, and in storage.
    expect(total(control)).toBe(46);
    expect(tally(presenter)).toEqual(tally(control));
    expect(presenter.revision).toEqual(control.revision);
    expect(control.revision!.seq).toBe(3 + 46); // created, started, vote opened, 46 votes
    expect(store.load('test-session')).toMatchObject({ status: 'found', session: { seq: control.revision!.seq } });

    // After a reload of both windows, they find the session and keep counting.
    control.close();
    presenter.close();
    const control2 = openWindow(hub, clock, 'control', 'w-a2', store);
    const presenter2 = openWindow(hub, clock, 'presenter', 'w-p2');
    expect(presenter2.revision).toEqual(control2.revision);
    control2.send({ type: 'vote.add', option: 'choice.late' });
    expect(total(presenter2)).toBe(47);
    expect(tally(presenter2)).toEqual(tally(control2));
  });

  it('counts a number that is not a safe whole number, before anything else in the message', () => {
    const hub = new ChannelHub();
    const { session: control, clock } = startSession({ hub });
    const presenter = openWindow(hub, clock, 'presenter', 'w-p');
    control.send({ type: 'session.start' });
    control.send({ type: 'vote.open' });
    const before = presenter.revision;
    for (const seq of [2 ** 53, 1.5, -1, MAX_SEQUENCE + 1]) forge(hub, control, seq);
    expect(presenter.ignoredMessages).toBe(4);
    expect(presenter.revision).toEqual(before);
    expect(presenter.problems).toEqual([IGNORED_SEQUENCE]);
  });

  it('still catches up on lost changes below the bound, and on more when time has passed', () => {
    const hub = new ChannelHub();
    const { session: control, clock } = startSession({ hub });
    const presenter = openWindow(hub, clock, 'presenter', 'w-p');
    control.send({ type: 'session.start' });
    control.send({ type: 'vote.open' });
    hub.hold();
    for (let i = 0; i < MAX_SEQUENCE_JUMP + 100; i++) control.send({ type: 'vote.count', option: 'choice.late', count: i % 50 });
    hub.take(); // all lost
    hub.release();
    // 1,100 changes at once, with no time passed: not believed.
    presenter.retry();
    expect(presenter.ignoredMessages).toBe(1);
    expect(presenter.revision!.seq).toBeLessThan(control.revision!.seq);
    // Twenty seconds later (a real facilitator's pace is far slower): believed.
    clock.advance(20_000);
    presenter.retry();
    expect(presenter.revision).toEqual(control.revision);
    expect(tally(presenter)).toEqual(tally(control));
  });

  it('judges a revision number by its bounds', () => {
    expect(sequenceProblem(5, 4)).toBeNull();
    expect(sequenceProblem(4 + MAX_SEQUENCE_JUMP - 1, 4)).toBeNull();
    expect(sequenceProblem(4 + MAX_SEQUENCE_JUMP, 4)).toMatch(/1000 or more ahead of 4/);
    expect(sequenceProblem(3, 4)).toBeNull(); // older: the session decides it is stale
    expect(sequenceProblem(Number.MAX_SAFE_INTEGER, null)).toMatch(/above/);
    expect(sequenceProblem(2 ** 53, null)).toMatch(/not a safe whole number/);
    expect(sequenceProblem(900, null)).toBeNull();
  });
});
