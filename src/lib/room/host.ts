/**
 * The facilitator's hold on a room: claims it with the secret, publishes what the phones see, and hears the
 * tally. After every (re)connection it claims the room again, asking the server to make it afresh when it no
 * longer knows it (a restarted server), and publishes the current round again. Pure TypeScript over a
 * Socket.IO client socket made by the caller.
 */
import type { Socket } from 'socket.io-client';
import { tallySchema, type HostReply, type Refusal, type RoundView, type Tally } from './protocol.ts';

/** Connecting, holding the room, or refused (a wrong secret). */
export type HostStatus = 'connecting' | 'live' | 'refused';

export interface HostOptions {
  socket: Socket;
  code: string;
  secret: string;
  /** Told every tally (the server sends them at most every few tens of milliseconds). */
  ontally?: (tally: Tally) => void;
  onchange?: () => void;
}

export class RoomHost {
  readonly code: string;
  status: HostStatus = 'connecting';
  refusal: Refusal | null = null;
  tally: Tally | null = null;
  readonly #socket: Socket;
  readonly #secret: string;
  readonly #ontally: (tally: Tally) => void;
  readonly #onchange: () => void;
  /** What the phones should see; undefined until the session says. */
  #round: RoundView | null | undefined = undefined;
  #sent = '';

  constructor(options: HostOptions) {
    this.code = options.code;
    this.#socket = options.socket;
    this.#secret = options.secret;
    this.#ontally = options.ontally ?? (() => {});
    this.#onchange = options.onchange ?? (() => {});
    this.#socket.on('connect', () => void this.#claim());
    this.#socket.on('disconnect', () => {
      this.status = 'connecting';
      this.#sent = '';
      this.#onchange();
    });
    this.#socket.on('tally', (data: unknown) => {
      const parsed = tallySchema.safeParse(data);
      if (parsed.success) this.#take(parsed.data);
    });
    if (this.#socket.connected) void this.#claim();
  }

  get live(): boolean {
    return this.status === 'live';
  }

  /**
   * Show `round` on the phones. Sent at once when connected (unless unchanged), else after reconnecting.
   * Resolves with the tally after the server applied it, or null when it could not be sent.
   */
  async publish(round: RoundView | null): Promise<Tally | null> {
    this.#round = round;
    const json = JSON.stringify(round);
    if (!this.live || json === this.#sent) return this.live ? this.tally : null;
    this.#sent = json;
    try {
      const reply = (await this.#socket.timeout(5_000).emitWithAck('host.publish', round)) as HostReply;
      if (!reply.ok) {
        this.#sent = '';
        return null;
      }
      this.#take(reply.tally);
      return reply.tally;
    } catch {
      this.#sent = '';
      return null;
    }
  }

  close(): void {
    this.#socket.disconnect();
  }

  async #claim(): Promise<void> {
    let reply: HostReply;
    try {
      reply = (await this.#socket.timeout(5_000).emitWithAck('host.claim', { code: this.code, secret: this.#secret, restore: true })) as HostReply;
    } catch {
      return;
    }
    if (!reply.ok) {
      this.status = 'refused';
      this.refusal = reply.error;
      this.#onchange();
      return;
    }
    this.status = 'live';
    this.refusal = null;
    this.#take(reply.tally);
    this.#onchange();
    if (this.#round !== undefined) await this.publish(this.#round);
  }

  #take(tally: Tally): void {
    this.tally = tally;
    this.#ontally(tally);
    this.#onchange();
  }
}
