/**
 * The custom-scenario store: scenarios people imported, kept in the browser's localStorage, one record
 * per scenario (`osotd:v1:custom:<id>`) in the app's one record store (`../persistence/record-store.ts`),
 * so one broken entry never takes the others, or the runs played on it, with it.
 *
 * Listing, removing and exporting need only the record's shape (checked with `persistence/shape.ts`, so the
 * library lists imported scenarios without loading zod; the scenario inside is not checked there). Saving
 * from text and loading to play validate with the full scenario schema, loaded with `import()`.
 *
 * Guarantees: a save writes one key with one `setItem`, after every check has passed, so a failed import
 * changes nothing; a built-in id is never taken; an existing custom scenario is replaced only when asked.
 * An entry that cannot be read is set aside with its reason and reported, never deleted; an entry from
 * a newer version of the app is left untouched.
 */
import * as z from '../persistence/shape.ts';
import type { Scenario } from '../engine/schema.ts';
import { summarise, type ScenarioSummary } from '../scenarios/summary.ts';
import { RecordStore, SET_ASIDE_PREFIX, type RecordKind } from '../persistence/record-store.ts';
import { browserStorage, type KeyValueStorage } from '../persistence/storage.ts';
import type { ExportedFile } from './export.ts';
import { freeId } from './ids.ts';
import { textOrder } from '../ui/text-order.ts';
import type { ImportCheck, ImportProblem } from './import.ts';

export const CUSTOM_KEY_PREFIX = 'osotd:v1:custom:';
/** Where entries that could not be read are kept (the record store's set-aside space). */
export const SET_ASIDE_KEY_PREFIX = SET_ASIDE_PREFIX;
/** Version of a saved entry; bump with a migration in `customScenarioKind`. */
export const CUSTOM_RECORD_VERSION = 1;

/** The part of the Web Storage API the store uses (localStorage, or a fake in tests). */
export type StorageLike = KeyValueStorage;

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

const customSchema = z.object({
  version: z.literal(CUSTOM_RECORD_VERSION),
  status: z.oneOf(['ready', 'draft']),
  savedAt: z.string(),
  summary: z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    seats: z.array(z.oneOf(['employer', 'candidate'])),
    minutes: z.number(),
    tags: z.array(z.string()),
  }),
  /** Advice only: an entry that lost its warnings is still usable, with none. */
  warnings: z.withDefault(z.array(z.string()), []),
  /** The validated scenario; validated again, with the full schema, before it is played. */
  scenario: z.record(z.unknown()),
});
/** A saved entry, as written by `saveChecked`. */
type CustomRecord = z.Infer<typeof customSchema>;

/** Imported scenarios, as a kind of saved record. */
export const customScenarioKind: RecordKind<CustomRecord> = {
  name: 'a saved scenario',
  prefix: CUSTOM_KEY_PREFIX,
  version: CUSTOM_RECORD_VERSION,
  schema: customSchema,
  check: (record, id) => (record.summary.id !== id || record.scenario.id !== id ? 'its id does not match its name' : undefined),
  describe: (id) => `your saved scenario "${id}"`,
};

const UNAVAILABLE = 'This browser does not let the app store scenarios';

/** The record store over the given storage, or the browser's; undefined when the browser refuses storage. */
function recordsOf(options: StoreOptions): RecordStore | undefined {
  if (options.storage) return new RecordStore(options.storage);
  const { storage, persistent } = browserStorage();
  return persistent ? new RecordStore(storage) : undefined;
}

function toSummary(record: CustomRecord): CustomScenarioSummary {
  return { ...record.summary, custom: true, status: record.status, savedAt: record.savedAt, warnings: record.warnings };
}

/** Every custom scenario, sorted by title, with notices about entries that could not be read. */
export function listCustomScenarios(options: StoreOptions = {}): CustomListing {
  const records = recordsOf(options);
  if (!records) return { scenarios: [], notices: [`${UNAVAILABLE}, so imported scenarios cannot be kept.`] };
  const { records: found, messages } = records.readAll(customScenarioKind);
  const scenarios = found.map((r) => toSummary(r.value));
  scenarios.sort((a, b) => textOrder(a.title, b.title) || textOrder(a.id, b.id));
  return { scenarios, notices: messages };
}

/** Ids of the saved custom scenarios (readable or not: an id in use is in use). */
export function customScenarioIds(options: StoreOptions = {}): string[] {
  return recordsOf(options)?.ids(customScenarioKind) ?? [];
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
  if (!check.ok) {
    const n = check.problems.length;
    return { ok: false, reason: 'invalid', message: `The file has ${n} problem${n === 1 ? '' : 's'}; nothing was saved.`, problems: check.problems };
  }
  const records = recordsOf(options);
  if (!records) return { ok: false, reason: 'storage', message: `${UNAVAILABLE}; nothing was saved.` };
  if (check.status === 'draft' && !options.asDraft) {
    return { ok: false, reason: 'draft', message: 'This scenario is not finished (see the warnings). Save it as a draft to keep it anyway.' };
  }
  const builtIn = new Set(options.builtInIds);
  const custom = new Set(records.ids(customScenarioKind));
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
    scenario,
  };
  const written = records.write(customScenarioKind, scenario.id, record);
  if (!written.ok) {
    const why =
      written.why === 'newer'
        ? written.message
        : `The browser would not store the scenario (${written.why === 'full' ? 'its storage is full' : 'storage is switched off'}).`;
    return { ok: false, reason: 'storage', message: `${why} Nothing was changed.` };
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
  const records = recordsOf(options);
  const read = records?.read(customScenarioKind, id);
  if (!records || !read || read.status === 'missing') return { ok: false, message: `There is no custom scenario called "${id}".` };
  if (read.status === 'unreadable') return { ok: false, message: read.message };
  const { validateScenario } = await import('../engine/validate.ts');
  const validation = validateScenario(read.value.scenario);
  if (!validation.ok) {
    const first = validation.problems[0]!;
    return { ok: false, message: records.setAside(customScenarioKind, id, `${first.where}: ${first.message}`) };
  }
  return { ok: true, scenario: validation.scenario, summary: toSummary(read.value) };
}

/**
 * A custom scenario as a file to download, exactly as it was saved (no validator needed; the same file
 * `exportScenario` gives). Undefined when there is no readable entry by that id.
 */
export function customScenarioFile(id: string, options: StoreOptions = {}): ExportedFile | undefined {
  const read = recordsOf(options)?.read(customScenarioKind, id);
  if (read?.status !== 'found') return undefined;
  return { filename: `${id}.json`, text: `${JSON.stringify(read.value.scenario, null, 2)}\n`, mimeType: 'application/json' };
}

export interface Removal {
  removed: boolean;
  /** Put the scenario back as it was; false when that id has been used again since. */
  undo: () => boolean;
}

export function removeCustomScenario(id: string, options: StoreOptions = {}): Removal {
  const storage = recordsOf(options)?.storage;
  const key = CUSTOM_KEY_PREFIX + id;
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
