// @vitest-environment node
/**
 * The room server with real Socket.IO clients on this machine's loopback: counting, reconnects, late joins,
 * the facilitator's secret, bad messages, a restart mid-round, and two servers sharing rooms through Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startRoomServer, type RoomServer } from '../../server/server.ts';
import { memoryStorage } from '../../src/lib/persistence/storage.ts';
import type { RoomPhone } from '../../src/lib/room/phone.ts';
import { connect, dropConnection, host, phone, round } from './helpers.ts';

const cleanup: (() => unknown)[] = [];
afterAll(async () => {
  for (const done of cleanup.reverse()) await done();
});
const started = async (options: Parameters<typeof startRoomServer>[0] = {}) => {
  const server = await startRoomServer({ host: '127.0.0.1', ...options });
  cleanup.push(() => server.close());
  return server;
};
const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 20_000, interval: 20 });
const url = (server: RoomServer) => `http://127.0.0.1:${server.port}`;

describe('the room server', () => {
  it('counts each of 200 phones once, however often a vote is sent', async () => {
    const server = await started();
    const control = host(url(server), server.code, server.secret);
    cleanup.push(() => control.close());
    await waitFor(() => expect(control.live).toBe(true));
    await control.publish(round('s1:0'));
    const phones = Array.from({ length: 200 }, () => phone(url(server), server.code));
    cleanup.push(() => phones.forEach((p) => p.close()));
    await Promise.all(phones.map((p, i) => p.join(`Phone ${i}`, null)));
    expect(phones.every((p) => p.status === 'joined' && p.round?.key === 's1:0')).toBe(true);
    const options = ['choice.a', 'choice.b', 'choice.c'];
    await Promise.all(phones.map((p, i) => p.vote(options[i % 3]!)));
    // Every tenth phone sends its vote again, and every fifth changes its mind.
    await Promise.all(phones.filter((_, i) => i % 10 === 0).map((p, i) => p.vote(options[(i * 10) % 3]!)));
    await Promise.all(phones.filter((_, i) => i % 5 === 1).map((p) => p.vote('choice.c')));
    const expected = { 'choice.a': 0, 'choice.b': 0, 'choice.c': 0 } as Record<string, number>;
    phones.forEach((p) => (expected[p.received!] = (expected[p.received!] ?? 0) + 1));
    await waitFor(() => expect(control.tally).toEqual({ round: 's1:0', counts: expected, voted: 200, joined: 200 }));
  });

  it('takes a phone back after its connection drops, counting its resent vote once; a late joiner gets the round', async () => {
    const server = await started();
    const control = host(url(server), server.code, server.secret);
    cleanup.push(() => control.close());
    await waitFor(() => expect(control.live).toBe(true));
    await control.publish(round('s2:3'));
    const early = phone(url(server), server.code);
    cleanup.push(() => early.close());
    await early.join('Early', null);
    expect(await early.vote('choice.b')).toBe(true);
    const votesBefore = server.stats.votes;
    dropConnection(early);
    await waitFor(() => expect(early.status).toBe('connecting'));
    await waitFor(() => expect(early.status).toBe('joined'));
    expect(server.stats.votes).toBe(votesBefore);
    expect(early.received).toBe('choice.b');

    const late = phone(url(server), server.code);
    cleanup.push(() => late.close());
    await late.join('Late', null);
    expect(late.round).toMatchObject({ key: 's2:3', open: true, options: [{ id: 'choice.a' }, { id: 'choice.b' }, { id: 'choice.c' }] });
    await control.publish(round('s2:3', false));
    await waitFor(() => expect(late.round?.open).toBe(false));
    expect(await late.vote('choice.a')).toBe(false);
    expect(late.refusal).toBe('closed');
    await waitFor(() => expect(control.tally).toMatchObject({ counts: { 'choice.a': 0, 'choice.b': 1, 'choice.c': 0 }, voted: 1, joined: 2 }));
  });

  it('refuses control without the secret, and drops malformed, oversized and flooding messages', async () => {
    const server = await started();
    const impostor = host(url(server), server.code, 'x'.repeat(43));
    cleanup.push(() => impostor.close());
    await waitFor(() => expect(impostor.status).toBe('refused'));
    const raw = connect(url(server));
    cleanup.push(() => raw.close());
    await waitFor(() => expect(raw.connected).toBe(true));
    const ask = (event: string, message: unknown) => raw.timeout(5_000).emitWithAck(event, message);
    expect(await ask('host.publish', round('s3:0'))).toEqual({ ok: false, error: 'refused' });
    expect(await ask('phone.join', { code: 'nope' })).toEqual({ ok: false, error: 'malformed' });
    expect(await ask('phone.vote', { round: 'r', option: 'x'.repeat(2_000) })).toEqual({ ok: false, error: 'oversized' });
    expect(await ask('room.delete', {})).toEqual({ ok: false, error: 'malformed' });
    const answers = await Promise.all(Array.from({ length: 60 }, () => ask('phone.vote', { round: 'r', option: 'a' })));
    expect(answers.filter((a) => a.error === 'flooding').length).toBeGreaterThan(30);
    expect(server.stats.dropped).toMatchObject({ malformed: 2, oversized: 1 });
    expect(server.stats.dropped.flooding).toBeGreaterThan(30);
    expect(server.stats.refused.secret).toBe(2);
  });

  it('turns an address away after 20 wrong room codes in a minute, even with the right code', async () => {
    // No grace after the start, and a rate limit that lets the guesses through: this test is about guessing.
    const server = await started({ graceMs: 0, rate: { perSecond: 1_000, burst: 1_000 } });
    const guess = connect(url(server));
    cleanup.push(() => guess.close());
    await waitFor(() => expect(guess.connected).toBe(true));
    const join = (code: string) => guess.timeout(5_000).emitWithAck('phone.join', { code, participant: 'p'.repeat(20), name: 'Guess' });
    for (let i = 0; i < 20; i++) expect(await join(`ZZZZZZ${'23456789ABCDEFGHJKMN'[i]}2`)).toEqual({ ok: false, error: 'unknown-room' });
    expect(await join(server.code)).toEqual({
      ok: false,
      error: 'too-many-attempts',
    });
  });

  it('goes on after the server restarts mid-round: the control restores the room and each phone’s vote counts once', async () => {
    const first = await startRoomServer({ host: '127.0.0.1' });
    const port = first.port;
    const control = host(url(first), first.code, first.secret);
    cleanup.push(() => control.close());
    await waitFor(() => expect(control.live).toBe(true));
    await control.publish(round('s4:1'));
    const phones = Array.from({ length: 20 }, () => phone(url(first), first.code));
    cleanup.push(() => phones.forEach((p) => p.close()));
    await Promise.all(phones.map((p, i) => p.join(`P${i}`, null)));
    await Promise.all(phones.map((p, i) => p.vote(i < 12 ? 'choice.a' : 'choice.b')));
    await waitFor(() => expect(control.tally?.voted).toBe(20));

    await first.close();
    await waitFor(() => expect(control.live).toBe(false));
    const second = await started({ host: '127.0.0.1', port });
    expect(second.code).not.toBe(first.code);
    await waitFor(() => expect(second.stats.votes).toBe(20));
    await waitFor(() => expect(control.tally).toEqual({ round: 's4:1', counts: { 'choice.a': 12, 'choice.b': 8, 'choice.c': 0 }, voted: 20, joined: 20 }));
    expect(second.stats.votes).toBe(20);
  });
});

const REDIS = '/usr/bin/redis-server';
describe.skipIf(!existsSync(REDIS))('two room servers sharing rooms through Redis', () => {
  it('counts a phone on server A for the presenter on server B, and keeps every vote once when A stops', async () => {
    const redisPort = await freePort();
    const redis: ChildProcess = spawn(REDIS, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    cleanup.push(() => redis.kill());
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const a = await waitFor(() => startRoomServer({ host: '127.0.0.1', redis: redisUrl }));
    const b = await started({ redis: redisUrl });
    const control = host(url(b), b.code, b.secret);
    cleanup.push(() => control.close());
    await waitFor(() => expect(control.live).toBe(true));
    await control.publish(round('s5:0'));
    const storages = Array.from({ length: 30 }, () => memoryStorage());
    const onA = storages.map((storage) => phone(url(a), b.code, storage));
    await Promise.all(onA.map((p, i) => p.join(`A${i}`, null)));
    await Promise.all(onA.slice(0, 20).map((p, i) => p.vote(i % 2 ? 'choice.a' : 'choice.b')));
    await waitFor(() => expect(control.tally).toMatchObject({ counts: { 'choice.a': 10, 'choice.b': 10 }, voted: 20, joined: 30 }));

    await a.close();
    onA.forEach((p) => p.close());
    // The load balancer sends A's phones to B: the same phones (their storage), a new connection.
    const moved: RoomPhone[] = storages.map((storage) => phone(url(b), b.code, storage));
    cleanup.push(() => moved.forEach((p) => p.close()));
    await waitFor(() => expect(moved.every((p) => p.status === 'joined')).toBe(true));
    await Promise.all(moved.slice(20).map((p) => p.vote('choice.c')));
    await waitFor(() => expect(control.tally).toEqual({ round: 's5:0', counts: { 'choice.a': 10, 'choice.b': 10, 'choice.c': 10 }, voted: 30, joined: 30 }));
  });
});

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
