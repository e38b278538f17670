/**
 * The control window's link to a room server: phones join the room and vote; their count becomes the
 * ballot's votes. The link publishes what the phones see after every change of the session, claims the room
 * again (restoring it) when the server comes back, and closes a vote only after the server closed it, so
 * the final count is the server's. When no server answers, the session goes on with hand-counted votes.
 * socket.io-client is loaded here on demand, never on the app's first load.
 */
import { RoomHost } from '../../lib/room/host.ts';
import { roundViewOf } from '../../lib/room/round.ts';
import type { RoundView, Tally } from '../../lib/room/protocol.ts';
import type { SessionCommand } from '../../lib/facilitator/session-machine.ts';
import type { SessionView } from './session.svelte.ts';

/** Off, looking for the server, connected, reconnecting, or failed (with `message`). */
export type RoomStatus = 'off' | 'opening' | 'live' | 'reconnecting' | 'failed';

interface Credentials {
  server: string;
  code: string;
  secret: string;
  /** The address phones use (the server's network address). */
  url: string;
}

/** How long a closing vote waits for the server's final count, ms. */
const CLOSE_WAIT_MS = 2_000;

export class RoomConnection {
  status = $state<RoomStatus>('off');
  message = $state('');
  tally = $state.raw<Tally | null>(null);
  readonly #view: SessionView;
  #host: RoomHost | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(view: SessionView) {
    this.#view = view;
  }

  /** The room's code and join address, when open. */
  get link() {
    return this.#view.context?.room ?? null;
  }

  /**
   * Open the room on the server at `server` (default: the one serving this page). Without a code and key,
   * the server running on this computer gives its room; a room this session used before is taken up again.
   */
  async open(server = location.origin, given?: { code: string; secret: string }): Promise<void> {
    this.status = 'opening';
    this.message = '';
    let credentials: Credentials;
    try {
      credentials = given ? { server, ...given, url: server } : (this.#remembered(server) ?? (await this.#ask(server)));
    } catch {
      this.status = 'failed';
      this.message = `No room server answered at ${server}. Start one with "npm run room" on this computer, or enter the code and key it printed. Until then, count hands as usual.`;
      return;
    }
    let io: typeof import('socket.io-client').io;
    try {
      ({ io } = await import('socket.io-client'));
    } catch {
      this.status = 'failed';
      this.message = 'The real-time client could not be loaded. Count hands as usual.';
      return;
    }
    this.#host?.close();
    const socket = io(server, { reconnectionDelayMax: 3_000 });
    this.#host = new RoomHost({
      socket,
      code: credentials.code,
      secret: credentials.secret,
      ontally: (tally) => this.#apply(tally),
      onchange: () => this.#read(),
    });
    this.#remember(credentials);
    this.#view.send({ type: 'room.link', room: { code: credentials.code, url: `${credentials.url}/#/join/${credentials.code}` } });
    this.#unsubscribe?.();
    this.#unsubscribe = this.#view.session.subscribe(() => void this.#publish());
    this.#view.intercept = (command) => this.#intercept(command);
    void this.#publish();
  }

  /** Stop taking votes from phones (the room stays on the server; phones see nothing new). */
  close(): void {
    this.#host?.close();
    this.#host = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#view.intercept = null;
    if (this.#view.context?.room) this.#view.send({ type: 'room.link', room: null });
    this.status = 'off';
    this.tally = null;
  }

  #round(): RoundView | null {
    const context = this.#view.session.snapshot?.context;
    if (!context) return null;
    return roundViewOf(this.#view.session.scenario, context, this.#view.position, this.#view.phase);
  }

  async #publish(): Promise<Tally | null> {
    return (await this.#host?.publish(this.#round())) ?? null;
  }

  /** The phones' count becomes the ballot's votes while the vote is open. */
  #apply(tally: Tally): void {
    this.tally = tally;
    const context = this.#view.session.snapshot?.context;
    const ballot = context?.ballot;
    if (!ballot || tally.round !== this.#round()?.key || this.#view.phase !== 'voting') return;
    const same = ballot.options.every((o) => (ballot.votes[o] ?? 0) === (tally.counts[o] ?? 0));
    if (same && ballot.phones?.joined === tally.joined && ballot.phones.voted === tally.voted) return;
    this.#view.session.send({ type: 'vote.phones', votes: tally.counts, joined: tally.joined, voted: tally.voted });
  }

  /** Closing a vote: the server closes it first, so no phone's vote arrives after the count. */
  #intercept(command: SessionCommand): boolean {
    if (command.type !== 'vote.close' || !this.#host?.live) return false;
    const round = this.#round();
    if (!round) return false;
    void (async () => {
      const final = await Promise.race([
        this.#host?.publish({ ...round, open: false }),
        new Promise<null>((done) => setTimeout(() => done(null), CLOSE_WAIT_MS)),
      ]);
      if (final) this.#apply(final);
      this.#view.session.send(command);
    })();
    return true;
  }

  #read(): void {
    const host = this.#host;
    if (!host) return;
    this.status = host.live ? 'live' : host.status === 'refused' ? 'failed' : this.status === 'opening' ? 'opening' : 'reconnecting';
    if (host.status === 'refused') this.message = 'The room server refused the key. Open the room again.';
    if (host.live) void this.#publish();
  }

  async #ask(server: string): Promise<Credentials> {
    const response = await fetch(`${server}/room/host`, { cache: 'no-store' });
    if (!response.ok) throw new Error(String(response.status));
    const body = (await response.json()) as { code: string; secret: string; url: string };
    return { server, code: String(body.code), secret: String(body.secret), url: String(body.url) };
  }

  #storageKey(): string {
    return `osotd:v1:room-key:${this.#view.session.id}`;
  }

  /** The room this session used on `server`, so a reload or a restarted server keeps the same code. */
  #remembered(server: string): Credentials | null {
    try {
      const saved = JSON.parse(sessionStorage.getItem(this.#storageKey()) ?? 'null') as Credentials | null;
      return saved && saved.server === server ? saved : null;
    } catch {
      return null;
    }
  }

  #remember(credentials: Credentials): void {
    try {
      sessionStorage.setItem(this.#storageKey(), JSON.stringify(credentials));
    } catch {
      // Without session storage, a reload asks the server for its room again.
    }
  }
}
