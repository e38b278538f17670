/**
 * Runes bridge from a {@link RoomPhone} to the join page. socket.io-client is imported here, on demand: this
 * module is reached only from the lazily loaded join page.
 */
import { io } from 'socket.io-client';
import { RoomPhone, type PhoneStatus } from '../../lib/room/phone.ts';
import type { Refusal, RoundView, TeamSide } from '../../lib/room/protocol.ts';
import { browserStorage } from '../../lib/persistence/storage.ts';

export class PhoneView {
  readonly phone: RoomPhone;
  status = $state<PhoneStatus>('named');
  online = $state(false);
  round = $state.raw<RoundView | null>(null);
  received = $state<string | null>(null);
  sending = $state<string | null>(null);
  refusal = $state<Refusal | null>(null);
  teams = $state.raw<RoundView['teams']>(null);
  profile = $state.raw<{ name: string; team: TeamSide | null } | null>(null);

  constructor(code: string, server = location.origin) {
    // Phones hold the vote across reloads in their own storage; the server counts a resent vote once.
    this.phone = new RoomPhone({
      socket: io(server, { reconnectionDelayMax: 3_000 }),
      code,
      storage: browserStorage().storage,
      onchange: () => this.#read(),
    });
    this.#read();
  }

  join(name: string, team: TeamSide | null): Promise<void> {
    return this.phone.join(name, team);
  }

  vote(option: string): Promise<boolean> {
    return this.phone.vote(option);
  }

  close(): void {
    this.phone.close();
  }

  #read(): void {
    const p = this.phone;
    this.status = p.status;
    this.online = p.online;
    this.round = p.round;
    this.received = p.received;
    this.sending = p.sending;
    this.refusal = p.refusal;
    this.teams = p.teams;
    this.profile = p.profile;
  }
}
