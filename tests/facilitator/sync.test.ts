import { describe, expect, it } from 'vitest';
import { FacilitatorSession } from '../../src/lib/facilitator/controller.ts';
import { memoryStorage, SessionStore } from '../../src/lib/facilitator/persist.ts';
import { phaseOf } from '../../src/lib/facilitator/session-machine.ts';
import { browserChannel, channelName, PROTOCOL, PROTOCOL_VERSION } from '../../src/lib/facilitator/sync.ts';
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
    const control = FacilitatorSession.create({ scenario: scenario(), store: new SessionStore(memoryStorage()), clock, channel: browserChannel, input: { id, mode: 'employer' } });
    const presenter = new FacilitatorSession({ scenario: scenario(), sessionId: id, role: 'presenter', store: new SessionStore(memoryStorage()), clock, channel: browserChannel });
    control.send({ type: 'session.start' });
    control.send({ type: 'vote.open' });
    await until(() => phase(presenter) === 'voting');
    expect(presenter.revision).toEqual(control.revision);
    control.close();
    presenter.close();
  });
});

async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
