/**
 * The player's saved data in one versioned key space (`osotd:v1:…`): runs (a snapshot after every step),
 * the history of finished runs, the outcomes discovered, and settings.
 *
 * Loading never throws and never stops the app: a record that cannot be read is moved to
 * `osotd:v1:corrupt:<time>:<what>` (set aside, not deleted), reported in words, and everything else loads.
 * A record from an older version is migrated and written back in the current version.
 */
import { allKeys, type KeyValueStorage } from './storage.ts';
import {
  readRecord,
  newRunRecord,
  SAVE_VERSION,
  type Discovered,
  type HistoryEntry,
  type PlayMode,
  type RecordKind,
  type RunRecord,
  type RunStart,
  type Settings,
} from './records.ts';
import type { Outcome } from '../engine/ledger.ts';
import type { PlaySeat, Step } from '../engine/machine.ts';

export const PREFIX = `osotd:v${SAVE_VERSION}:`;
export const KEYS = {
  run: (id: string) => `${PREFIX}run:${id}`,
  history: `${PREFIX}history`,
  discovered: `${PREFIX}discovered`,
  settings: `${PREFIX}settings`,
  corrupt: (time: number, what: string) => `${PREFIX}corrupt:${time}:${what}`,
};

/** Finished runs whose snapshots are kept (for the debrief and rewinding); older ones keep a history line. */
export const KEEP_FINISHED_RUNS = 12;
export const KEEP_HISTORY = 100;

/** Something the player is told about their saved data. */
export interface SaveProblem {
  message: string;
  /** Where the unreadable data was set aside, if it was. */
  setAsideAs?: string;
}

const WHAT: Record<RecordKind, string> = {
  run: 'a saved run',
  history: 'your list of finished runs',
  discovered: 'the outcomes you have discovered',
  settings: 'your settings',
};
const WHY = {
  unreadable: 'it is not readable',
  damaged: 'it is damaged',
  newer: 'it was saved by a newer version of the app',
};

export function isFinished(run: RunRecord): boolean {
  return run.outcome !== null;
}

export class SaveStore {
  readonly storage: KeyValueStorage;
  readonly now: () => number;
  problems: SaveProblem[] = [];
  runs = new Map<string, RunRecord>();
  history: HistoryEntry[] = [];
  discovered: Discovered = {};
  settings: Settings = { version: SAVE_VERSION, mode: 'coach' };

  constructor(storage: KeyValueStorage, now: () => number = () => Date.now()) {
    this.storage = storage;
    this.now = now;
    this.load();
  }

  /** Read everything under the key space. Unreadable records are set aside and reported. */
  load(): void {
    this.runs.clear();
    for (const key of allKeys(this.storage)) {
      if (!key.startsWith(`${PREFIX}run:`)) continue;
      const run = this.#read('run', key);
      if (run) this.runs.set(run.id, run);
    }
    this.history = this.#read('history', KEYS.history)?.runs ?? [];
    this.discovered = this.#read('discovered', KEYS.discovered)?.scenarios ?? {};
    this.settings = this.#read('settings', KEYS.settings) ?? { version: SAVE_VERSION, mode: 'coach' };
  }

  #read<K extends RecordKind>(kind: K, key: string) {
    let text: string | null;
    try {
      text = this.storage.getItem(key);
    } catch {
      text = null;
    }
    if (text === null) return undefined;
    const result = readRecord(kind, text);
    if (result.ok) {
      if (result.migratedFrom !== undefined) this.#write(key, result.value);
      return result.value;
    }
    const what = kind === 'run' ? runDescription(text) : WHAT[kind];
    const setAsideAs = this.#setAside(key, text, kind);
    const kept = setAsideAs ? 'It was set aside on this device, not deleted' : 'It was left where it was';
    this.problems.push({
      message: `${capitalise(what)} could not be restored because ${WHY[result.reason]}. ${kept}; everything else was restored.`,
      ...(setAsideAs ? { setAsideAs } : {}),
    });
    return undefined;
  }

  #setAside(key: string, text: string, what: string): string | undefined {
    let target = KEYS.corrupt(this.now(), what);
    for (let n = 2; this.storage.getItem(target) !== null; n++) target = `${KEYS.corrupt(this.now(), what)}-${n}`;
    try {
      this.storage.setItem(target, JSON.stringify({ key, savedText: text, setAsideAt: this.now() }));
      this.storage.removeItem(key);
      return target;
    } catch {
      return undefined;
    }
  }

  /** Write a record; when storage is full, drop the oldest finished runs' snapshots and try again. */
  #write(key: string, value: unknown): boolean {
    const text = JSON.stringify(value);
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        this.storage.setItem(key, text);
        return true;
      } catch {
        if (!this.#pruneFinished(Math.max(0, KEEP_FINISHED_RUNS - 4 * (attempt + 1)))) break;
      }
    }
    const message = 'Your progress could not be saved: this browser’s storage is full or switched off. You can keep playing, but this run will not survive a reload.';
    if (!this.problems.some((p) => p.message === message)) this.problems.push({ message });
    return false;
  }

  /** Keep at most `keep` finished runs' snapshots, the newest. Returns whether anything was removed. */
  #pruneFinished(keep: number): boolean {
    const finished = [...this.runs.values()].filter(isFinished).sort((a, b) => b.updatedAt - a.updatedAt);
    const drop = finished.slice(keep);
    for (const run of drop) this.removeRun(run.id);
    return drop.length > 0;
  }

  newRunId(): string {
    return `r${this.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  }

  putRun(run: RunRecord): void {
    this.runs.set(run.id, run);
    this.#write(KEYS.run(run.id), run);
  }

  removeRun(id: string): void {
    this.runs.delete(id);
    this.storage.removeItem(KEYS.run(id));
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
    const entry: HistoryEntry = { runId: run.id, scenarioId: run.scenarioId, scenarioTitle: run.scenarioTitle, seat: run.seat, outcome, finishedAt: this.now(), choices };
    this.history = [entry, ...this.history].slice(0, KEEP_HISTORY);
    this.#write(KEYS.history, { version: SAVE_VERSION, runs: this.history });
    const found = this.discovered[run.scenarioId] ?? { employer: [], candidate: [] };
    const sides = run.seat === 'both' ? (['employer', 'candidate'] as const) : [run.seat];
    const next = { ...found };
    for (const side of sides) if (!next[side].includes(outcome)) next[side] = [...next[side], outcome];
    this.discovered = { ...this.discovered, [run.scenarioId]: next };
    this.#write(KEYS.discovered, { version: SAVE_VERSION, scenarios: this.discovered });
    this.#pruneFinished(KEEP_FINISHED_RUNS);
  }

  setMode(mode: PlayMode): void {
    this.settings = { version: SAVE_VERSION, mode };
    this.#write(KEYS.settings, this.settings);
  }

  /** Erase everything this app saved on this device, including data that was set aside. */
  /**
   * Forget the player's progress: runs, history, discovered outcomes and settings. Imported scenarios,
   * facilitator sessions and data set aside as unreadable are not progress, and are kept.
   */
  reset(): void {
    const progress = [`${PREFIX}run:`, KEYS.history, KEYS.discovered, KEYS.settings];
    for (const key of allKeys(this.storage)) if (progress.some((p) => key.startsWith(p))) this.storage.removeItem(key);
    this.runs.clear();
    this.history = [];
    this.discovered = {};
    this.settings = { version: SAVE_VERSION, mode: 'coach' };
    this.problems = [];
  }

  dismissProblems(): void {
    this.problems = [];
  }

  /** Set aside a run that loaded but cannot be resumed (e.g. its scenario changed), and say why. */
  setAsideRun(run: RunRecord, reason: string): void {
    const setAsideAs = this.#setAside(KEYS.run(run.id), JSON.stringify(run), 'run');
    this.runs.delete(run.id);
    this.problems.push({
      message: `Your run of “${run.scenarioTitle}” could not be resumed because ${reason}. It was set aside on this device, not deleted.`,
      ...(setAsideAs ? { setAsideAs } : {}),
    });
  }
}

/** "your run of “Title”" when the damaged text still names its scenario, else "a saved run". */
function runDescription(text: string): string {
  const match = /"scenarioTitle"\s*:\s*"([^"\\]{1,120})"/.exec(text);
  return match ? `your run of “${match[1]}”` : WHAT.run;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
