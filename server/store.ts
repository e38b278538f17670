/**
 * Where rooms live: in this process's memory (one server), or in Redis (several servers share every room).
 * Both apply the rules of `src/lib/room/state.ts`; the Redis store writes a vote only if the round did not
 * change between reading it and writing (a revision number checked inside one Lua script).
 */
import { createClient } from 'redis';
import type { JoinReply, Refusal, RoundView, Tally } from '../src/lib/room/protocol.ts';
import { castVote, joinRoom, joinProblem, newRoom, publishRound, tallyOf, voteProblem, type Participant, type RoomState } from '../src/lib/room/state.ts';

export type JoinResult = JoinReply;

export interface RoomStore {
  /** Make a room; false when the code is taken. */
  create(code: string, secretHash: string): Promise<boolean>;
  /** The room's secret hash, or null when there is no such room. */
  secretHash(code: string): Promise<string | null>;
  publish(code: string, round: RoundView | null): Promise<void>;
  join(code: string, id: string, participant: Participant): Promise<JoinResult>;
  /** Null when the vote counts. */
  vote(code: string, id: string, roundKey: string, option: string): Promise<Refusal | null>;
  tally(code: string): Promise<Tally>;
  close(): Promise<void>;
}

export class MemoryStore implements RoomStore {
  readonly rooms = new Map<string, RoomState>();

  async create(code: string, secretHash: string) {
    if (this.rooms.has(code)) return false;
    this.rooms.set(code, newRoom(code, secretHash));
    return true;
  }
  async secretHash(code: string) {
    return this.rooms.get(code)?.secretHash ?? null;
  }
  async publish(code: string, round: RoundView | null) {
    const room = this.rooms.get(code);
    if (room) this.rooms.set(code, publishRound(room, round));
  }
  async join(code: string, id: string, participant: Participant): Promise<JoinResult> {
    const room = this.rooms.get(code);
    if (!room) return { ok: false, error: 'unknown-room' };
    const { state, problem } = joinRoom(room, id, participant);
    if (problem) return { ok: false, error: problem, teams: room.round?.teams ?? null };
    this.rooms.set(code, state);
    return { ok: true, round: state.round, vote: state.votes[id] ?? null };
  }
  async vote(code: string, id: string, roundKey: string, option: string) {
    const room = this.rooms.get(code);
    if (!room) return 'unknown-room' as const;
    const { state, problem } = castVote(room, id, roundKey, option);
    this.rooms.set(code, state);
    return problem;
  }
  async tally(code: string): Promise<Tally> {
    const room = this.rooms.get(code);
    return room ? tallyOf(room) : { round: null, counts: {}, voted: 0, joined: 0 };
  }
  async close() {}
}

/** Rooms are forgotten a day after their last change. */
const TTL_SECONDS = 24 * 3600;

// Compare-and-set: count the vote only if the round's revision is the one the rule was checked against.
const VOTE_SCRIPT = `
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return -1 end
local old = redis.call('HGET', KEYS[2], ARGV[2])
if old == ARGV[3] then return 0 end
if old then redis.call('HINCRBY', KEYS[3], old, -1) end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ${TTL_SECONDS}) end
return 1`;

// A new round clears the votes; every publish bumps the revision, so votes checked against the old round fail.
const PUBLISH_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HGET', KEYS[1], 'roundKey') ~= ARGV[2] then redis.call('DEL', KEYS[2], KEYS[3]) end
redis.call('HSET', KEYS[1], 'round', ARGV[1], 'roundKey', ARGV[2])
redis.call('HINCRBY', KEYS[1], 'rev', 1)
redis.call('EXPIRE', KEYS[1], ${TTL_SECONDS})
return 1`;

type Client = ReturnType<typeof createClient>;

/** Rooms in Redis under `osotd:room:<code>:…` (meta, people, votes, counts). */
export class RedisStore implements RoomStore {
  readonly #client: Client;
  constructor(client: Client) {
    this.#client = client;
  }

  #keys(code: string) {
    const base = `osotd:room:${code}`;
    return { meta: `${base}:meta`, people: `${base}:people`, votes: `${base}:votes`, counts: `${base}:counts` };
  }

  async create(code: string, secretHash: string) {
    const { meta } = this.#keys(code);
    const made = await this.#client.hSetNX(meta, 'secretHash', secretHash);
    if (!made) return false;
    await this.#client.hSet(meta, { rev: '0', round: 'null', roundKey: '' });
    await this.#client.expire(meta, TTL_SECONDS);
    return true;
  }
  async secretHash(code: string) {
    return (await this.#client.hGet(this.#keys(code).meta, 'secretHash')) ?? null;
  }
  async publish(code: string, round: RoundView | null) {
    const k = this.#keys(code);
    await this.#client.eval(PUBLISH_SCRIPT, { keys: [k.meta, k.votes, k.counts], arguments: [JSON.stringify(round), round?.key ?? ''] });
  }
  async #round(code: string): Promise<{ exists: boolean; round: RoundView | null; rev: string }> {
    const [round, rev] = await this.#client.hmGet(this.#keys(code).meta, ['round', 'rev']);
    return { exists: rev != null, round: round ? (JSON.parse(round) as RoundView | null) : null, rev: rev ?? '' };
  }
  async join(code: string, id: string, participant: Participant): Promise<JoinResult> {
    const k = this.#keys(code);
    const { exists, round } = await this.#round(code);
    if (!exists) return { ok: false, error: 'unknown-room' };
    const problem = joinProblem(round, participant.team);
    if (problem) return { ok: false, error: problem, teams: round?.teams ?? null };
    await this.#client.hSet(k.people, id, JSON.stringify(participant));
    await this.#client.expire(k.people, TTL_SECONDS);
    const vote = round ? ((await this.#client.hGet(k.votes, id)) ?? null) : null;
    return { ok: true, round, vote };
  }
  async vote(code: string, id: string, roundKey: string, option: string): Promise<Refusal | null> {
    const k = this.#keys(code);
    for (let attempt = 0; attempt < 5; attempt++) {
      const [{ exists, round, rev }, person] = await Promise.all([this.#round(code), this.#client.hGet(k.people, id)]);
      if (!exists) return 'unknown-room';
      const problem = voteProblem(round, person ? (JSON.parse(person) as Participant) : undefined, roundKey, option);
      if (problem) return problem;
      const result = await this.#client.eval(VOTE_SCRIPT, { keys: [k.meta, k.votes, k.counts], arguments: [rev, id, option] });
      if (result !== -1) return null;
    }
    return 'busy';
  }
  async tally(code: string): Promise<Tally> {
    const k = this.#keys(code);
    const [{ round }, counts, voted, joined] = await Promise.all([
      this.#round(code),
      this.#client.hGetAll(k.counts),
      this.#client.hLen(k.votes),
      this.#client.hLen(k.people),
    ]);
    const tally: Record<string, number> = Object.fromEntries((round?.options ?? []).map((o) => [o.id, 0]));
    for (const [option, n] of Object.entries(counts)) tally[option] = Number(n);
    return { round: round?.key ?? null, counts: tally, voted, joined };
  }
  async close() {
    await this.#client.close().catch(() => {});
  }
}
