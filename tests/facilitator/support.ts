/**
 * Fakes for the facilitator tests: a clock moved by hand, a channel hub whose messages can be held,
 * dropped, duplicated and reordered, and a session helper over the small fake scenario.
 */
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { FacilitatorSession, type Clock } from '../../src/lib/facilitator/controller.ts';
import { memoryStorage, SessionStore } from '../../src/lib/facilitator/persist.ts';
import type { RoomMode } from '../../src/lib/facilitator/position.ts';
import type { ChannelFactory, ChannelLike } from '../../src/lib/facilitator/sync.ts';
import { fakeScenario } from '../support/fakes.ts';

export function scenario(partial: Parameters<typeof fakeScenario>[0] = {}): Scenario {
  const result = validateScenario(fakeScenario(partial));
  if (!result.ok) throw new Error(`fake scenario invalid: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

export interface FakeClock extends Clock {
  /** Move time on and run the ticks that fall due. */
  advance(ms: number): void;
  set(ms: number): void;
}

export function fakeClock(start = Date.UTC(2025, 2, 14, 9, 30)): FakeClock {
  let now = start;
  const ticks = new Set<{ ms: number; next: number; tick: () => void }>();
  return {
    now: () => now,
    every(ms, tick) {
      const entry = { ms, next: now + ms, tick };
      ticks.add(entry);
      return () => ticks.delete(entry);
    },
    advance(ms) {
      now += ms;
      for (const entry of ticks) {
        if (entry.next <= now) {
          entry.next = now + entry.ms;
          entry.tick();
        }
      }
    },
    set(ms) {
      now = ms;
    },
  };
}

type Listener = (event: { data: unknown }) => void;

class FakeChannel implements ChannelLike {
  readonly listeners = new Set<Listener>();
  closed = false;
  constructor(
    readonly hub: ChannelHub,
    readonly name: string,
  ) {}
  postMessage(message: unknown): void {
    if (this.closed) throw new Error('channel closed');
    this.hub.route(this, structuredClone(message));
  }
  addEventListener(_type: 'message', listener: Listener): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: Listener): void {
    this.listeners.delete(listener);
  }
  close(): void {
    this.closed = true;
  }
}

export interface Envelope {
  to: FakeChannel;
  data: unknown;
}

/**
 * Channels by name, like BroadcastChannel: a message goes to every other open channel of the same name.
 * `hold()` queues messages instead of delivering them, so a test can deliver, drop or repeat them.
 */
export class ChannelHub {
  readonly channels: FakeChannel[] = [];
  readonly queue: Envelope[] = [];
  #holding = false;

  readonly factory: ChannelFactory = (name) => {
    const channel = new FakeChannel(this, name);
    this.channels.push(channel);
    return channel;
  };

  hold(): void {
    this.#holding = true;
  }

  release(): void {
    this.#holding = false;
    this.flush();
  }

  route(from: FakeChannel, data: unknown): void {
    for (const to of this.channels) {
      if (to === from || to.closed || to.name !== from.name) continue;
      if (this.#holding) this.queue.push({ to, data });
      else deliver({ to, data });
    }
  }

  /** Deliver every queued message in order. */
  flush(): void {
    while (this.queue.length) deliver(this.queue.shift()!);
  }

  /** Take the queued messages out (to deliver later, in any order, any number of times). */
  take(): Envelope[] {
    return this.queue.splice(0);
  }
}

export function deliver(envelope: Envelope): void {
  if (envelope.to.closed) return;
  for (const listener of envelope.to.listeners) listener({ data: structuredClone(envelope.data) });
}

/** A new session as the control window, without sync unless a hub is given. */
/** The seed the test sessions shuffle their options with (tests that look at letters use `displayOrder` with it). */
export const TEST_SEED = 20261201;

export function startSession(
  options: {
    scenario?: Scenario;
    mode?: RoomMode;
    clock?: FakeClock;
    store?: SessionStore;
    hub?: ChannelHub;
    id?: string;
    windowId?: string;
    timerSeconds?: number;
    seed?: number;
  } = {},
) {
  const clock = options.clock ?? fakeClock();
  const store = options.store ?? new SessionStore(memoryStorage(), clock.now);
  const session = FacilitatorSession.create({
    scenario: options.scenario ?? scenario(),
    store,
    clock,
    channel: options.hub?.factory ?? (() => null),
    windowId: options.windowId ?? 'w-a',
    input: { id: options.id ?? 'test-session', mode: options.mode ?? 'employer', timerSeconds: options.timerSeconds ?? 120, seed: options.seed ?? TEST_SEED },
  });
  return { session, clock, store };
}

/** Run one room decision: open, count the votes given, close, (break a tie with `tie`), reveal, advance. */
export function decide(session: FacilitatorSession, votes: Record<string, number>, tie?: string): void {
  const ok = (done: boolean, what: string) => {
    if (!done) throw new Error(`could not ${what}`);
  };
  ok(session.send({ type: 'vote.open' }), 'open the vote');
  for (const [option, count] of Object.entries(votes)) ok(session.send({ type: 'vote.count', option, count }), `count ${option}`);
  ok(session.send({ type: 'vote.close' }), 'close the vote');
  if (tie) ok(session.send({ type: 'vote.decide', option: tie }), 'break the tie');
  ok(session.send({ type: 'decision.reveal' }), 'reveal');
  ok(session.send({ type: 'scene.advance' }), 'advance');
}
