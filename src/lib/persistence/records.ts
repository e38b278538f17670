/**
 * The shapes of saved data, as `shape.ts` checkers (no zod on the first-load path), and the
 * migrations from older versions, declared as kinds of the record store (`record-store.ts`), which migrates, then parses.
 *
 * Runs version 1 kept an XState snapshot after every step; version 2 keeps the people's choices and
 * replays them. Version 0 is the prototype's layout, kept readable so nobody loses progress:
 * - a run kept only its latest snapshot (`snapshot`), with `startedAt` as an ISO date;
 * - history was a bare list of `{ scenarioId, seat, outcome, finishedAt }` with ISO dates;
 * - discovered outcomes were a bare map of scenario id to `{ employer, candidate }`;
 * - settings were `{ coach: boolean }`.
 */
import * as z from './shape.ts';
import { OUTCOMES, SIDES } from '../engine/ledger.ts';
import type { AnyKind, RecordKind as Kind } from './record-store.ts';

/** The version of the saved-data key space (`osotd:v1:`), and of every record kind but runs. */
export const SAVE_VERSION = 1;
/** The version each kind of record is written with. */
export const RECORD_VERSIONS = { run: 2, history: 1, discovered: 1, settings: 1 } as const;

const side = z.oneOf(SIDES);
const seat = z.oneOf(['employer', 'candidate', 'both']);
const outcome = z.oneOf(OUTCOMES);
export const modeSchema = z.oneOf(['coach', 'realistic']);
/** Coach: both ledgers and feedback shown as you play. Realistic: nothing shown until the end. */
export type PlayMode = z.Infer<typeof modeSchema>;

const sides = <T>(value: z.Shape<T>) => z.object({ employer: value, candidate: value });
const runId = z.string(/^[a-zA-Z0-9_-]{1,64}$/);
const choiceEvent = z.string(/^choice\.[a-zA-Z0-9_-]{1,64}$/);

/**
 * A run, in progress or finished, saved as the people's choices (version 2). Runs are deterministic, so
 * replaying the choices through the scenario rebuilds every step exactly; the record grows by one short
 * entry per choice.
 */
export const runSchema = z.object({
  version: z.literal(2),
  id: runId,
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  seat,
  mode: modeSchema,
  /** Seed of the order the options are shown in. */
  seed: z.int(),
  startedAt: z.number(),
  updatedAt: z.number(),
  /** Pass-and-play: the side holding the device, or null before the first hand-over. */
  holder: z.nullable(side),
  /** The people's choices, in order. */
  choices: z.array(choiceEvent, 5000),
  /** How many steps the run has taken (choices, the scenario's own moves and continues). */
  stepCount: z.int(0, 20000),
  /** How the run ended, or null while it is in progress. */
  outcome: z.nullable(outcome),
  /** Set when this run was branched from another: where (a step index), and that run's choices, for the comparison. */
  branchOf: z.optional(z.object({ runId: z.string(), step: z.int(), choices: z.array(choiceEvent) })),
});
export type RunRecord = z.Infer<typeof runSchema>;

/** What starting a run needs to know. */
export interface RunStart {
  scenarioId: string;
  scenarioTitle: string;
  seat: RunRecord['seat'];
  mode: PlayMode;
  seed: number;
}

/** A run at its start, before any step. */
export function newRunRecord(start: RunStart, id: string, time: number): RunRecord {
  return { version: 2, id, ...start, startedAt: time, updatedAt: time, holder: null, choices: [], stepCount: 0, outcome: null };
}

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
export type HistoryEntry = z.Infer<typeof historyEntrySchema>;
export const historySchema = z.object({ version: z.literal(1), runs: z.array(historyEntrySchema) });

/** Per scenario id, the outcomes reached from each side. A pass-and-play run counts for both. */
export const discoveredSchema = z.object({
  version: z.literal(1),
  scenarios: z.record(sides(z.array(outcome))),
});
export type Discovered = z.Infer<typeof discoveredSchema>['scenarios'];

export const settingsSchema = z.object({ version: z.literal(1), mode: modeSchema });
export type Settings = z.Infer<typeof settingsSchema>;

export type RecordKind = 'run' | 'history' | 'discovered' | 'settings';

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

const stepList = (data: unknown): Record<string, unknown>[] => {
  if (!Array.isArray(data)) throw new Error('not a list');
  return data.map(asObject);
};
/** The people's choices among version 1's recorded steps. */
const peopleChoices = (steps: Record<string, unknown>[]): unknown[] => steps.filter((s) => s.auto === false && s.event !== 'continue').map((s) => s.event);

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
        snapshots: [old.snapshot],
      };
    },
    1: (data) => {
      const old = asObject(data);
      const snapshots = Array.isArray(old.snapshots) ? old.snapshots : [];
      const last = asObject(snapshots.at(-1));
      const context = asObject(last.context);
      const steps = stepList(context.steps);
      const branchOf = old.branchOf === undefined ? undefined : asObject(old.branchOf);
      return {
        version: 2,
        id: old.id,
        scenarioId: old.scenarioId,
        scenarioTitle: old.scenarioTitle,
        seat: old.seat,
        mode: old.mode,
        // Version 1 showed options in file order; any seed now shuffles them, which is fine for a run in progress.
        seed: typeof context.seed === 'number' && Number.isInteger(context.seed) ? context.seed : 1,
        startedAt: old.startedAt,
        updatedAt: old.updatedAt,
        holder: old.holder,
        choices: peopleChoices(steps),
        stepCount: steps.length,
        outcome: last.status === 'done' ? asObject(last.output).outcome : null,
        ...(branchOf ? { branchOf: { runId: branchOf.runId, step: branchOf.step, choices: peopleChoices(stepList(branchOf.steps)) } } : {}),
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
          return {
            runId: `old-${i}`,
            scenarioId: old.scenarioId,
            scenarioTitle: old.scenarioTitle ?? old.scenarioId,
            seat: old.seat,
            outcome: old.outcome,
            finishedAt: millis(old.finishedAt),
          };
        }),
      };
    },
  },
  discovered: { 0: (data) => ({ version: 1, scenarios: asObject(data) }) },
  settings: { 0: (data) => ({ version: 1, mode: asObject(data).coach === false ? 'realistic' : 'coach' }) },
};

/** "your run of “Title”" when a run's text still names its scenario. */
const runTitle = (text: string) => /"scenarioTitle"\s*:\s*"([^"\\]{1,120})"/.exec(text)?.[1];

/** Saved runs, one record each under `osotd:v1:run:<id>`. */
export const runKind: Kind<RunRecord> = {
  name: 'a saved run',
  prefix: 'osotd:v1:run:',
  version: RECORD_VERSIONS.run,
  schema: runSchema,
  migrations: MIGRATIONS.run,
  check: (run, id) => (run.id !== id ? 'its id does not match its name' : undefined),
  describe: (_id, text) => (runTitle(text) ? `your run of “${runTitle(text)}”` : undefined),
};
export const historyKind: Kind<z.Infer<typeof historySchema>> = {
  name: 'your list of finished runs',
  prefix: 'osotd:v1:history',
  single: true,
  version: RECORD_VERSIONS.history,
  schema: historySchema,
  migrations: MIGRATIONS.history,
};
export const discoveredKind: Kind<z.Infer<typeof discoveredSchema>> = {
  name: 'the outcomes you have discovered',
  prefix: 'osotd:v1:discovered',
  single: true,
  version: RECORD_VERSIONS.discovered,
  schema: discoveredSchema,
  migrations: MIGRATIONS.discovered,
};
export const settingsKind: Kind<Settings> = {
  name: 'your settings',
  prefix: 'osotd:v1:settings',
  single: true,
  version: RECORD_VERSIONS.settings,
  schema: settingsSchema,
  migrations: MIGRATIONS.settings,
};
/** The player's progress: what "Erase my progress" erases. */
export const PROGRESS_KINDS: readonly AnyKind[] = [runKind, historyKind, discoveredKind, settingsKind];
