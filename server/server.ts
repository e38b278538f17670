/**
 * The room server: the built app and Socket.IO on one port. Handlers stay thin: each message is measured,
 * rate-limited, parsed with the shared zod schemas (src/lib/room/protocol.ts) and handed to the store, which
 * applies the room's rules (src/lib/room/state.ts). What is dropped is counted in `stats`.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import * as z from 'zod/mini';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  hostRequestSchema,
  joinRequestSchema,
  MAX_HOST_MESSAGE,
  MAX_PHONE_MESSAGE,
  messageSize,
  publishSchema,
  voteRequestSchema,
  type Refusal,
} from '../src/lib/room/protocol.ts';
import { MemoryStore, RedisStore, type RoomStore } from './store.ts';

export interface RoomServerOptions {
  port?: number;
  host?: string;
  /** Redis URL: rooms are kept in Redis and shared by every server using it. */
  redis?: string;
  /** Folder of the built app to serve (none: only the real-time server). */
  dist?: string;
  /** The address phones use, e.g. `http://192.168.1.20:8080` (default: the server's own). */
  publicUrl?: string;
  /** After a start, failed joins are not limited for this long, so phones can find a room the facilitator restores (ms). */
  graceMs?: number;
  /** Messages a connection may send per second on average, and in one burst. */
  rate?: { perSecond: number; burst: number };
}

/** What the server dropped or refused, by reason. */
export interface RoomStats {
  dropped: { malformed: number; oversized: number; flooding: number };
  refused: { secret: number; join: number; vote: number };
  votes: number;
  connections: number;
}

export interface RoomServer {
  port: number;
  /** The address phones open (the join page is `<url>/#/join/<code>`). */
  url: string;
  /** The room made at start: its code and the facilitator's secret. */
  code: string;
  secret: string;
  stats: RoomStats;
  /** Stop. Connected clients see the connection drop and try again (as after a crash). */
  close(): Promise<void>;
}

const FAILED_JOINS_PER_MINUTE = 20;
const FLOOD_DISCONNECT = 200;
const TALLY_EVERY_MS = 40;

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
export const newCode = () => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
export const newSecret = () => randomBytes(32).toString('base64url');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const isLoopback = (address: string | undefined) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

function serveFile(dist: string, req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const root = resolve(dist);
  let file = normalize(join(root, path));
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('The app is not built: run npm run build.');
    return;
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
}

/** A token bucket: `take()` is false when the connection sends faster than allowed. */
function bucket(perSecond: number, burst: number) {
  let tokens = burst;
  let last = Date.now();
  return () => {
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * perSecond);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

type Ack = (reply: unknown) => void;

export async function startRoomServer(options: RoomServerOptions = {}): Promise<RoomServer> {
  const stats: RoomStats = { dropped: { malformed: 0, oversized: 0, flooding: 0 }, refused: { secret: 0, join: 0, vote: 0 }, votes: 0, connections: 0 };
  const startedAt = Date.now();
  const graceMs = options.graceMs ?? 60_000;
  const rate = options.rate ?? { perSecond: 5, burst: 20 };

  const redisClients: ReturnType<typeof createClient>[] = [];
  let store: RoomStore = new MemoryStore();
  let adapter: ReturnType<typeof createAdapter> | undefined;
  if (options.redis) {
    const pub = createClient({ url: options.redis });
    const sub = pub.duplicate();
    const data = pub.duplicate();
    for (const client of [pub, sub, data]) client.on('error', (error: Error) => console.error(`Redis: ${error.message}`));
    await Promise.all([pub.connect(), sub.connect(), data.connect()]);
    redisClients.push(pub, sub);
    adapter = createAdapter(pub, sub);
    store = new RedisStore(data);
  }

  // The room made at start; its address is known once the server listens.
  const info = { code: newCode(), secret: newSecret(), url: '' };
  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const local = isLoopback(req.socket.remoteAddress) && ['same-origin', 'none', undefined].includes(req.headers['sec-fetch-site'] as string | undefined);
    if (path === '/room/host' || path === '/room/stats') {
      // Only the computer running the server (the facilitator's laptop) may read the secret and the figures.
      if (!local) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('Only from the computer running the room.');
      const body = path === '/room/host' ? { code: info.code, secret: info.secret, url: info.url } : { ...stats, memory: process.memoryUsage() };
      return void res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    }
    if (!options.dist) return void res.writeHead(404).end();
    serveFile(options.dist, req, res);
  });
  // Socket.IO's own limit closes a connection outright; ours (per message, below) drops and counts first.
  const io = new Server(http, { maxHttpBufferSize: 64 * 1024, cors: { origin: true }, ...(adapter ? { adapter } : {}) });

  const failedJoins = new Map<string, number[]>();
  const blocked = (address: string) => {
    const recent = (failedJoins.get(address) ?? []).filter((t) => t > Date.now() - 60_000);
    failedJoins.set(address, recent);
    return recent.length >= FAILED_JOINS_PER_MINUTE;
  };
  const failed = (address: string) => {
    if (Date.now() - startedAt >= graceMs) failedJoins.set(address, [...(failedJoins.get(address) ?? []), Date.now()]);
    stats.refused.join += 1;
  };

  const pendingTally = new Map<string, ReturnType<typeof setTimeout>>();
  let closing = false;
  const sendTally = (code: string) => {
    if (closing || pendingTally.has(code)) return;
    pendingTally.set(
      code,
      setTimeout(() => {
        pendingTally.delete(code);
        // A store that went away meanwhile (the server is stopping) has no tally to send: not an error.
        store.tally(code).then(
          (tally) => io.to(`host:${code}`).emit('tally', tally),
          () => {},
        );
      }, TALLY_EVERY_MS),
    );
  };

  io.on('connection', (socket: Socket) => {
    stats.connections += 1;
    socket.on('disconnect', () => (stats.connections -= 1));
    const address = socket.handshake.address;
    let take = bucket(rate.perSecond, rate.burst);
    let drops = 0;
    const drop = (reason: keyof RoomStats['dropped'], ack: Ack | undefined) => {
      stats.dropped[reason] += 1;
      ack?.({ ok: false, error: reason satisfies Refusal });
      if (++drops >= FLOOD_DISCONNECT) socket.disconnect(true);
    };

    /** A handler behind the checks every message passes: rate, size, shape. */
    const on = <T>(event: string, schema: z.ZodMiniType<T>, limit: number, handle: (message: T, ack: Ack) => Promise<void>) => {
      socket.on(event, (message: unknown, ack?: unknown) => {
        const reply = typeof ack === 'function' ? (ack as Ack) : undefined;
        if (!take()) return drop('flooding', reply);
        if (messageSize(message) > limit) return drop('oversized', reply);
        const parsed = schema.safeParse(message);
        if (!parsed.success || !reply) return drop('malformed', reply);
        handle(parsed.data, reply).catch((error: unknown) => {
          console.error(error);
          reply({ ok: false, error: 'busy' });
        });
      });
    };
    socket.onAny((event: string, ...args: unknown[]) => {
      if (!['phone.join', 'phone.vote', 'host.claim', 'host.publish'].includes(event))
        drop('malformed', args.find((a) => typeof a === 'function') as Ack | undefined);
    });

    on('phone.join', joinRequestSchema, MAX_PHONE_MESSAGE, async ({ code, participant, name, team }, ack) => {
      if (blocked(address)) return void ack({ ok: false, error: 'too-many-attempts' });
      const result = await store.join(code, participant, { name, team: team ?? null });
      if (!result.ok) {
        if (result.error === 'unknown-room') failed(address);
        return void ack(result);
      }
      if (socket.data.code && socket.data.code !== code) void socket.leave(`phones:${socket.data.code}`);
      socket.data = { ...socket.data, code, participant };
      await socket.join(`phones:${code}`);
      ack(result);
      sendTally(code);
    });

    on('phone.vote', voteRequestSchema, MAX_PHONE_MESSAGE, async ({ round, option }, ack) => {
      const { code, participant } = socket.data as { code?: string; participant?: string };
      if (!code || !participant) return void ack({ ok: false, error: 'not-joined' });
      const problem = await store.vote(code, participant, round, option);
      if (problem) {
        stats.refused.vote += 1;
        return void ack({ ok: false, error: problem });
      }
      stats.votes += 1;
      ack({ ok: true });
      sendTally(code);
    });

    on('host.claim', hostRequestSchema, MAX_PHONE_MESSAGE, async ({ code, secret, restore }, ack) => {
      if (blocked(address)) return void ack({ ok: false, error: 'too-many-attempts' });
      const hash = hashSecret(secret);
      let known = await store.secretHash(code);
      if (known === null && restore && (await store.create(code, hash))) known = hash;
      if (known === null) {
        failed(address);
        return void ack({ ok: false, error: 'unknown-room' });
      }
      if (known !== hash) {
        stats.refused.secret += 1;
        failed(address);
        return void ack({ ok: false, error: 'refused' });
      }
      socket.data = { ...socket.data, host: code };
      // A facilitator's control publishes every change of the session: a larger allowance than a phone's.
      take = bucket(rate.perSecond * 10, rate.burst * 5);
      await socket.join(`host:${code}`);
      ack({ ok: true, tally: await store.tally(code) });
    });

    on('host.publish', publishSchema, MAX_HOST_MESSAGE, async (round, ack) => {
      const code = (socket.data as { host?: string }).host;
      if (!code) {
        stats.refused.secret += 1;
        return void ack({ ok: false, error: 'refused' });
      }
      await store.publish(code, round);
      io.to(`phones:${code}`).emit('round', round);
      ack({ ok: true, tally: await store.tally(code) });
    });
  });

  const { code, secret } = info;
  await store.create(code, hashSecret(secret));
  await new Promise<void>((done) => http.listen(options.port ?? 0, options.host ?? '0.0.0.0', done));
  const port = (http.address() as AddressInfo).port;
  const url = options.publicUrl ?? `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`;
  info.url = url;

  return {
    port,
    url,
    code,
    secret,
    stats,
    async close() {
      closing = true;
      for (const timer of pendingTally.values()) clearTimeout(timer);
      pendingTally.clear();
      await new Promise<void>((done) => io.close(() => done()));
      http.closeAllConnections();
      await store.close();
      await Promise.all(redisClients.map((client) => client.close().catch(() => {})));
    },
  };
}
