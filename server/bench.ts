/**
 * `npm run bench:room`: simulated phones on this machine's loopback. For 50, 200 and 1,000 phones on one
 * room server, and 1,000 phones across two servers sharing the room through Redis: the time from a phone's
 * vote to the facilitator's tally showing it (median and 95th percentile) and the servers' memory.
 * Servers run as child processes (`--child`), so the phones' work in this process does not count as theirs.
 * Votes are spread over two seconds, as a room votes; every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { memoryStorage } from '../src/lib/persistence/storage.ts';
import { RoomHost } from '../src/lib/room/host.ts';
import { RoomPhone } from '../src/lib/room/phone.ts';
import type { RoundView, Tally } from '../src/lib/room/protocol.ts';
import { startRoomServer } from './server.ts';

const { values } = parseArgs({ options: { child: { type: 'boolean', default: false }, redis: { type: 'string' } } });

interface Child {
  process: ChildProcess;
  port: number;
  code: string;
  secret: string;
}

const VOTE_SPREAD_MS = 2_000;
const PHASE_LIMIT_MS = 60_000;

function bounded<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, fail) => setTimeout(() => fail(new Error(`${what}: no answer within ${PHASE_LIMIT_MS / 1000} s`)), PHASE_LIMIT_MS)),
  ]);
}

async function startChild(redis?: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/bench.ts', '--child', ...(redis ? ['--redis', redis] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await bounded(new Promise<string>((done) => createInterface({ input: child.stdout! }).once('line', done)), 'starting a room server');
  return { process: child, ...(JSON.parse(line) as { port: number; code: string; secret: string }) };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

const socket = (port: number): Socket => io(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function memoryOf(port: number): Promise<number> {
  const stats = (await (await fetch(`http://127.0.0.1:${port}/room/stats`)).json()) as { memory: { rss: number } };
  return stats.memory.rss;
}

async function run(phones: number, servers: Child[]): Promise<{ median: number; p95: number; memory: number; counted: number }> {
  const hostServer = servers[servers.length - 1]!;
  const tallies: { at: number; voted: number }[] = [];
  const host = new RoomHost({
    socket: socket(hostServer.port),
    code: hostServer.code,
    secret: hostServer.secret,
    ontally: (tally: Tally) => tallies.push({ at: performance.now(), voted: tally.voted }),
  });
  await bounded(
    new Promise<void>((done) => {
      const check = setInterval(() => host.live && (clearInterval(check), done()), 10);
    }),
    'the facilitator claiming the room',
  );
  const round: RoundView = {
    key: `bench:${phones}`,
    title: 'Bench',
    speaker: 'Narrator',
    text: ['A decision.'],
    options: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: `Option ${id}` })),
    open: true,
    team: null,
    teams: null,
    chosen: null,
  };
  await host.publish(round);
  // Phones connect across the servers, as a load balancer would spread them.
  const clients = Array.from(
    { length: phones },
    (_, i) => new RoomPhone({ socket: socket(servers[i % servers.length]!.port), code: hostServer.code, storage: memoryStorage() }),
  );
  const joinStart = performance.now();
  for (let i = 0; i < clients.length; i += 50)
    await bounded(Promise.all(clients.slice(i, i + 50).map((p, j) => p.join(`Phone ${i + j}`, null))), 'phones joining');
  await bounded(
    new Promise<void>((done) => {
      const check = setInterval(() => clients.every((p) => p.status === 'joined') && (clearInterval(check), done()), 10);
    }),
    'every phone in the room',
  );
  console.error(`${phones} phones joined in ${((performance.now() - joinStart) / 1000).toFixed(1)} s`);
  tallies.length = 0;

  const sent: number[] = [];
  await bounded(
    Promise.all(
      clients.map(
        (p, i) =>
          new Promise<void>((done) =>
            setTimeout(
              () => {
                sent.push(performance.now());
                void p.vote(round.options[i % 4]!.id).then(() => done());
              },
              (i / phones) * VOTE_SPREAD_MS,
            ),
          ),
      ),
    ),
    'phones voting',
  );
  const why = clients.filter((p) => !p.received).map((p) => `${p.status}/${p.refusal}/${p.online}`);
  console.error(`${phones} phones on ${servers.length} server(s): ${clients.filter((p) => p.received).length} votes confirmed ${[...new Set(why)].join(' ')}`);
  await bounded(
    new Promise<void>((done) => {
      const check = setInterval(() => (tallies.at(-1)?.voted ?? 0) >= phones && (clearInterval(check), done()), 5);
    }),
    `the tally reaching every vote (${tallies.at(-1)?.voted ?? 0} of ${phones}; ${clients.filter((p) => p.received).length} confirmed)`,
  );
  // The k-th vote sent is on the facilitator's screen with the first tally that counts k votes.
  sent.sort((a, b) => a - b);
  const latencies = sent.map((at, k) => (tallies.find((t) => t.voted >= k + 1)?.at ?? NaN) - at).sort((a, b) => a - b);
  const refused = clients.filter((p) => p.refusal).map((p) => p.refusal);
  if (refused.length) console.error(`${refused.length} votes refused: ${[...new Set(refused)].join(', ')}`);
  const memory = (await Promise.all(servers.map((s) => memoryOf(s.port)))).reduce((a, b) => a + b, 0);
  const counted = host.tally?.voted ?? 0;
  clients.forEach((p) => p.close());
  host.close();
  return { median: percentile(latencies, 50), p95: percentile(latencies, 95), memory, counted };
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const row = (label: string, servers: string, r: Awaited<ReturnType<typeof run>>) =>
    rows.push(`| ${label} | ${servers} | ${r.counted} | ${r.median.toFixed(0)} ms | ${r.p95.toFixed(0)} ms | ${(r.memory / 1024 / 1024).toFixed(0)} MB |`);
  for (const phones of [50, 200, 1_000]) {
    const server = await startChild();
    try {
      row(`${phones}`, '1', await run(phones, [server]));
    } finally {
      await new Promise((done) => (server.process.once('exit', done), server.process.kill('SIGTERM')));
    }
  }
  const redisBinary = '/usr/bin/redis-server';
  if (existsSync(redisBinary)) {
    const port = await freePort();
    const redis = spawn(redisBinary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    try {
      await new Promise((done) => setTimeout(done, 300));
      const url = `redis://127.0.0.1:${port}`;
      const servers = [await startChild(url), await startChild(url)];
      try {
        row('1000', '2 + Redis', await run(1_000, servers));
      } finally {
        await Promise.all(servers.map((s) => new Promise((done) => (s.process.once('exit', done), s.process.kill('SIGTERM')))));
      }
    } finally {
      redis.kill();
    }
  } else {
    rows.push(`| 1000 | 2 + Redis | skipped: no ${redisBinary} | | | |`);
  }
  const [load] = (await import('node:os')).loadavg();
  console.log(`
Load average when done: ${load?.toFixed(1)} on ${(await import('node:os')).cpus().length} CPUs.
Vote to the facilitator's tally, votes spread over ${VOTE_SPREAD_MS / 1000} s, on this machine's loopback:

| phones | servers | votes counted | median | p95 | server memory (RSS) |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`);
  process.exit(0);
}

if (values.child) {
  // A bench server, as `npm run room` starts one (without the app's files).
  const server = await startRoomServer({ host: '127.0.0.1', ...(values.redis ? { redis: values.redis } : {}) });
  console.log(JSON.stringify({ port: server.port, code: server.code, secret: server.secret }));
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
} else {
  await main();
}
