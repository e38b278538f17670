/**
 * One store for every kind of saved data (runs, history, settings, imported scenarios, facilitator
 * sessions): a record kind is declared once (its name in words, key prefix, version, schema
 * and migrations) and the store reads, writes, sets aside, restores and exports records of any kind.
 *
 * Rules, the same for every kind:
 * - Reading parses the JSON, migrates it from its version (no `version` means 0), then checks it.
 * - A record that cannot be read is set aside under `osotd:set-aside:<time>:<key>` with its original
 *   text, what it was, why and when; it is never deleted. Only that record moves: one damaged record
 *   never sets aside another.
 * - A record from a newer version of the app is kept untouched where it is, reported, and never
 *   overwritten.
 * - A set-aside record can be exported (its original text) or restored: it is read again and moved
 *   back if it now reads, otherwise the store says why (`set-aside.ts`, loaded with the "Your data" screen).
 *
 * On the first load (the library's saved progress), so it stays small: the first load's kinds check with
 * `shape.ts`, the kinds loaded on demand with `zod/mini`; both meet `Parser`.
 */
import { allKeys, isStorageFull, type KeyValueStorage } from './storage.ts';
import { asError } from '../errors.ts';

/** What a record kind's schema must do: zod's `safeParse` contract (a `zod/mini` schema or a `shape.ts` shape). */
export interface Parser<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly { code: string; path: PropertyKey[]; message: string; expected?: string }[] } };
}

/** A kind of saved record, declared once. `T` is inferred from the schema. */
export interface RecordKind<T> {
  /** One record in words, for messages: "a saved run". */
  name: string;
  /** Every key of this kind starts with it; a record's key is `prefix + id`. */
  prefix: string;
  /**
   * One record only, stored under exactly `prefix` (its id is ''). Its prefix may then begin another
   * kind's keys (`osotd:v1:lrs` and `osotd:v1:lrs-queue`) without either claiming the other's record.
   */
  single?: boolean;
  /** The version records are written with; the schema checks the current version's shape. */
  version: number;
  schema: Parser<T>;
  /** `migrations[v]` turns a version-v record into version v + 1; it may throw when the data does not fit. */
  migrations?: Record<number, (data: unknown) => unknown>;
  /** A check the schema cannot make (e.g. that the id inside matches the key): a reason in words, or nothing. */
  check?(value: T, id: string): string | undefined;
  /** One record in words, from its id or its saved text (e.g. 'your run of “Title”'); default `name`. */
  describe?(id: string, text: string): string | undefined;
}

/** What reading found. `newer`: saved by a newer version of the app (kept untouched). */
export type Decoded<T> = { ok: true; value: T; migratedFrom?: number } | { ok: false; reason: string; newer?: number };

/** Where set-aside records are kept. */
export const SET_ASIDE_PREFIX = 'osotd:set-aside:';

/** A kind of any record type, where only its key, version and words matter. */
export type AnyKind = RecordKind<unknown>;

/** The record's declared version: 0 without one; undefined when not a usable number. */
export function versionOf(data: unknown): number | undefined {
  const v = typeof data === 'object' && data !== null && 'version' in data ? data.version : 0;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** Parsed JSON, or undefined when the text is not JSON. */
export function parseJson(text: string): { data: unknown } | undefined {
  try {
    return { data: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** Migrate and check data already parsed from JSON (saved, or received from another window). Never throws. */
export function decode<T>(kind: RecordKind<T>, data: unknown, id = ''): Decoded<T> {
  const from = versionOf(data);
  if (from === undefined) return { ok: false, reason: 'its version is not a number' };
  if (from > kind.version) return { ok: false, reason: `it was saved by a newer version of this app (version ${from})`, newer: from };
  for (let v = from; v < kind.version; v++) {
    const migrate = kind.migrations?.[v];
    if (!migrate) return { ok: false, reason: `version ${v} can no longer be read` };
    try {
      data = migrate(data);
    } catch (error) {
      return { ok: false, reason: `it could not be brought up to date (${asError(error).message})` };
    }
  }
  const parsed = kind.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = issue?.code === 'invalid_type' ? `expected ${issue.expected}` : issue?.message;
    return { ok: false, reason: `part of it is damaged (${issue ? `${issue.path.join('.') || 'the record'}: ${detail}` : 'unknown'})` };
  }
  const wrong = kind.check?.(parsed.data, id);
  if (wrong) return { ok: false, reason: wrong };
  return from < kind.version ? { ok: true, value: parsed.data, migratedFrom: from } : { ok: true, value: parsed.data };
}

/** Parse saved text, then `decode` it. */
export function decodeText<T>(kind: RecordKind<T>, text: string, id = ''): Decoded<T> {
  const json = parseJson(text);
  return json ? decode(kind, json.data, id) : { ok: false, reason: 'it is not valid JSON' };
}

/** What reading a record found: the value, nothing, or a message in words for the person. */
export type Read<T> = { status: 'found'; value: T } | { status: 'missing' } | { status: 'unreadable'; message: string; newer: boolean };

/** The result of a write; if refused, why: storage `full`, `off`, or a `newer` record in its place. */
export type Written = { ok: true } | { ok: false; message: string; why: 'full' | 'off' | 'newer' };

/** A sentence about a record: `what` with a capital letter, then the rest. */
export const sentence = (what: string, rest: string) => `${what.charAt(0).toUpperCase()}${what.slice(1)} ${rest}`;

/** Saved records of every kind in one key-value storage (localStorage, or memory). */
export class RecordStore {
  readonly storage: KeyValueStorage;
  readonly now: () => number;

  constructor(storage: KeyValueStorage, now: () => number = Date.now) {
    this.storage = storage;
    this.now = now;
  }

  /** Ids of the records of a kind (readable or not). */
  ids(kind: AnyKind): string[] {
    try {
      const keys = allKeys(this.storage);
      if (kind.single) return keys.includes(kind.prefix) ? [''] : [];
      return keys.filter((key) => key.startsWith(kind.prefix)).map((key) => key.slice(kind.prefix.length));
    } catch {
      return [];
    }
  }

  /** The record in words. */
  what(kind: AnyKind, id: string, text = ''): string {
    return kind.describe?.(id, text) ?? kind.name;
  }

  /** The text stored under a key, or null (also when the browser refuses to read). */
  get(key: string): string | null {
    try {
      return this.storage.getItem(key);
    } catch {
      return null;
    }
  }

  /**
   * Read a record. One that cannot be read is set aside (only that one); one from a newer version is
   * left where it is. Either way the message says so in words. An older record is written back migrated.
   */
  read<T>(kind: RecordKind<T>, id: string): Read<T> {
    const key = kind.prefix + id;
    const text = this.get(key);
    if (text === null) return { status: 'missing' };
    const result = decodeText(kind, text, id);
    if (result.ok) {
      if (result.migratedFrom !== undefined) this.write(kind, id, result.value);
      return { status: 'found', value: result.value };
    }
    const what = this.what(kind, id, text);
    if (result.newer !== undefined) {
      return { status: 'unreadable', newer: true, message: sentence(what, 'was saved by a newer version of this app, so it was left untouched.') };
    }
    return { status: 'unreadable', newer: false, message: this.setAside(kind, id, result.reason, text) };
  }

  /** Every readable record of a kind, and a message for each one that is not. */
  readAll<T>(kind: RecordKind<T>): { records: { id: string; value: T }[]; messages: string[] } {
    const records: { id: string; value: T }[] = [];
    const messages: string[] = [];
    for (const id of this.ids(kind)) {
      const read = this.read(kind, id);
      if (read.status === 'found') records.push({ id, value: read.value });
      else if (read.status === 'unreadable') messages.push(read.message);
    }
    return { records, messages };
  }

  /** Write a record (as JSON), unless the one stored there is from a newer version of the app. */
  write<T>(kind: RecordKind<T>, id: string, value: T): Written {
    const key = kind.prefix + id;
    const stored = this.get(key);
    const version = stored === null ? undefined : versionOf(parseJson(stored)?.data);
    if (version !== undefined && version > kind.version) {
      return {
        ok: false,
        why: 'newer',
        message: sentence(this.what(kind, id, stored!), 'was saved by a newer version of this app, so it was not overwritten.'),
      };
    }
    try {
      this.storage.setItem(key, JSON.stringify(value));
      return { ok: true };
    } catch (error) {
      const full = isStorageFull(error);
      return {
        ok: false,
        why: full ? 'full' : 'off',
        message: `The browser would not save ${this.what(kind, id)} (${full ? 'its storage is full' : 'storage is switched off'}).`,
      };
    }
  }

  /** Remove a record (nothing happens when the browser refuses). */
  remove(kind: AnyKind, id: string): void {
    try {
      this.storage.removeItem(kind.prefix + id);
    } catch {
      // The record stays, and is listed again.
    }
  }

  /**
   * Move a record out of the way with the reason, keeping its text; returns the message for the person.
   * `text` defaults to what is stored (e.g. pass it for a record that read but no longer fits).
   */
  setAside(kind: AnyKind, id: string, why: string, text: string | null = this.get(kind.prefix + id)): string {
    const key = kind.prefix + id;
    const what = this.what(kind, id, text ?? '');
    const at = this.now();
    let asideKey = `${SET_ASIDE_PREFIX}${at}:${key}`;
    for (let n = 2; this.get(asideKey) !== null; n++) asideKey = `${SET_ASIDE_PREFIX}${at}-${n}:${key}`;
    try {
      if (text === null) throw new Error('nothing to keep');
      this.storage.setItem(asideKey, JSON.stringify({ key, what, why, at, text }));
      this.storage.removeItem(key);
      return sentence(what, `could not be read (${why}). It was set aside, not deleted: “Your data” lets you download it or try to restore it.`);
    } catch {
      return sentence(what, `could not be read (${why}), and could not be set aside either; it was left where it was.`);
    }
  }
}
