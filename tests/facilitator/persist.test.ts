// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { FacilitatorSession } from '../../src/lib/facilitator/controller.ts';
import { memoryStorage, sessionKey, sessionKind, SessionStore } from '../../src/lib/facilitator/persist.ts';
import { RecordStore } from '../../src/lib/persistence/record-store.ts';
import { listSetAside } from '../../src/lib/persistence/set-aside.ts';
import { decide, scenario, startSession } from './support.ts';

function finishedSession(store: SessionStore, id: string) {
  const { session } = startSession({ store, id });
  session.send({ type: 'session.start' });
  decide(session, { 'choice.onTime': 2 });
  session.send({ type: 'scene.advance' });
  decide(session, { 'choice.warm': 2 });
  return session;
}

describe('past sessions storage', () => {
  it('lists past sessions with their scenario, progress and outcome', () => {
    const store = new SessionStore(memoryStorage());
    finishedSession(store, 'done-one');
    const { session: running } = startSession({ store, id: 'running-one' });
    running.send({ type: 'session.start' });
    const { sessions, problems } = store.list();
    expect(problems).toEqual([]);
    const byId = Object.fromEntries(sessions.map((s) => [s.id, s]));
    expect(byId['done-one']).toMatchObject({ title: 'A short call', scenarioId: 'fake-call', decisions: 2, outcome: 'mutualFit' });
    expect(byId['done-one']!.endedAt).not.toBeNull();
    expect(byId['running-one']).toMatchObject({ decisions: 0, outcome: null, endedAt: null });
  });

  it('sets a damaged entry aside, says so, and keeps every other session', () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage, () => 1234);
    finishedSession(store, 'good-one');
    storage.setItem(sessionKey('broken-one'), '{"version": 1, "seq": "many"');
    storage.setItem(sessionKey('wrong-shape'), JSON.stringify({ version: 1, seq: 1, origin: 'x', savedAt: 1, value: {}, context: { id: 'wrong-shape' } }));
    const { sessions, problems } = store.list();
    expect(sessions.map((s) => s.id)).toEqual(['good-one']);
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/"broken-one" could not be read \(it is not valid JSON\)\. It was set aside, not deleted/);
    expect(problems.join('\n')).toMatch(/"wrong-shape" could not be read \(part of it is damaged/);
    const aside = listSetAside(new RecordStore(storage), [sessionKind]);
    expect(aside.find((a) => a.key === sessionKey('broken-one'))).toMatchObject({
      at: 1234,
      why: 'it is not valid JSON',
      text: '{"version": 1, "seq": "many"',
    });
    expect(storage.getItem(sessionKey('broken-one'))).toBeNull();
    expect(store.list().problems).toEqual([]); // reported once, then kept aside
  });

  it('leaves a session saved by a newer version of the app untouched', () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage);
    const future = JSON.stringify({ version: 7, anything: true });
    storage.setItem(sessionKey('from-the-future'), future);
    const result = store.load('from-the-future');
    expect(result).toEqual({ status: 'unreadable', message: expect.stringMatching(/newer version of this app, so it was left untouched/) });
    expect(storage.getItem(sessionKey('from-the-future'))).toBe(future);
  });

  it('never overwrites a newer revision with an older one', () => {
    const store = new SessionStore(memoryStorage());
    const { session } = startSession({ store });
    const old = store.load('test-session');
    session.send({ type: 'session.start' });
    expect(old.status).toBe('found');
    if (old.status !== 'found') return;
    expect(store.save(old.session)).toEqual({ ok: true, written: false });
    const now = store.load('test-session');
    expect(now.status === 'found' && now.session.seq).toBe(2);
  });

  it('tells the facilitator when the browser refuses to save, and keeps running', () => {
    const storage = memoryStorage();
    const full = {
      ...storage,
      get length() {
        return storage.length;
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const { session } = startSession({ store: new SessionStore(full) });
    expect(session.send({ type: 'session.start' })).toBe(true);
    expect(session.problems[0]).toMatch(/refused to save the session .* Export the report/);
  });

  it('opens a session with a damaged save as waiting, with a message, not a crash', () => {
    const storage = memoryStorage();
    storage.setItem(sessionKey('test-session'), 'not json at all');
    const session = new FacilitatorSession({
      scenario: scenario(),
      sessionId: 'test-session',
      role: 'presenter',
      store: new SessionStore(storage),
      channel: () => null,
    });
    expect(session.snapshot).toBeNull();
    expect(session.problems[0]).toMatch(/could not be read \(it is not valid JSON\)\. It was set aside/);
  });

  it('removes a past session on request', () => {
    const store = new SessionStore(memoryStorage());
    finishedSession(store, 'to-remove');
    store.remove('to-remove');
    expect(store.list().sessions).toEqual([]);
  });
});
