/**
 * A phone in the room: joins with a pseudonym (and a team), follows the round the server shows, votes and
 * changes its vote while the round is open. It keeps who it is and its vote in the phone's storage, so after
 * a reconnect or a reload it joins again as the same participant and sends its vote for the open round
 * again; the server counts it once. Pure TypeScript over a Socket.IO client socket that the caller makes
 * (the app loads socket.io-client on demand; tests pass a real one).
 */
import type { Socket } from 'socket.io-client';
import type { KeyValueStorage } from '../persistence/storage.ts';
import { roundViewSchema, type JoinReply, type Refusal, type Reply, type RoundView, type TeamSide } from './protocol.ts';

/** Where the phone stands: not yet named, connecting, in the room, or refused (with the reason). */
export type PhoneStatus = 'named' | 'connecting' | 'joined' | 'refused';

interface Saved {
  participant: string;
  name: string;
  team: TeamSide | null;
  /** The last vote this phone gave, for the round it was given in. */
  vote: { round: string; option: string } | null;
}

/** How long a phone waits before asking again when the room is unknown (the server may have just restarted), ms. */
export const REJOIN_MS = 1_500;

export function newParticipantId(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export interface PhoneOptions {
  socket: Socket;
  code: string;
  storage: KeyValueStorage;
  /** Called after every change. */
  onchange?: () => void;
  /** Wait before asking again for an unknown room, ms (default {@link REJOIN_MS}, plus up to as much again at random). */
  rejoinMs?: number;
}

export class RoomPhone {
  readonly code: string;
  status: PhoneStatus = 'named';
  round: RoundView | null = null;
  /** The option the server confirmed for the current round. */
  received: string | null = null;
  /** The option sent and not yet confirmed. */
  sending: string | null = null;
  /** Why the last join or vote was refused, or null. */
  refusal: Refusal | null = null;
  /** Whether the connection is up. */
  online = false;
  /** The teams' names, when the session plays in teams (a team must be picked to join). */
  teams: RoundView['teams'] = null;
  readonly #socket: Socket;
  readonly #storage: KeyValueStorage;
  readonly #onchange: () => void;
  #saved: Saved | null;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #joining: Promise<void> = Promise.resolve();
  #roundWhileJoining = false;
  readonly #rejoinMs: number;

  constructor(options: PhoneOptions) {
    this.code = options.code;
    this.#socket = options.socket;
    this.#storage = options.storage;
    this.#onchange = options.onchange ?? (() => {});
    this.#saved = this.#load();
    this.#rejoinMs = options.rejoinMs ?? REJOIN_MS;
    this.#socket.on('connect', () => {
      this.online = true;
      if (this.#saved) this.#joining = this.#join();
      this.#onchange();
    });
    this.#socket.on('disconnect', () => {
      this.online = false;
      if (this.status === 'joined') this.status = 'connecting';
      this.#onchange();
    });
    this.#socket.on('round', (data: unknown) => {
      const parsed = roundViewSchema.safeParse(data);
      this.#show(parsed.success ? parsed.data : null, undefined);
      if (this.status === 'joined') void this.#resend();
      // The join's answer may have been read before this round was published: ask again after it.
      else this.#roundWhileJoining = true;
    });
    if (this.#saved) this.status = 'connecting';
  }

  /** The name (and team) this phone joined with before, if any. */
  get profile(): { name: string; team: TeamSide | null } | null {
    return this.#saved ? { name: this.#saved.name, team: this.#saved.team } : null;
  }

  /** This phone's participant id (stable across reconnects and reloads). */
  get participant(): string | null {
    return this.#saved?.participant ?? null;
  }

  /** Join (or join again under another name or team). */
  join(name: string, team: TeamSide | null): Promise<void> {
    this.#saved = { participant: this.#saved?.participant ?? newParticipantId(), name: name.trim(), team, vote: this.#saved?.vote ?? null };
    this.#save();
    this.status = 'connecting';
    this.#onchange();
    if (this.#socket.connected) return (this.#joining = this.#join());
    // Joins once connected (the `connect` handler, registered first, starts the join).
    return new Promise((done) => this.#socket.once('connect', () => void this.#joining.then(done)));
  }

  /** Vote for `option` in the open round (or change the vote). Resolves once the server answered. */
  async vote(option: string): Promise<boolean> {
    const round = this.round;
    if (!round || !this.#saved) return false;
    this.#saved = { ...this.#saved, vote: { round: round.key, option } };
    this.#save();
    return this.#send(round.key, option);
  }

  close(): void {
    clearTimeout(this.#retry);
    this.#socket.disconnect();
  }

  async #send(round: string, option: string): Promise<boolean> {
    this.sending = option;
    this.refusal = null;
    this.#onchange();
    let reply: Reply;
    try {
      reply = (await this.#socket.timeout(10_000).emitWithAck('phone.vote', { round, option })) as Reply;
    } catch {
      // No answer (the connection dropped): the vote is sent again after reconnecting.
      this.sending = null;
      this.#onchange();
      return false;
    }
    if (this.round?.key !== round) return false;
    this.sending = null;
    if (reply.ok) this.received = option;
    else this.refusal = reply.error;
    this.#onchange();
    return reply.ok;
  }

  async #join(): Promise<void> {
    const saved = this.#saved;
    if (!saved || !this.#socket.connected) return;
    clearTimeout(this.#retry);
    this.#roundWhileJoining = false;
    let reply: JoinReply;
    try {
      reply = (await this.#socket.timeout(10_000).emitWithAck('phone.join', {
        code: this.code,
        participant: saved.participant,
        name: saved.name,
        ...(saved.team ? { team: saved.team } : {}),
      })) as JoinReply;
    } catch {
      // No answer: a busy server, or the connection dropped (then `connect` joins again).
      if (this.#socket.connected) this.#retry = setTimeout(() => void this.#join(), this.#rejoinMs * (1 + Math.random()));
      return;
    }
    if (!reply.ok) {
      this.refusal = reply.error;
      if (reply.teams) this.teams = reply.teams;
      // A room the server does not know may be on its way back (the server restarted): ask again shortly.
      if (reply.error === 'unknown-room' && this.status !== 'named') this.#retry = setTimeout(() => void this.#join(), this.#rejoinMs * (1 + Math.random()));
      this.status = reply.error === 'unknown-room' || reply.error === 'pick-a-team' ? this.status : 'refused';
      if (reply.error === 'pick-a-team') this.status = 'named';
      this.#onchange();
      return;
    }
    this.status = 'joined';
    this.refusal = null;
    if (this.#roundWhileJoining) return this.#join();
    this.#show(reply.round, reply.vote);
    await this.#resend();
  }

  /**
   * Send again the vote given for the open round when the server does not have it: after a reconnect, or
   * when a restarted server learns the round again from the facilitator. The server counts it once.
   */
  async #resend(): Promise<void> {
    const mine = this.#saved?.vote;
    const round = this.round;
    if (round?.open && mine && mine.round === round.key && this.received !== mine.option && this.sending === null) await this.#send(mine.round, mine.option);
  }

  /** Show a round; `vote` is the server's record of this phone's vote (from a join), undefined when unknown. */
  #show(round: RoundView | null, vote: string | null | undefined): void {
    const sameRound = round !== null && round.key === this.round?.key;
    this.round = round;
    if (round) this.teams = round.teams;
    if (vote !== undefined) this.received = vote;
    else if (!sameRound) this.received = null;
    if (!sameRound) this.sending = null;
    this.#onchange();
  }

  #key(): string {
    return `osotd:v1:room:${this.code}`;
  }

  #load(): Saved | null {
    try {
      const raw = this.#storage.getItem(this.#key());
      const saved = raw ? (JSON.parse(raw) as Saved) : null;
      return saved && typeof saved.participant === 'string' && typeof saved.name === 'string' ? saved : null;
    } catch {
      return null;
    }
  }

  #save(): void {
    try {
      this.#storage.setItem(this.#key(), JSON.stringify(this.#saved));
    } catch {
      // Private mode or a full storage: the phone still votes; a reload then joins as someone new.
    }
  }
}
