/**
 * What the record store (`record-store.ts`) set aside or left untouched, for the "Your data" screen:
 * listing it (what, why, when), exporting a set-aside record's original text, restoring it, and listing
 * records kept because a newer version of the app saved them. Kept apart from the store so the first
 * load does not carry it; it loads with the screen.
 *
 * Earlier versions of the app set records aside in their own ways (`osotd:v1:corrupt:…`,
 * `osotd:v1:custom-set-aside:…`, `osotd:v1:facilitator:corrupt:…`); those are listed and restored too.
 */
import { decodeText, parseJson, sentence, SET_ASIDE_PREFIX, versionOf, type AnyKind, type RecordStore } from './record-store.ts';
import { allKeys } from './storage.ts';

/** A record that was set aside because it could not be read. */
export interface SetAside {
  /** Where it is kept now. */
  asideKey: string;
  /** Where it was. */
  key: string;
  /** What it was, in words. */
  what: string;
  /** Why it was set aside, in words. */
  why: string;
  /** When, ms since 1970. */
  at: number;
  /** Its text exactly as it was saved. */
  text: string;
}

/** A record kept where it is because a newer version of the app saved it. */
export interface KeptNewer {
  key: string;
  what: string;
  /** The version it was saved in. */
  version: number;
}

const EARLIER = 'an earlier version of the app could not read it';

/** Earlier set-aside keys that kept the original text as it was: the original key and the time. */
const LEGACY: [RegExp, (m: RegExpExecArray) => [key: string, at: number]][] = [
  [/^osotd:v1:custom-set-aside:(.+):(\d+)$/, (m) => [`osotd:v1:custom:${m[1]}`, Number(m[2])]],
  [/^osotd:v1:facilitator:corrupt:(\d+):(.+)$/, (m) => [`osotd:v1:facilitator:session:${m[2]}`, Number(m[1])]],
];

/** The kind a key belongs to: the one with the longest matching prefix. */
function kindOf(key: string, kinds: readonly AnyKind[]): AnyKind | undefined {
  return kinds.filter((k) => key.startsWith(k.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
}

function entry(records: RecordStore, asideKey: string, kinds: readonly AnyKind[]): SetAside | undefined {
  const stored = records.get(asideKey);
  if (stored === null) return undefined;
  if (asideKey.startsWith(SET_ASIDE_PREFIX)) {
    const data = parseJson(stored)?.data;
    if (typeof data !== 'object' || data === null) return undefined;
    const { key, what, why, at, text } = data as Partial<Record<keyof SetAside, unknown>>;
    if (typeof key !== 'string' || typeof text !== 'string') return undefined;
    return { asideKey, key, text, what: String(what ?? key), why: String(why ?? 'it could not be read'), at: Number(at) || 0 };
  }
  let old: [key: string, at: number, text: string] | undefined;
  for (const [pattern, parts] of LEGACY) {
    const match = pattern.exec(asideKey);
    if (match) old = [...parts(match), stored];
  }
  // The first saved-progress store kept `{ key, savedText, setAsideAt }` under `osotd:v1:corrupt:…`.
  if (/^osotd:v\d+:corrupt:/.test(asideKey)) {
    const data = parseJson(stored)?.data as { key?: unknown; savedText?: unknown; setAsideAt?: unknown } | undefined;
    if (typeof data?.key === 'string' && typeof data.savedText === 'string') old = [data.key, Number(data.setAsideAt) || 0, data.savedText];
  }
  if (!old) return undefined;
  const [key, at, text] = old;
  const kind = kindOf(key, kinds);
  return { asideKey, key, text, what: kind ? records.what(kind, key.slice(kind.prefix.length), text) : key, why: EARLIER, at };
}

/** What was set aside, newest first; `kinds` name what earlier versions of the app set aside. */
export function listSetAside(records: RecordStore, kinds: readonly AnyKind[] = []): SetAside[] {
  const list: SetAside[] = [];
  for (const asideKey of allKeys(records.storage)) {
    const found = entry(records, asideKey, kinds);
    if (found) list.push(found);
  }
  return list.sort((a, b) => b.at - a.at);
}

/** A set-aside record's original text, to download; undefined when nothing is set aside under that key. */
export function exportSetAside(records: RecordStore, asideKey: string): string | undefined {
  return entry(records, asideKey, [])?.text;
}

/**
 * Try to put a set-aside record back: it is read again with its kind's current rules and moved back only
 * if it now reads (or is from a newer version, which is then kept untouched where it was). Otherwise, or
 * when something else has been saved in its place, it stays set aside and the message says why.
 */
export function restoreSetAside(records: RecordStore, asideKey: string, kinds: readonly AnyKind[]): { ok: boolean; message: string } {
  const found = entry(records, asideKey, kinds);
  if (!found) return { ok: false, message: 'There is nothing set aside under that name any more.' };
  const kind = kindOf(found.key, kinds);
  if (!kind) return { ok: false, message: sentence(found.what, 'cannot be restored: this version of the app does not know that kind of data.') };
  const result = decodeText(kind, found.text, found.key.slice(kind.prefix.length));
  if (!result.ok && result.newer === undefined) return { ok: false, message: sentence(found.what, `still cannot be read: ${result.reason}.`) };
  if (records.get(found.key) !== null) {
    return { ok: false, message: sentence(found.what, 'cannot be put back: something else has been saved in its place since. You can still download it.') };
  }
  try {
    records.storage.setItem(found.key, found.text);
    records.storage.removeItem(asideKey);
  } catch {
    return { ok: false, message: sentence(found.what, 'cannot be put back: this browser’s storage is full.') };
  }
  return {
    ok: true,
    message: sentence(found.what, result.ok ? 'was restored.' : 'was put back; it is from a newer version of this app, which this one leaves untouched.'),
  };
}

/** Records of these kinds kept where they are because a newer version of the app saved them. */
export function listNewer(records: RecordStore, kinds: readonly AnyKind[]): KeptNewer[] {
  const kept: KeptNewer[] = [];
  for (const kind of kinds) {
    for (const id of records.ids(kind)) {
      const text = records.get(kind.prefix + id);
      const version = text === null ? undefined : versionOf(parseJson(text)?.data);
      if (version !== undefined && version > kind.version) kept.push({ key: kind.prefix + id, what: records.what(kind, id, text!), version });
    }
  }
  return kept;
}
