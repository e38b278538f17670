/**
 * The sync protocol between the windows of one session (BroadcastChannel, or a fake in tests).
 *
 * Every window keeps the whole session and a revision `{ seq, origin }`. A change bumps `seq` and is sent
 * as the full state, so a message never depends on an earlier one:
 * - `hello`: a window opened or reloaded; every window that has the session answers with `state`.
 * - `state`: the session at a revision. A window takes it only when it is newer than its own (higher `seq`,
 *   or equal `seq` and higher `origin`); an older or equal revision is stale or a duplicate and is ignored.
 *   Two control windows that change the session at once therefore agree on one of the two changes: the
 *   session never forks.
 * - `bye`: a window closed.
 *
 * A revision's `seq` must also be believable (`sequenceProblem`): a safe whole number no higher than
 * `MAX_SEQUENCE`, and less than `MAX_SEQUENCE_JUMP` (plus a little for the time that passed) above the
 * revision this window holds. Anything else (a damaged or forged message, e.g. `seq` 2^53−1, after which
 * no later change could be numbered) is ignored, counted and reported, never adopted: adopting it would
 * leave every window unable to take the next real change.
 */
import { parsePersisted, type PersistedSession } from './persist.ts';

export const PROTOCOL = 'osotd-facilitator';
export const PROTOCOL_VERSION = 1;

export type WindowRole = 'control' | 'presenter';

/** The part of BroadcastChannel the sync uses; tests pass a fake. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** Opens the channel for a session; null when the browser has no BroadcastChannel. */
export type ChannelFactory = (name: string) => ChannelLike | null;

export const browserChannel: ChannelFactory = (name) => {
  if (typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(name);
  return {
    postMessage: (message) => channel.postMessage(message),
    addEventListener: (type, listener) => channel.addEventListener(type, listener),
    removeEventListener: (type, listener) => channel.removeEventListener(type, listener),
    close: () => channel.close(),
  };
};

export const channelName = (sessionId: string) => `${PROTOCOL}:${sessionId}`;

/** The highest revision number a session can reach (2^31 − 1: far beyond any real session's changes). */
export const MAX_SEQUENCE = 2 ** 31 - 1;
/**
 * A received revision this far or further ahead of this window's is refused (a few lost messages are
 * caught up; a thousand changes at once are not a real session's).
 */
export const MAX_SEQUENCE_JUMP = 1_000;
/** The jump allowed grows by one per this many ms since this window last changed or took a revision. */
export const SEQUENCE_JUMP_MS = 100;

/** Words for the user when a received revision number was ignored. */
export const IGNORED_SEQUENCE =
  'A message from another window was ignored: its change number is not one this session could reach. If the windows show different things, reload the other window.';

/**
 * Why a received revision number cannot be believed, or null when it can. `current` is the revision this
 * window holds (null while it waits for one); a revision `allowedJump` or more ahead of it is refused.
 */
export function sequenceProblem(seq: number, current: number | null, allowedJump = MAX_SEQUENCE_JUMP): string | null {
  if (!Number.isSafeInteger(seq) || seq < 0) return 'not a safe whole number';
  if (seq > MAX_SEQUENCE) return `above ${MAX_SEQUENCE}`;
  if (current !== null && seq - current >= allowedJump) return `${allowedJump} or more ahead of ${current}`;
  return null;
}

interface Envelope {
  protocol: typeof PROTOCOL;
  v: typeof PROTOCOL_VERSION;
  session: string;
  /** The sending window's id. */
  from: string;
  role: WindowRole;
}
export type SyncMessage = (Envelope & { kind: 'hello' }) | (Envelope & { kind: 'bye' }) | (Envelope & { kind: 'state'; state: PersistedSession });

export interface Peer {
  id: string;
  role: WindowRole;
  /** When this window last heard from it (ms since the epoch). */
  seenAt: number;
}

export interface SyncHandlers {
  /** The session as another window has it; the receiver decides whether it is newer. */
  onState(state: PersistedSession, from: string): void;
  /** The session this window has now, to answer a `hello`; null while it has none. */
  current(): PersistedSession | null;
  /** Called when the set of other windows changes. */
  onPeers?(peers: Peer[]): void;
  /** A message that claimed to be ours but could not be read, or was ignored. */
  onProblem?(message: string): void;
}

/** One window's end of the channel. */
export class SyncEndpoint {
  readonly id: string;
  readonly role: WindowRole;
  readonly session: string;
  readonly #channel: ChannelLike;
  readonly #handlers: SyncHandlers;
  readonly #now: () => number;
  readonly #peers = new Map<string, Peer>();
  readonly #listener = (event: { data: unknown }) => this.#receive(event.data);
  #closed = false;
  #ignored = 0;
  /** When this window last made a change or took a revision (ms), for the allowed jump. */
  #revisedAt: number;

  constructor(channel: ChannelLike, options: { id: string; role: WindowRole; session: string; now?: () => number }, handlers: SyncHandlers) {
    this.#channel = channel;
    this.id = options.id;
    this.role = options.role;
    this.session = options.session;
    this.#now = options.now ?? Date.now;
    this.#handlers = handlers;
    this.#revisedAt = this.#now();
    channel.addEventListener('message', this.#listener);
  }

  get peers(): Peer[] {
    return [...this.#peers.values()];
  }

  /** How many session states were ignored because their revision number could not be believed. */
  get ignored(): number {
    return this.#ignored;
  }

  hello(): void {
    this.#post({ kind: 'hello' });
  }

  publish(state: PersistedSession): void {
    this.#revisedAt = this.#now();
    this.#post({ kind: 'state', state });
  }

  /** Tell the other windows this one is going (the page is being hidden); a later `hello` brings it back. */
  leave(): void {
    this.#post({ kind: 'bye' });
  }

  close(): void {
    if (this.#closed) return;
    this.#post({ kind: 'bye' });
    this.#closed = true;
    this.#channel.removeEventListener('message', this.#listener);
    this.#channel.close();
  }

  #post(body: { kind: 'hello' } | { kind: 'bye' } | { kind: 'state'; state: PersistedSession }): void {
    if (this.#closed) return;
    const message = { protocol: PROTOCOL, v: PROTOCOL_VERSION, session: this.session, from: this.id, role: this.role, ...body } as SyncMessage;
    try {
      this.#channel.postMessage(message);
    } catch {
      this.#handlers.onProblem?.('The other windows could not be told about the last change.');
    }
  }

  #receive(data: unknown): void {
    if (this.#closed || !data || typeof data !== 'object') return;
    const message = data as Partial<SyncMessage>;
    // Not ours, or for another session: ignore quietly.
    if (message.protocol !== PROTOCOL || message.session !== this.session || typeof message.from !== 'string' || message.from === this.id) return;
    if (message.v !== PROTOCOL_VERSION) {
      this.#handlers.onProblem?.('Another window runs a different version of the app; reload it so both match.');
      return;
    }
    const role: WindowRole = message.role === 'presenter' ? 'presenter' : 'control';
    if (message.kind === 'bye') {
      this.#peers.delete(message.from);
      this.#handlers.onPeers?.(this.peers);
      return;
    }
    const known = this.#peers.has(message.from);
    this.#peers.set(message.from, { id: message.from, role, seenAt: this.#now() });
    if (!known) this.#handlers.onPeers?.(this.peers);
    if (message.kind === 'hello') {
      const current = this.#handlers.current();
      // An answer, not a change: it does not move `#revisedAt`.
      if (current) this.#post({ kind: 'state', state: current });
    } else if (message.kind === 'state') {
      // Checked before parsing: a number the session could never reach is refused whatever else it holds.
      const seq = (message.state as { seq?: unknown } | null | undefined)?.seq;
      if (typeof seq === 'number' && this.#unbelievable(seq)) {
        this.#ignored++;
        this.#handlers.onProblem?.(IGNORED_SEQUENCE);
        return;
      }
      const parsed = parsePersisted(message.state);
      if (!parsed.ok) this.#handlers.onProblem?.(`A message from another window was ignored: ${parsed.message}.`);
      else if (parsed.value.context.id !== this.session) this.#handlers.onProblem?.('A message for another session was ignored.');
      else {
        if (parsed.value.seq > (this.#handlers.current()?.seq ?? -1)) this.#revisedAt = this.#now();
        this.#handlers.onState(parsed.value, message.from);
      }
    }
  }

  #unbelievable(seq: number): boolean {
    const current = this.#handlers.current()?.seq ?? null;
    const allowed = MAX_SEQUENCE_JUMP + Math.floor(Math.max(0, this.#now() - this.#revisedAt) / SEQUENCE_JUMP_MS);
    return sequenceProblem(seq, current, allowed) !== null;
  }
}
