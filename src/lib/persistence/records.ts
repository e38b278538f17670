/**
 * The shapes of saved data, as `zod/mini` schemas (full zod stays off the first-load path), and the
 * migrations from older versions. Every record carries a `version`; `readRecord()` migrates, then parses.
 *
 * Version 0 is the prototype's layout, kept readable so nobody loses progress:
 * - a run kept only its latest snapshot (`snapshot`), with `startedAt` as an ISO date;
 * - history was a bare list of `{ scenarioId, seat, outcome, finishedAt }` with ISO dates;
 * - discovered outcomes were a bare map of scenario id to `{ employer, candidate }`;
 * - settings were `{ coach: boolean }`.
 */
import * as z from 'zod/mini';
import { OUTCOMES, SIDES } from '../engine/ledger.ts';

/** The version every record is written with. */
export const SAVE_VERSION = 1;

const side = z.enum(SIDES);
const seat = z.enum(['employer', 'candidate', 'both']);
const outcome = z.enum(OUTCOMES);
export const modeSchema = z.enum(['coach', 'realistic']);
/** Coach: both ledgers and feedback shown as you play. Realistic: nothing shown until the end. */
export type PlayMode = z.infer<typeof modeSchema>;

const ledger = z.object({ courtesy: z.number(), communication: z.number(), commonSense: z.number() });
const sides = <T extends z.core.SomeType>(value: T) => z.object({ employer: value, candidate: value });
export const stepSchema = z.object({ scene: z.string(), event: z.string(), side: z.nullable(side), auto: z.boolean() });
const verdict = z.object({
  outcome,
  employerLikes: z.boolean(),
  candidateLikes: z.boolean(),
  totals: sides(z.number()),
  dealBreakers: sides(z.nullable(z.string())),
});

/** An XState persisted snapshot of a scenario run. Unknown XState fields are kept as they are. */
export const snapshotSchema = z
  .looseObject({
    status: z.enum(['active', 'done']),
    value: z.string(),
    context: z.looseObject({
      seat,
      seed: z.number(),
      ledgers: sides(ledger),
      dealBreakers: sides(z.nullable(z.string())),
      flags: z.array(z.string()),
      steps: z.array(stepSchema),
    }),
    output: z.optional(verdict),
  })
  .check(z.refine((s) => s.status !== 'done' || s.output !== undefined, 'a finished run must say how it ended'));
export type SavedSnapshot = z.infer<typeof snapshotSchema>;

const runId = z.string().check(z.regex(/^[a-zA-Z0-9_-]{1,64}$/));

/** A run, in progress or finished, with a snapshot after every step. */
export const runSchema = z
  .object({
    version: z.literal(1),
    id: runId,
    scenarioId: z.string(),
    scenarioTitle: z.string(),
    seat,
    mode: modeSchema,
    startedAt: z.number(),
    updatedAt: z.number(),
    /** Pass-and-play: the side holding the device, or null before the first hand-over. */
    holder: z.nullable(side),
    /** `snapshots[k]` is the run after k steps. */
    snapshots: z.array(snapshotSchema).check(z.minLength(1)),
    /** Set when this run was branched from another: where, and that run's steps, for the comparison. */
    branchOf: z.optional(z.object({ runId: z.string(), step: z.int(), steps: z.array(stepSchema) })),
  })
  .check(z.refine((r) => r.snapshots.every((s) => s.context.seat === r.seat), 'every snapshot must be of the same seat'));
export type RunRecord = z.infer<typeof runSchema>;

export const historyEntrySchema = z.object({
  runId: z.string(),
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  seat,
  outcome,
  /** Milliseconds since 1970. */
  finishedAt: z.number(),
  /** How many choices the people made (unknown for runs saved by the prototype). */
  choices: z.optional(z.int()),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export const historySchema = z.object({ version: z.literal(1), runs: z.array(historyEntrySchema) });

/** Per scenario id, the outcomes reached from each side. A pass-and-play run counts for both. */
export const discoveredSchema = z.object({
  version: z.literal(1),
  scenarios: z.record(z.string(), sides(z.array(outcome))),
});
export type Discovered = z.infer<typeof discoveredSchema>['scenarios'];

export const settingsSchema = z.object({ version: z.literal(1), mode: modeSchema });
export type Settings = z.infer<typeof settingsSchema>;

export type RecordKind = 'run' | 'history' | 'discovered' | 'settings';
const SCHEMAS = { run: runSchema, history: historySchema, discovered: discoveredSchema, settings: settingsSchema };

type Migration = (data: unknown) => unknown;
const asObject = (data: unknown): Record<string, unknown> => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not an object');
  return data as Record<string, unknown>;
};
const millis = (iso: unknown): number => {
  const time = typeof iso === 'number' ? iso : Date.parse(String(iso));
  if (Number.isNaN(time)) throw new Error('not a date');
  return time;
};

/** `MIGRATIONS[kind][v]` turns version v into version v + 1. */
const MIGRATIONS: Record<RecordKind, Record<number, Migration>> = {
  run: {
    0: (data) => {
      const old = asObject(data);
      const started = millis(old.startedAt);
      return {
        version: 1,
        id: old.id,
        scenarioId: old.scenarioId,
        scenarioTitle: old.scenarioTitle ?? old.scenarioId,
        seat: old.seat,
        mode: 'coach',
        startedAt: started,
        updatedAt: started,
        holder: null,
        // Only the latest snapshot was kept; the earlier ones are rebuilt by replay when the run is opened.
        snapshots: [old.snapshot],
      };
    },
  },
  history: {
    0: (data) => {
      if (!Array.isArray(data)) throw new Error('not a list');
      return {
        version: 1,
        runs: data.map((entry, i) => {
          const old = asObject(entry);
          return { runId: `old-${i}`, scenarioId: old.scenarioId, scenarioTitle: old.scenarioTitle ?? old.scenarioId, seat: old.seat, outcome: old.outcome, finishedAt: millis(old.finishedAt) };
        }),
      };
    },
  },
  discovered: { 0: (data) => ({ version: 1, scenarios: asObject(data) }) },
  settings: { 0: (data) => ({ version: 1, mode: asObject(data).coach === false ? 'realistic' : 'coach' }) },
};

export type ReadResult<K extends RecordKind> =
  | { ok: true; value: z.infer<(typeof SCHEMAS)[K]>; migratedFrom?: number }
  | { ok: false; reason: 'unreadable' | 'damaged' | 'newer' };

/** Parse saved text: JSON, then migrate from its version, then check the shape. Never throws. */
export function readRecord<K extends RecordKind>(kind: K, text: string): ReadResult<K> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const declared = typeof data === 'object' && data !== null && 'version' in data ? (data as { version: unknown }).version : 0;
  if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 0) return { ok: false, reason: 'damaged' };
  if (declared > SAVE_VERSION) return { ok: false, reason: 'newer' };
  try {
    for (let v = declared; v < SAVE_VERSION; v++) data = MIGRATIONS[kind][v]!(data);
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  const parsed = SCHEMAS[kind].safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'damaged' };
  const value = parsed.data as z.infer<(typeof SCHEMAS)[K]>;
  return declared < SAVE_VERSION ? { ok: true, value, migratedFrom: declared } : { ok: true, value };
}
