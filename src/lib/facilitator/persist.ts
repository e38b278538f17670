/**
 * Saved sessions: the versioned format (parsed with zod/mini, so full zod stays off the first load), the
 * order of revisions, restoring a snapshot, and a store over localStorage.
 *
 * Sessions are a kind of record in the app's one record store (`../persistence/record-store.ts`): an
 * entry that cannot be read is reported and set aside with its reason, never silently dropped; an entry
 * written by a newer version of the app is left untouched.
 */
import * as z from 'zod/mini';
import { OUTCOMES, type Outcome } from '../engine/ledger.ts';
import type { Scenario } from '../engine/schema.ts';
import { ROOM_MODES, seatOf, walk, StepError } from './position.ts';
import { createSessionMachine, phaseOf, type SessionContext, type SessionSnapshot } from './session-machine.ts';
import { MAX_VOTES } from './votes.ts';
import { browserStorage, memoryStorage, type KeyValueStorage } from '../persistence/storage.ts';
import { decode, RecordStore, type RecordKind } from '../persistence/record-store.ts';

/** Bumped when the saved format changes; older entries go through `sessionKind.migrations`. */
export const SESSION_FORMAT_VERSION = 1;
export const STORAGE_PREFIX = 'osotd:v1:facilitator:';
import { SESSION_ID_PATTERN } from './routes.ts';
export { SESSION_ID_PATTERN };

const time = z.number().check(z.nonnegative());
const side = z.enum(['employer', 'candidate']);
const word = z.string().check(z.maxLength(120));
const tally = z.record(word, z.int().check(z.minimum(0), z.maximum(MAX_VOTES)));
const how = z.enum(['vote', 'tie', 'override']);
const timer = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle'), durationMs: time }),
  z.object({ status: z.literal('running'), durationMs: time, elapsedMs: time, since: time }),
  z.object({ status: z.literal('paused'), durationMs: time, elapsedMs: time }),
]);
const step = z.object({ scene: word, event: word, side: z.nullable(side), auto: z.boolean(), at: time, target: z.optional(word), branch: z.optional(z.int()) });
const ballotFields = {
  scene: word,
  side,
  options: z.array(word).check(z.maxLength(20)),
  votes: tally,
  openedAt: z.nullable(time),
  closedAt: z.nullable(time),
  leaders: z.array(word).check(z.maxLength(20)),
  reason: z.string().check(z.maxLength(300)),
  phones: z.optional(
    z.nullable(z.object({ joined: z.int().check(z.minimum(0), z.maximum(MAX_VOTES)), voted: z.int().check(z.minimum(0), z.maximum(MAX_VOTES)) })),
  ),
};
const ballot = z.object({ ...ballotFields, chosen: z.nullable(word), how: z.nullable(how), decidedAt: z.nullable(time) });
const decision = z.object({ ...ballotFields, chosen: word, how, decidedAt: time, stepIndex: z.int().check(z.nonnegative()), discussionMs: time });

const contextSchema = z.object({
  id: z.string().check(z.regex(SESSION_ID_PATTERN)),
  scenarioId: word,
  mode: z.enum(ROOM_MODES as [string, ...string[]]),
  /** Sessions saved before options were shuffled showed them in file order: seed 1 stands in. */
  seed: z._default(z.int(), 1),
  teams: z.object({ employer: z.string().check(z.maxLength(40)), candidate: z.string().check(z.maxLength(40)) }),
  timerSeconds: z.int().check(z.minimum(1), z.maximum(24 * 3600)),
  timer,
  steps: z.array(step).check(z.maxLength(5000)),
  decisions: z.array(decision).check(z.maxLength(5000)),
  ballot: z.nullable(ballot),
  createdAt: time,
  startedAt: z.nullable(time),
  endedAt: z.nullable(time),
  debriefFocus: z.nullable(z.int().check(z.nonnegative())),
  room: z.optional(z.nullable(z.object({ code: z.string().check(z.maxLength(20)), url: z.string().check(z.maxLength(300)), shown: z.boolean() }))),
});

/** The state value of the session machine: `{ flow: 'briefing' | { decision: 'voting' } …, ledgers: 'hidden' }`. */
const stateValue = z.record(z.string(), z.union([z.string(), z.record(z.string(), z.string())]));

const persistedSchema = z.object({
  version: z.literal(SESSION_FORMAT_VERSION),
  /** Revision: bumped by every change. */
  seq: z.int().check(z.nonnegative()),
  /** The window that made the change this revision holds (breaks ties between equal `seq`). */
  origin: z.string().check(z.maxLength(64)),
  savedAt: time,
  /** For the past-sessions list, so it can be shown without loading the scenario. */
  title: z.optional(z.string().check(z.maxLength(200))),
  outcome: z.optional(z.nullable(z.enum(OUTCOMES))),
  value: stateValue,
  context: contextSchema,
});

/** A session as saved and as sent between windows. */
export interface PersistedSession {
  version: typeof SESSION_FORMAT_VERSION;
  seq: number;
  origin: string;
  savedAt: number;
  title?: string;
  outcome?: Outcome | null;
  value: Record<string, string | Record<string, string>>;
  context: SessionContext;
}

/** Facilitator sessions, as a kind of saved record. Version 1 is the first format: no migrations yet. */
export const sessionKind: RecordKind<z.infer<typeof persistedSchema>> = {
  name: 'a saved session',
  prefix: `${STORAGE_PREFIX}session:`,
  version: SESSION_FORMAT_VERSION,
  schema: persistedSchema,
  migrations: {},
  check: (saved, id) => (id && saved.context.id !== id ? 'it holds another session' : undefined),
  describe: (id) => (id ? `the saved session "${id}"` : undefined),
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; newer?: boolean };

/** Parse saved or received data, migrating older versions. */
export function parsePersisted(data: unknown): Parsed<PersistedSession> {
  const decoded = decode(sessionKind, data);
  if (!decoded.ok) return { ok: false, message: decoded.reason, ...(decoded.newer === undefined ? {} : { newer: true }) };
  return { ok: true, value: decoded.value as PersistedSession };
}

/** Revisions are ordered by `seq`, then by `origin` (so two windows that changed at once agree on one). */
export function compareRevisions(a: { seq: number; origin: string }, b: { seq: number; origin: string }): number {
  if (a.seq !== b.seq) return a.seq - b.seq;
  return a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0;
}

export function toPersisted(scenario: Scenario, snapshot: SessionSnapshot, seq: number, origin: string, savedAt: number): PersistedSession {
  const ended = snapshot.hasTag('ended');
  let outcome: Outcome | null = null;
  if (ended) {
    const { turn } = walk(scenario, seatOf(snapshot.context.mode), snapshot.context.steps);
    if (turn.kind === 'ended') outcome = turn.verdict.outcome;
  }
  return {
    version: SESSION_FORMAT_VERSION,
    seq,
    origin,
    savedAt,
    title: scenario.title,
    outcome,
    value: structuredClone(snapshot.value) as PersistedSession['value'],
    context: structuredClone(snapshot.context),
  };
}

/** Rebuild a machine snapshot from saved data, checking that it fits the scenario. */
export function restoreSnapshot(scenario: Scenario, saved: PersistedSession): Parsed<SessionSnapshot> {
  const { context } = saved;
  if (context.scenarioId !== scenario.id) return { ok: false, message: `it belongs to the scenario "${context.scenarioId}", not "${scenario.id}"` };
  let position;
  try {
    position = walk(scenario, seatOf(context.mode), context.steps);
  } catch (error) {
    if (error instanceof StepError) return { ok: false, message: `its path no longer fits the scenario (${error.message})` };
    throw error;
  }
  let snapshot: SessionSnapshot;
  try {
    snapshot = createSessionMachine(scenario).resolveState({ value: saved.value, context: structuredClone(context) });
  } catch {
    return { ok: false, message: 'its state is not one the session can be in' };
  }
  const phase = phaseOf(snapshot);
  const inDecision = snapshot.hasTag('decision');
  const fits =
    (phase === 'briefing' && context.steps.length === 0) ||
    (inDecision && position.turn.kind === 'player' && context.ballot?.scene === position.sceneId) ||
    (phase === 'scene' && (position.turn.kind === 'simulated' || position.turn.kind === 'continue')) ||
    (snapshot.hasTag('ended') && position.turn.kind === 'ended') ||
    (phase === 'stuck' && position.turn.kind === 'stuck');
  const focusFits = context.debriefFocus === null || context.debriefFocus < context.steps.length;
  return fits && focusFits ? { ok: true, value: snapshot } : { ok: false, message: `its state (${phase}) does not match where its path leads` };
}

// ---- the store ---------------------------------------------------------------------------------

/** The part of the Web Storage API the store uses (localStorage, or a fake in tests). */
export type StorageLike = KeyValueStorage;
export { memoryStorage };

export type LoadResult = { status: 'found'; session: PersistedSession } | { status: 'missing' } | { status: 'unreadable'; message: string };

/** A past or running session, as listed. */
export interface SessionSummary {
  id: string;
  scenarioId: string;
  title: string;
  mode: SessionContext['mode'];
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  decisions: number;
  outcome: Outcome | null;
  savedAt: number;
}

export const sessionKey = (id: string) => sessionKind.prefix + id;

export class SessionStore {
  readonly storage: StorageLike;
  /** False when sessions live only in memory (the browser refused storage). */
  readonly persistent: boolean;
  readonly #records: RecordStore;

  /** Without `storage`, the browser's localStorage, or memory when the browser refuses it. */
  constructor(storage?: StorageLike | null, now: () => number = Date.now) {
    const fallback = storage === undefined ? browserStorage() : { storage: storage ?? memoryStorage(), persistent: storage !== null };
    this.storage = fallback.storage;
    this.persistent = fallback.persistent;
    this.#records = new RecordStore(this.storage, now);
  }

  load(id: string): LoadResult {
    const read = this.#records.read(sessionKind, id);
    if (read.status === 'found') return { status: 'found', session: read.value as PersistedSession };
    return read.status === 'missing' ? read : { status: 'unreadable', message: read.message };
  }

  /** Save unless the stored revision is newer. Returns a message when the browser refused. */
  save(session: PersistedSession): { ok: true; written: boolean } | { ok: false; message: string } {
    const id = session.context.id;
    const stored = this.load(id);
    if (stored.status === 'found' && compareRevisions(stored.session, session) > 0) return { ok: true, written: false };
    const written = this.#records.write(sessionKind, id, session);
    if (written.ok) return { ok: true, written: true };
    if (written.why === 'newer') return { ok: false, message: written.message };
    return {
      ok: false,
      message: `The browser refused to save the session (storage ${written.why === 'full' ? 'is full' : 'is switched off'}). Export the report to keep it.`,
    };
  }

  /** Every saved session, newest first, and a message for each entry that could not be read. */
  list(): { sessions: SessionSummary[]; problems: string[] } {
    const { records, messages } = this.#records.readAll(sessionKind);
    const sessions = records.map(({ id, value: { context, title, outcome, savedAt } }): SessionSummary => ({
      id,
      scenarioId: context.scenarioId,
      title: title ?? context.scenarioId,
      mode: context.mode as SessionSummary['mode'],
      createdAt: context.createdAt,
      startedAt: context.startedAt,
      endedAt: context.endedAt,
      decisions: context.decisions.length,
      outcome: outcome ?? null,
      savedAt,
    }));
    sessions.sort((a, b) => b.savedAt - a.savedAt);
    return { sessions, problems: messages };
  }

  remove(id: string): void {
    this.#records.remove(sessionKind, id);
  }
}
