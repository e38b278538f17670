/**
 * Saved sessions: the versioned format (parsed with zod/mini, so full zod stays off the first load), the
 * order of revisions, restoring a snapshot, and a store over localStorage.
 *
 * A saved entry that cannot be read is reported and set aside under a `…:corrupt:…` key, never silently
 * dropped; an entry written by a newer version of the app is left untouched.
 */
import * as z from 'zod/mini';
import { OUTCOMES, type Outcome } from '../engine/ledger.ts';
import type { Scenario } from '../engine/schema.ts';
import { ROOM_MODES, seatOf, walk, WalkError } from './position.ts';
import { createSessionMachine, phaseOf, type SessionContext, type SessionSnapshot } from './session-machine.ts';
import { MAX_VOTES } from './votes.ts';
import { browserStorage, memoryStorage, type KeyValueStorage } from '../persistence/storage.ts';

/** Bumped when the saved format changes; older entries go through `MIGRATIONS`. */
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
const step = z.object({ scene: word, event: word, side: z.nullable(side), auto: z.boolean(), at: time });
const ballotFields = {
  scene: word,
  side,
  options: z.array(word).check(z.maxLength(20)),
  votes: tally,
  openedAt: z.nullable(time),
  closedAt: z.nullable(time),
  leaders: z.array(word).check(z.maxLength(20)),
  reason: z.string().check(z.maxLength(300)),
};
const ballot = z.object({ ...ballotFields, chosen: z.nullable(word), how: z.nullable(how), decidedAt: z.nullable(time) });
const decision = z.object({ ...ballotFields, chosen: word, how, decidedAt: time, stepIndex: z.int().check(z.nonnegative()), discussionMs: time });

const contextSchema = z.object({
  id: z.string().check(z.regex(SESSION_ID_PATTERN)),
  scenarioId: word,
  mode: z.enum(ROOM_MODES as [string, ...string[]]),
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

/** Upgrades from older saved formats, by the version they upgrade from. None yet: version 1 is the first. */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; newer?: boolean };

/** Parse saved or received data, migrating older versions. */
export function parsePersisted(data: unknown): Parsed<PersistedSession> {
  if (!data || typeof data !== 'object') return { ok: false, message: 'it is not a saved session' };
  let record = data as Record<string, unknown>;
  const version = record.version;
  if (typeof version !== 'number') return { ok: false, message: 'it has no format version' };
  if (version > SESSION_FORMAT_VERSION) return { ok: false, newer: true, message: `it was saved by a newer version of the app (format ${version})` };
  for (let v = version; v < SESSION_FORMAT_VERSION; v++) {
    const migrate = MIGRATIONS[v];
    if (!migrate) return { ok: false, message: `format ${version} can no longer be read` };
    record = migrate(record);
  }
  const parsed = persistedSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `part of it is damaged (${issue ? `${issue.path.join('.') || 'the entry'}: ${issue.message}` : 'unknown'})` };
  }
  return { ok: true, value: parsed.data as PersistedSession };
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
    if (turn.kind === 'final') outcome = turn.verdict.outcome;
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
    if (error instanceof WalkError) return { ok: false, message: `its path no longer fits the scenario (${error.message})` };
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
    (inDecision && position.turn.kind === 'decision' && context.ballot?.scene === position.sceneId) ||
    (phase === 'scene' && (position.turn.kind === 'simulated' || position.turn.kind === 'continue')) ||
    (snapshot.hasTag('ended') && position.turn.kind === 'final') ||
    (phase === 'stuck' && position.turn.kind === 'stuck');
  const focusFits = context.debriefFocus === null || context.debriefFocus < context.steps.length;
  return fits && focusFits ? { ok: true, value: snapshot } : { ok: false, message: `its state (${phase}) does not match where its path leads` };
}

// ---- the store ---------------------------------------------------------------------------------

/** The part of the Web Storage API the store uses (localStorage, or a fake in tests). */
export type StorageLike = KeyValueStorage;
export { memoryStorage };

export type LoadResult =
  | { status: 'found'; session: PersistedSession }
  | { status: 'missing' }
  | { status: 'unreadable'; message: string };

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

export const sessionKey = (id: string) => `${STORAGE_PREFIX}session:${id}`;

export class SessionStore {
  readonly storage: StorageLike;
  /** False when sessions live only in memory (the browser refused storage). */
  readonly persistent: boolean;
  readonly #now: () => number;

  /** Without `storage`, the browser's localStorage, or memory when the browser refuses it. */
  constructor(storage?: StorageLike | null, now: () => number = Date.now) {
    const fallback = storage === undefined ? browserStorage() : { storage: storage ?? memoryStorage(), persistent: storage !== null };
    this.storage = fallback.storage;
    this.persistent = fallback.persistent;
    this.#now = now;
  }

  load(id: string): LoadResult {
    const key = sessionKey(id);
    let text: string | null;
    try {
      text = this.storage.getItem(key);
    } catch {
      return { status: 'unreadable', message: 'The browser would not let the app read its saved sessions.' };
    }
    if (text === null) return { status: 'missing' };
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { status: 'unreadable', message: this.#setAside(key, text, 'it is not valid JSON') };
    }
    const parsed = parsePersisted(data);
    if (parsed.ok && parsed.value.context.id !== id) return { status: 'unreadable', message: this.#setAside(key, text, 'it holds another session') };
    if (parsed.ok) return { status: 'found', session: parsed.value };
    if (parsed.newer) return { status: 'unreadable', message: `The saved session "${id}" could not be opened: ${parsed.message}. It was left as it is.` };
    return { status: 'unreadable', message: this.#setAside(key, text, parsed.message) };
  }

  /** Save unless the stored revision is newer. Returns a message when the browser refused. */
  save(session: PersistedSession): { ok: true; written: boolean } | { ok: false; message: string } {
    const key = sessionKey(session.context.id);
    try {
      const stored = this.load(session.context.id);
      if (stored.status === 'found' && compareRevisions(stored.session, session) > 0) return { ok: true, written: false };
      if (stored.status === 'unreadable' && this.storage.getItem(key) !== null) return { ok: false, message: stored.message };
      this.storage.setItem(key, JSON.stringify(session));
      return { ok: true, written: true };
    } catch {
      return { ok: false, message: 'The browser refused to save the session (storage may be full). Export the report to keep it.' };
    }
  }

  /** Every saved session, newest first, and a message for each entry that could not be read. */
  list(): { sessions: SessionSummary[]; problems: string[] } {
    const sessions: SessionSummary[] = [];
    const problems: string[] = [];
    const ids: string[] = [];
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (key?.startsWith(`${STORAGE_PREFIX}session:`)) ids.push(key.slice(`${STORAGE_PREFIX}session:`.length));
      }
    } catch {
      return { sessions, problems: ['The browser would not let the app read its saved sessions.'] };
    }
    for (const id of ids) {
      const result = this.load(id);
      if (result.status === 'unreadable') problems.push(result.message);
      if (result.status !== 'found') continue;
      const { context, title, outcome, savedAt } = result.session;
      sessions.push({
        id,
        scenarioId: context.scenarioId,
        title: title ?? context.scenarioId,
        mode: context.mode,
        createdAt: context.createdAt,
        startedAt: context.startedAt,
        endedAt: context.endedAt,
        decisions: context.decisions.length,
        outcome: outcome ?? null,
        savedAt,
      });
    }
    sessions.sort((a, b) => b.savedAt - a.savedAt);
    return { sessions, problems };
  }

  remove(id: string): void {
    try {
      this.storage.removeItem(sessionKey(id));
    } catch {
      // Nothing to do: the entry stays, and the list shows it again.
    }
  }

  /** Keep unreadable text under a corrupt key and free the session key; returns the message for the user. */
  #setAside(key: string, text: string, reason: string): string {
    const id = key.slice(key.lastIndexOf(':') + 1);
    const kept = `${STORAGE_PREFIX}corrupt:${this.#now()}:${id}`;
    try {
      this.storage.setItem(kept, text);
      this.storage.removeItem(key);
      return `The saved session "${id}" could not be read (${reason}). It was set aside as "${kept}"; nothing else was changed.`;
    } catch {
      return `The saved session "${id}" could not be read (${reason}), and could not be set aside either; it was left as it is.`;
    }
  }
}
