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

export const browserChannel: ChannelFactory = (name) =>
  typeof BroadcastChannel === 'function' ? (new BroadcastChannel(name) as unknown as ChannelLike) : null;

export const channelName = (sessionId: string) => `${PROTOCOL}:${sessionId}`;

interface Envelope {
  protocol: typeof PROTOCOL;
  v: typeof PROTOCOL_VERSION;
  session: string;
  /** The sending window's id. */
  from: string;
  role: WindowRole;
}
export type SyncMessage =
  | (Envelope & { kind: 'hello' })
  | (Envelope & { kind: 'bye' })
  | (Envelope & { kind: 'state'; state: PersistedSession });

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
  /** A message that claimed to be ours but could not be read. */
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

  constructor(channel: ChannelLike, options: { id: string; role: WindowRole; session: string; now?: () => number }, handlers: SyncHandlers) {
    this.#channel = channel;
    this.id = options.id;
    this.role = options.role;
    this.session = options.session;
    this.#now = options.now ?? Date.now;
    this.#handlers = handlers;
    channel.addEventListener('message', this.#listener);
  }

  get peers(): Peer[] {
    return [...this.#peers.values()];
  }

  hello(): void {
    this.#post({ kind: 'hello' });
  }

  publish(state: PersistedSession): void {
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
      if (current) this.publish(current);
    } else if (message.kind === 'state') {
      const parsed = parsePersisted(message.state);
      if (!parsed.ok) this.#handlers.onProblem?.(`A message from another window was ignored: ${parsed.message}.`);
      else if (parsed.value.context.id !== this.session) this.#handlers.onProblem?.('A message for another session was ignored.');
      else this.#handlers.onState(parsed.value, message.from);
    }
  }
}
