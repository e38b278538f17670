/** Real Socket.IO clients against a real room server, for the room's integration tests and the bench. */
import { io, type Socket } from 'socket.io-client';
import { RoomHost } from '../../src/lib/room/host.ts';
import { RoomPhone } from '../../src/lib/room/phone.ts';
import type { RoundView, Tally } from '../../src/lib/room/protocol.ts';
import { memoryStorage, type KeyValueStorage } from '../../src/lib/persistence/storage.ts';

/** A socket that reconnects quickly (tests wait on conditions, so quick retries keep them short). */
export function connect(url: string): Socket {
  return io(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 200 });
}

const sockets = new WeakMap<RoomPhone, Socket>();

export function phone(url: string, code: string, storage: KeyValueStorage = memoryStorage()): RoomPhone {
  const socket = connect(url);
  const made = new RoomPhone({ socket, code, storage, rejoinMs: 50 });
  sockets.set(made, socket);
  return made;
}

/** Drop a phone's connection as a network would (it reconnects by itself). */
export function dropConnection(p: RoomPhone): void {
  sockets.get(p)?.io.engine.close();
}

export function host(url: string, code: string, secret: string, ontally?: (tally: Tally) => void): RoomHost {
  return new RoomHost({ socket: connect(url), code, secret, ...(ontally ? { ontally } : {}) });
}

export function round(key: string, open = true, extra: Partial<RoundView> = {}): RoundView {
  return {
    key,
    title: 'Phone screen',
    speaker: 'Dana, hiring manager',
    text: ['Tell me about yourself.'],
    options: ['choice.a', 'choice.b', 'choice.c'].map((id) => ({ id, label: `Answer ${id.slice(-1)}` })),
    open,
    team: null,
    teams: null,
    chosen: null,
    ...extra,
  };
}
