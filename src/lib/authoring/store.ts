/**
 * The custom-scenario store: scenarios people imported, kept in the browser's localStorage, one key per
 * scenario (`osotd:v1:custom:<id>`), so one broken entry never takes the others with it.
 *
 * Listing, removing and exporting are safe on the library screen's first load: this module uses no zod.
 * Saving from text and loading to play validate with the full schema, loaded with `import()`.
 *
 * Guarantees: a save writes one key with one `setItem`, after every check has passed, so a failed import
 * changes nothing; a built-in id is never taken; an existing custom scenario is replaced only when asked.
 * An entry that cannot be read is set aside under `osotd:v1:custom-set-aside:<id>:<time>` and reported,
 * never deleted.
 */
import type { Scenario } from '../engine/schema.ts';
import { summarise, type ScenarioSummary } from '../scenarios/summary.ts';
import { exportScenario, type ExportedFile } from './export.ts';
import { freeId } from './ids.ts';
import type { ImportCheck, ImportProblem } from './import.ts';

export const CUSTOM_KEY_PREFIX = 'osotd:v1:custom:';
export const SET_ASIDE_KEY_PREFIX = 'osotd:v1:custom-set-aside:';
/** Version of a saved entry; bump with a step in `migrate()`. */
export const CUSTOM_RECORD_VERSION = 1;

/** The part of the Web Storage API the store uses (localStorage, or a fake in tests). */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export interface StoreOptions {
  /** Defaults to `localStorage`. */
  storage?: StorageLike;
}

/** What the library shows of a custom scenario. `custom: true` tells it apart from a built-in one. */
export interface CustomScenarioSummary extends ScenarioSummary {
  custom: true;
  /** `draft`: valid but not finished (see `warnings`); it can be played, but may not reach every ending. */
  status: 'ready' | 'draft';
  /** When it was saved, ISO 8601. */
  savedAt: string;
  /** The analyser's findings when it was saved, one sentence each. */
  warnings: string[];
}

export interface CustomListing {
  scenarios: CustomScenarioSummary[];
  /** Things the person should know: entries set aside, entries from a newer version, storage unavailable. */
  notices: string[];
}

/** A saved entry, as written by `saveChecked`. */
interface CustomRecord {
  version: typeof CUSTOM_RECORD_VERSION;
  status: 'ready' | 'draft';
  savedAt: string;
  summary: ScenarioSummary;
  warnings: string[];
  /** The validated scenario; validated again before it is played. */
  scenario: Record<string, unknown>;
}

/*
 * The entry's shape is checked by hand rather than with zod/mini: this module is on the library's first
 * load, and any zod there makes the bundler hoist zod's whole shared core (~18 KB gzip) into that chunk,
 * because the lazily loaded validator uses the same core. The scenario inside is checked with the full
 * schema when it is opened.
 */
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isSummary(v: unknown): v is ScenarioSummary {
  return (
    isObject(v) &&
    isString(v.id) &&
    isString(v.title) &&
    isString(v.summary) &&
    Array.isArray(v.seats) &&
    v.seats.every((s) => s === 'employer' || s === 'candidate') &&
    typeof v.minutes === 'number' &&
    isStringList(v.tags)
  );
}

function isRecord(v: unknown): v is CustomRecord {
  return (
    isObject(v) &&
    v.version === CUSTOM_RECORD_VERSION &&
    (v.status === 'ready' || v.status === 'draft') &&
    isString(v.savedAt) &&
    isSummary(v.summary) &&
    isStringList(v.warnings) &&
    isObject(v.scenario)
  );
}

type ReadResult = { kind: 'ok'; record: CustomRecord; raw: string } | { kind: 'newer'; version: number } | { kind: 'broken'; reason: string; raw: string };

function defaultStorage(): StorageLike | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // e.g. storage blocked by the browser's privacy settings
  }
}

const keyOf = (id: string) => CUSTOM_KEY_PREFIX + id;

function customKeys(storage: StorageLike): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(CUSTOM_KEY_PREFIX)) keys.push(key);
  }
  return keys;
}

/** Bring an older entry up to date, and fill what can safely be filled. Unknown shapes pass through to the check. */
function migrate(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const entry = data as Record<string, unknown>;
  // Repair: the warnings are advice only; an entry that lost them is still usable.
  if (entry.version === CUSTOM_RECORD_VERSION && !Array.isArray(entry.warnings)) return { ...entry, warnings: [] };
  return entry;
}

function readEntry(storage: StorageLike, key: string): ReadResult | undefined {
  const raw = storage.getItem(key);
  if (raw === null) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { kind: 'broken', reason: 'it is not valid JSON', raw };
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > CUSTOM_RECORD_VERSION) return { kind: 'newer', version };
  const record = migrate(data);
  if (!isRecord(record)) return { kind: 'broken', reason: 'its contents are not in the expected shape', raw };
  const id = key.slice(CUSTOM_KEY_PREFIX.length);
  if (record.summary.id !== id || record.scenario.id !== id) return { kind: 'broken', reason: 'its id does not match its name', raw };
  return { kind: 'ok', record, raw };
}

/** Move an unreadable entry out of the way, keeping its data. Returns the notice to show. */
function setAside(storage: StorageLike, key: string, raw: string, reason: string): string {
  const id = key.slice(CUSTOM_KEY_PREFIX.length);
  const asideKey = `${SET_ASIDE_KEY_PREFIX}${id}:${Date.now()}`;
  try {
    storage.setItem(asideKey, raw);
    storage.removeItem(key);
    return `Your saved scenario "${id}" could not be read (${reason}). It has been set aside, not deleted: its data is kept in this browser under "${asideKey}".`;
  } catch {
    return `Your saved scenario "${id}" could not be read (${reason}). It was left where it is.`;
  }
}

function toSummary(record: CustomRecord): CustomScenarioSummary {
  return { ...record.summary, custom: true, status: record.status, savedAt: record.savedAt, warnings: record.warnings };
}

/** Every custom scenario, sorted by title, with notices about entries that could not be read. */
export function listCustomScenarios(options: StoreOptions = {}): CustomListing {
  const storage = options.storage ?? defaultStorage();
  if (!storage) return { scenarios: [], notices: ['This browser does not let the app store scenarios, so imported scenarios cannot be kept.'] };
  const scenarios: CustomScenarioSummary[] = [];
  const notices: string[] = [];
  for (const key of customKeys(storage)) {
    const entry = readEntry(storage, key);
    if (!entry) continue;
    if (entry.kind === 'ok') scenarios.push(toSummary(entry.record));
    else if (entry.kind === 'newer') notices.push(`The saved scenario "${key.slice(CUSTOM_KEY_PREFIX.length)}" was saved by a newer version of this app; it is left untouched.`);
    else notices.push(setAside(storage, key, entry.raw, entry.reason));
  }
  scenarios.sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
  return { scenarios, notices };
}

/** Ids of the saved custom scenarios (readable or not: an id in use is in use). */
export function customScenarioIds(options: StoreOptions = {}): string[] {
  const storage = options.storage ?? defaultStorage();
  return storage ? customKeys(storage).map((key) => key.slice(CUSTOM_KEY_PREFIX.length)) : [];
}

export interface SaveOptions extends StoreOptions {
  /** Ids of the built-in scenarios; a custom scenario never takes one. */
  builtInIds: readonly string[];
  /** Save a valid but unfinished scenario as a draft (default: refuse it). */
  asDraft?: boolean;
  /** When the id is taken: `refuse` (default), `replace` (custom scenarios only) or `copy` under a free id. */
  onClash?: 'refuse' | 'replace' | 'copy';
  /** The clock, for tests. */
  now?: () => Date;
}

export type SaveResult =
  | { ok: true; summary: CustomScenarioSummary; replaced: boolean; renamedFrom?: string }
  | {
      ok: false;
      reason: 'invalid' | 'draft' | 'clash' | 'storage';
      message: string;
      /** The problems of an invalid file, with lines. */
      problems?: ImportProblem[];
      /** For a clash: the id it clashes with and a free one for a copy. */
      clash?: { with: 'built-in' | 'custom'; id: string; suggestion: string };
    };

/** Store a checked file. Writes exactly one entry, or nothing. */
export function saveChecked(check: ImportCheck, options: SaveOptions): SaveResult {
  const storage = options.storage ?? defaultStorage();
  if (!check.ok) {
    const n = check.problems.length;
    return { ok: false, reason: 'invalid', message: `The file has ${n} problem${n === 1 ? '' : 's'}; nothing was saved.`, problems: check.problems };
  }
  if (!storage) return { ok: false, reason: 'storage', message: 'This browser does not let the app store scenarios; nothing was saved.' };
  if (check.status === 'draft' && !options.asDraft) {
    return { ok: false, reason: 'draft', message: 'This scenario is not finished (see the warnings). Save it as a draft to keep it anyway.' };
  }
  const builtIn = new Set(options.builtInIds);
  const custom = new Set(customScenarioIds({ storage }));
  let scenario: Scenario = check.scenario;
  const id = scenario.id;
  let replaced = false;
  let renamedFrom: string | undefined;
  if (builtIn.has(id) || custom.has(id)) {
    const clash = { with: builtIn.has(id) ? ('built-in' as const) : ('custom' as const), id, suggestion: freeId(id, new Set([...builtIn, ...custom])) };
    const policy = options.onClash ?? 'refuse';
    if (policy === 'copy') {
      scenario = { ...scenario, id: clash.suggestion };
      renamedFrom = id;
    } else if (policy === 'replace' && clash.with === 'custom') {
      replaced = true;
    } else {
      const message =
        clash.with === 'built-in'
          ? `A built-in scenario already uses the id "${id}", and built-in scenarios cannot be replaced. Save this one as a copy ("${clash.suggestion}"), or change "id" in the file.`
          : `You already have a custom scenario with the id "${id}". Replace it, or save this one as a copy ("${clash.suggestion}").`;
      return { ok: false, reason: 'clash', message, clash };
    }
  }
  const record: CustomRecord = {
    version: CUSTOM_RECORD_VERSION,
    status: check.status,
    savedAt: (options.now?.() ?? new Date()).toISOString(),
    summary: summarise(scenario),
    warnings: check.warnings.map((w) => `${w.where}: ${w.message}`),
    scenario: scenario as unknown as Record<string, unknown>,
  };
  try {
    storage.setItem(keyOf(scenario.id), JSON.stringify(record));
  } catch (error) {
    const name = typeof (error as { name?: unknown } | null)?.name === 'string' ? (error as { name: string }).name : 'an error';
    return { ok: false, reason: 'storage', message: `The browser would not store the scenario (${name}); its storage may be full. Nothing was changed.` };
  }
  return { ok: true, summary: toSummary(record), replaced, ...(renamedFrom ? { renamedFrom } : {}) };
}

/** Check a file's text (lazily loading the validator) and store it. */
export async function saveCustomScenario(text: string, options: SaveOptions): Promise<SaveResult> {
  const { checkImport } = await import('./import.ts');
  const check = checkImport(text, { builtInIds: options.builtInIds, customIds: customScenarioIds(options) });
  return saveChecked(check, options);
}

export type LoadResult = { ok: true; scenario: Scenario; summary: CustomScenarioSummary } | { ok: false; message: string };

/**
 * A custom scenario's content, validated again with the current schema (saved data is never trusted).
 * One that no longer validates is set aside and explained.
 */
export async function loadCustomScenario(id: string, options: StoreOptions = {}): Promise<LoadResult> {
  const storage = options.storage ?? defaultStorage();
  const entry = storage ? readEntry(storage, keyOf(id)) : undefined;
  if (!storage || !entry) return { ok: false, message: `There is no custom scenario called "${id}".` };
  if (entry.kind === 'newer') return { ok: false, message: `The scenario "${id}" was saved by a newer version of this app and cannot be opened here.` };
  if (entry.kind === 'broken') return { ok: false, message: setAside(storage, keyOf(id), entry.raw, entry.reason) };
  const { validateScenario } = await import('../engine/validate.ts');
  const validation = validateScenario(entry.record.scenario);
  if (!validation.ok) {
    const first = validation.problems[0]!;
    return { ok: false, message: setAside(storage, keyOf(id), entry.raw, `${first.where}: ${first.message}`) };
  }
  return { ok: true, scenario: validation.scenario, summary: toSummary(entry.record) };
}

/**
 * A custom scenario as a file to download, exactly as it was saved (no validator needed). Undefined when
 * there is no readable entry by that id.
 */
export function customScenarioFile(id: string, options: StoreOptions = {}): ExportedFile | undefined {
  const storage = options.storage ?? defaultStorage();
  const entry = storage ? readEntry(storage, keyOf(id)) : undefined;
  return entry?.kind === 'ok' ? exportScenario(entry.record.scenario as unknown as Scenario) : undefined;
}

export interface Removal {
  removed: boolean;
  /** Put the scenario back as it was; false when that id has been used again since. */
  undo: () => boolean;
}

export function removeCustomScenario(id: string, options: StoreOptions = {}): Removal {
  const storage = options.storage ?? defaultStorage();
  const key = keyOf(id);
  const raw = storage?.getItem(key) ?? null;
  if (!storage || raw === null) return { removed: false, undo: () => false };
  storage.removeItem(key);
  return {
    removed: true,
    undo: () => {
      if (storage.getItem(key) !== null) return false;
      try {
        storage.setItem(key, raw);
        return true;
      } catch {
        return false;
      }
    },
  };
}
