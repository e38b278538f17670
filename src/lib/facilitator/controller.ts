/**
 * One window's hold on a session: the machine snapshot and its revision, saved to the store after every
 * change and kept in step with the session's other windows through the sync protocol. Pure TypeScript:
 * the clock, the storage and the channel are passed in, so tests drive time and messages by hand.
 */
import { initialTransition, transition } from 'xstate';
import { newSeed } from '../engine/random.ts';
import type { Scenario } from '../engine/schema.ts';
import { compareRevisions, restoreSnapshot, SessionStore, toPersisted, type PersistedSession } from './persist.ts';
import { createSessionMachine, type SessionCommand, type SessionEvent, type SessionInput, type SessionSnapshot } from './session-machine.ts';
import { browserChannel, channelName, SyncEndpoint, type ChannelFactory, type Peer, type WindowRole } from './sync.ts';

/** Where time comes from: `now()` in ms since the epoch, and a repeating tick for the views. */
export interface Clock {
  now(): number;
  /** Call `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  },
};

export interface SessionOptions {
  scenario: Scenario;
  sessionId: string;
  role: WindowRole;
  store?: SessionStore;
  /** Opens the sync channel; defaults to BroadcastChannel. Return null to run without sync. */
  channel?: ChannelFactory;
  clock?: Clock;
  /** This window's id (random by default). */
  windowId?: string;
}

export interface Revision {
  seq: number;
  origin: string;
}

function randomPart(length: number): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A session id that reads well in a URL and a list: `20250314-0930-k7qm`. */
export function newSessionId(now: number): string {
  const d = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}-${randomPart(4)}`;
}

export class FacilitatorSession {
  readonly scenario: Scenario;
  readonly id: string;
  readonly role: WindowRole;
  readonly windowId: string;
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly #machine;
  #snapshot: SessionSnapshot | null = null;
  #revision: Revision | null = null;
  #problems: string[] = [];
  #peers: Peer[] = [];
  #endpoint: SyncEndpoint | null = null;
  readonly #listeners = new Set<() => void>();

  /** Start a new session as the control window: saved and announced at once. */
  static create(
    options: Omit<SessionOptions, 'sessionId' | 'role'> & { input: Omit<SessionInput, 'id' | 'scenarioId' | 'at'> & { id?: string } },
  ): FacilitatorSession {
    const clock = options.clock ?? systemClock;
    const at = clock.now();
    const id = options.input.id ?? newSessionId(at);
    const machine = createSessionMachine(options.scenario);
    const [snapshot] = initialTransition(machine, { seed: newSeed(), ...options.input, id, scenarioId: options.scenario.id, at });
    return new FacilitatorSession({ ...options, sessionId: id, role: 'control' }, snapshot);
  }

  /** Open an existing session: from the store if it is there, and from the other windows in any case. */
  constructor(options: SessionOptions, initial?: SessionSnapshot) {
    this.scenario = options.scenario;
    this.id = options.sessionId;
    this.role = options.role;
    this.windowId = options.windowId ?? `w-${randomPart(8)}`;
    this.store = options.store ?? new SessionStore();
    this.clock = options.clock ?? systemClock;
    this.#machine = createSessionMachine(this.scenario);
    if (initial) {
      this.#snapshot = initial;
      this.#revision = { seq: 1, origin: this.windowId };
      this.#save();
    } else {
      this.#loadStored();
    }
    const channel = (options.channel ?? browserChannel)(channelName(this.id));
    if (channel) {
      this.#endpoint = new SyncEndpoint(
        channel,
        { id: this.windowId, role: this.role, session: this.id, now: () => this.clock.now() },
        {
          onState: (state) => this.#adopt(state),
          current: () => this.#persisted(),
          onPeers: (peers) => {
            this.#peers = peers;
            this.#notify();
          },
          onProblem: (message) => this.#problem(message),
        },
      );
      if (initial) this.#endpoint.publish(this.#persisted()!);
      this.#endpoint.hello();
    }
  }

  /** The session's state, or null while this window waits to receive it. */
  get snapshot(): SessionSnapshot | null {
    return this.#snapshot;
  }

  get revision(): Revision | null {
    return this.#revision;
  }

  /** Things the user should know (unreadable saved data, ignored messages), oldest first. */
  get problems(): readonly string[] {
    return this.#problems;
  }

  /** The session's other open windows. */
  get peers(): readonly Peer[] {
    return this.#peers;
  }

  /** How many messages from other windows were ignored because their revision number could not be believed. */
  get ignoredMessages(): number {
    return this.#endpoint?.ignored ?? 0;
  }

  /** Whether the windows can talk to each other at all. */
  get synced(): boolean {
    return this.#endpoint !== null;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Whether the session would act on `command` now. */
  can(command: SessionCommand): boolean {
    return this.role === 'control' && this.#snapshot !== null && this.#snapshot.can({ ...command, at: this.clock.now() } as SessionEvent);
  }

  /** Act on a facilitator's command. Returns false when it does not apply now (or this is a presenter window). */
  send(command: SessionCommand): boolean {
    if (!this.#snapshot || this.role !== 'control') return false;
    const event = { ...command, at: this.clock.now() } as SessionEvent;
    if (!this.#snapshot.can(event)) return false;
    const [next] = transition(this.#machine, this.#snapshot, event);
    if (next === this.#snapshot) return false;
    this.#snapshot = next;
    this.#revision = { seq: (this.#revision?.seq ?? 0) + 1, origin: this.windowId };
    this.#save();
    this.#endpoint?.publish(this.#persisted()!);
    this.#notify();
    return true;
  }

  /** Ask the other windows for the session again (a waiting window calls this now and then). */
  retry(): void {
    if (!this.#snapshot) this.#loadStored();
    this.#endpoint?.hello();
    this.#notify();
  }

  /** The page is being hidden or unloaded: let the other windows know (`retry()` announces it again). */
  leave(): void {
    this.#endpoint?.leave();
  }

  dismissProblems(): void {
    this.#problems = [];
    this.#notify();
  }

  close(): void {
    this.#endpoint?.close();
    this.#endpoint = null;
    this.#listeners.clear();
  }

  #persisted(): PersistedSession | null {
    if (!this.#snapshot || !this.#revision) return null;
    return toPersisted(this.scenario, this.#snapshot, this.#revision.seq, this.#revision.origin, this.clock.now());
  }

  #loadStored(): void {
    const result = this.store.load(this.id);
    if (result.status === 'unreadable') this.#problem(result.message);
    if (result.status === 'found') this.#adopt(result.session, false);
  }

  /** Take a state from storage or another window when it is newer than ours. */
  #adopt(state: PersistedSession, save = true): void {
    if (this.#revision && compareRevisions(state, this.#revision) <= 0) return; // stale or a duplicate
    const restored = restoreSnapshot(this.scenario, state);
    if (!restored.ok) {
      this.#problem(`The session "${this.id}" could not be restored: ${restored.message}.`);
      return;
    }
    this.#snapshot = restored.value;
    this.#revision = { seq: state.seq, origin: state.origin };
    if (save) this.#save();
    this.#notify();
  }

  #save(): void {
    const persisted = this.#persisted();
    if (!persisted) return;
    const result = this.store.save(persisted);
    if (!result.ok) this.#problem(result.message);
  }

  #problem(message: string): void {
    if (!this.#problems.includes(message)) this.#problems = [...this.#problems, message];
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
