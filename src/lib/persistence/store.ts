/**
 * The player's saved progress in one versioned key space (`osotd:v1:…`): runs (their choices), the
 * history of finished runs, the outcomes discovered, and settings. Each is a record kind of the app's
 * one record store (`record-store.ts`; kinds declared in `records.ts`).
 *
 * Loading never throws and never stops the app: a record that cannot be read is set aside with its
 * reason (never deleted), reported in words, and everything else loads; a record from a newer version
 * of the app is left untouched. A record from an older version is migrated, and written back when there
 * is room: a full storage never costs a record that still reads.
 */
import { allKeys, type KeyValueStorage } from './storage.ts';
import { RecordStore, type RecordKind } from './record-store.ts';
import {
  discoveredKind,
  historyKind,
  newRunRecord,
  PROGRESS_KINDS,
  RECORD_VERSIONS,
  runKind,
  SAVE_VERSION,
  settingsKind,
  type Discovered,
  type HistoryEntry,
  type PlayMode,
  type RunRecord,
  type RunStart,
  type Settings,
} from './records.ts';
import type { Outcome } from '../engine/ledger.ts';
import type { PlaySeat, Step } from '../engine/machine.ts';

export const PREFIX = `osotd:v${SAVE_VERSION}:`;
export const KEYS = {
  run: (id: string) => runKind.prefix + id,
  history: historyKind.prefix,
  discovered: discoveredKind.prefix,
  settings: settingsKind.prefix,
};

/** Finished runs kept (for the debrief and rewinding); older ones keep a history line. */
export const KEEP_FINISHED_RUNS = 12;
export const KEEP_HISTORY = 100;

/** Something the player is told about their saved data. */
export interface SaveProblem {
  message: string;
}

const FULL = 'Your progress could not be saved: this browser’s storage is full or switched off. You can keep playing, but this run will not survive a reload.';

export function isFinished(run: RunRecord): boolean {
  return run.outcome !== null;
}

export class SaveStore {
  readonly storage: KeyValueStorage;
  readonly now: () => number;
  /** The record store under the progress (and, for "Your data", everything else saved). */
  readonly records: RecordStore;
  problems: SaveProblem[] = [];
  runs = new Map<string, RunRecord>();
  history: HistoryEntry[] = [];
  discovered: Discovered = {};
  settings: Settings = { version: RECORD_VERSIONS.settings, mode: 'coach' };

  constructor(storage: KeyValueStorage, now: () => number = () => Date.now()) {
    this.storage = storage;
    this.now = now;
    this.records = new RecordStore(storage, now);
    this.load();
  }

  /** Read everything under the key space. Unreadable records are set aside and reported, one by one. */
  load(): void {
    this.runs.clear();
    const runs = this.records.readAll(runKind);
    for (const { value } of runs.records) this.runs.set(value.id, value);
    this.#report(runs.messages);
    this.history = this.#read(historyKind)?.runs ?? [];
    this.discovered = this.#read(discoveredKind)?.scenarios ?? {};
    this.settings = this.#read(settingsKind) ?? { version: RECORD_VERSIONS.settings, mode: 'coach' };
  }

  #report(messages: string[]): void {
    for (const message of messages) if (!this.problems.some((p) => p.message === message)) this.problems.push({ message });
  }

  #read<T>(kind: RecordKind<T>): T | undefined {
    const read = this.records.read(kind, '');
    if (read.status === 'unreadable') this.#report([read.message]);
    return read.status === 'found' ? read.value : undefined;
  }

  /** Write a record; when storage is full, drop the oldest finished runs and try again. */
  #write<T>(kind: RecordKind<T>, id: string, value: T): boolean {
    for (let attempt = 0; attempt < 4; attempt++) {
      const written = this.records.write(kind, id, value);
      if (written.ok) return true;
      if (written.why !== 'full') {
        this.#report([written.why === 'newer' ? written.message : FULL]);
        return false;
      }
      if (!this.#pruneFinished(Math.max(0, KEEP_FINISHED_RUNS - 4 * (attempt + 1)), id)) break;
    }
    this.#report([FULL]);
    return false;
  }

  /** Keep at most `keep` finished runs, the newest, and never `spare`. Returns whether anything was removed. */
  #pruneFinished(keep: number, spare = ''): boolean {
    const finished = [...this.runs.values()].filter((r) => isFinished(r) && r.id !== spare).sort((a, b) => b.updatedAt - a.updatedAt);
    const drop = finished.slice(keep);
    for (const run of drop) this.removeRun(run.id);
    return drop.length > 0;
  }

  newRunId(): string {
    return `r${this.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  }

  putRun(run: RunRecord): void {
    this.runs.set(run.id, run);
    this.#write(runKind, run.id, run);
  }

  removeRun(id: string): void {
    this.runs.delete(id);
    this.records.remove(runKind, id);
  }

  /** Create and save a new run, at its start. */
  startRun(init: RunStart): RunRecord {
    const run = newRunRecord(init, this.newRunId(), this.now());
    this.putRun(run);
    return run;
  }

  /**
   * Rewind-and-branch: a new run that stands exactly where `from` stood before step `step` (0-based),
   * remembering `from`'s choices for the comparison. `steps` are `from`'s steps. `from` itself is unchanged.
   */
  branchRun(from: RunRecord, step: number, steps: readonly Step[]): RunRecord {
    const time = this.now();
    const chooser = steps[step]?.side ?? null;
    const before = steps.slice(0, step);
    const run: RunRecord = {
      ...from,
      id: this.newRunId(),
      startedAt: time,
      updatedAt: time,
      // In pass-and-play the person who rewinds is the one who chose at that step: they hold the device.
      holder: from.seat === 'both' ? chooser : null,
      choices: before.filter((s) => !s.auto && s.event !== 'continue').map((s) => s.event),
      stepCount: before.length,
      outcome: null,
      branchOf: { runId: from.id, step, choices: from.choices },
    };
    this.putRun(run);
    return run;
  }

  /** The newest unfinished run of a scenario from a seat. */
  unfinishedRun(scenarioId: string, seat: PlaySeat): RunRecord | undefined {
    let best: RunRecord | undefined;
    for (const run of this.runs.values()) {
      if (run.scenarioId !== scenarioId || run.seat !== seat || isFinished(run)) continue;
      if (!best || run.updatedAt > best.updatedAt) best = run;
    }
    return best;
  }

  /** Record a finished run once: a history line, its outcome discovered, older runs pruned. */
  finishRun(run: RunRecord, outcome: Outcome, choices: number): void {
    if (this.history.some((h) => h.runId === run.id)) return;
    const entry: HistoryEntry = {
      runId: run.id,
      scenarioId: run.scenarioId,
      scenarioTitle: run.scenarioTitle,
      seat: run.seat,
      outcome,
      finishedAt: this.now(),
      choices,
    };
    this.history = [entry, ...this.history].slice(0, KEEP_HISTORY);
    this.#write(historyKind, '', { version: RECORD_VERSIONS.history, runs: this.history });
    const found = this.discovered[run.scenarioId] ?? { employer: [], candidate: [] };
    const sides = run.seat === 'both' ? (['employer', 'candidate'] as const) : [run.seat];
    const next = { ...found };
    for (const side of sides) if (!next[side].includes(outcome)) next[side] = [...next[side], outcome];
    this.discovered = { ...this.discovered, [run.scenarioId]: next };
    this.#write(discoveredKind, '', { version: RECORD_VERSIONS.discovered, scenarios: this.discovered });
    this.#pruneFinished(KEEP_FINISHED_RUNS);
  }

  setMode(mode: PlayMode): void {
    this.settings = { version: RECORD_VERSIONS.settings, mode };
    this.#write(settingsKind, '', this.settings);
  }

  /**
   * Forget the player's progress: runs, history, discovered outcomes and settings. Imported scenarios,
   * facilitator sessions and data set aside as unreadable are not progress, and are kept.
   */
  reset(): void {
    for (const key of allKeys(this.storage)) if (PROGRESS_KINDS.some((k) => key.startsWith(k.prefix))) this.storage.removeItem(key);
    this.runs.clear();
    this.history = [];
    this.discovered = {};
    this.settings = { version: RECORD_VERSIONS.settings, mode: 'coach' };
    this.problems = [];
  }

  dismissProblems(): void {
    this.problems = [];
  }

  /** Set aside a run that loaded but cannot be resumed (e.g. its scenario changed), and say why. */
  setAsideRun(run: RunRecord, reason: string): void {
    const text = this.storage.getItem(KEYS.run(run.id)) ?? JSON.stringify(run);
    this.#report([this.records.setAside(runKind, run.id, reason, text)]);
    this.runs.delete(run.id);
  }
}
