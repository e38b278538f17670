/**
 * Runes bridge over the saved data (`SaveStore`): components read `history`, `discovered`, `mode`,
 * `problems` and the runs, and call the methods; every change is written through at once.
 */
import { SaveStore, isFinished, type SaveProblem } from '../persistence/store.ts';
import { browserStorage, type KeyValueStorage } from '../persistence/storage.ts';
import type { PlayMode, RunRecord } from '../persistence/records.ts';
import type { Outcome, Side } from '../engine/ledger.ts';
import type { PlaySeat, Step } from '../engine/machine.ts';

export type { PlayMode, RunRecord };

export class SavedData {
  readonly store: SaveStore;
  /** Bumped after every change, so readers re-run. */
  #revision = $state(0);

  constructor(storage?: KeyValueStorage, now?: () => number) {
    let persistent = true;
    if (!storage) ({ storage, persistent } = browserStorage());
    this.store = new SaveStore(storage, now);
    if (!persistent) {
      this.store.problems.push({
        message: 'This browser is not letting the app save anything, so your progress will be lost when you close this tab.',
      });
    }
  }

  #read<T>(value: () => T): T {
    void this.#revision;
    return value();
  }

  #change<T>(action: () => T): T {
    const result = action();
    this.#revision++;
    return result;
  }

  get problems(): readonly SaveProblem[] {
    return this.#read(() => this.store.problems);
  }
  get history() {
    return this.#read(() => this.store.history);
  }
  get mode(): PlayMode {
    return this.#read(() => this.store.settings.mode);
  }

  /** The outcomes found for a scenario from each side. */
  discovered(scenarioId: string): Record<Side, Outcome[]> {
    return this.#read(() => this.store.discovered[scenarioId] ?? { employer: [], candidate: [] });
  }

  run(id: string): RunRecord | undefined {
    return this.#read(() => this.store.runs.get(id));
  }

  unfinished(scenarioId: string, seat: PlaySeat): RunRecord | undefined {
    return this.#read(() => this.store.unfinishedRun(scenarioId, seat));
  }

  /** Every unfinished run, newest first. */
  get unfinishedRuns(): RunRecord[] {
    return this.#read(() => [...this.store.runs.values()].filter((r) => !isFinished(r)).sort((a, b) => b.updatedAt - a.updatedAt));
  }

  setMode(mode: PlayMode): void {
    this.#change(() => this.store.setMode(mode));
  }

  startRun(init: { scenarioId: string; scenarioTitle: string; seat: PlaySeat; mode: PlayMode; seed: number }): RunRecord {
    return this.#change(() => this.store.startRun(init));
  }

  saveRun(run: RunRecord): void {
    this.#change(() => this.store.putRun(run));
  }

  discardRun(id: string): void {
    this.#change(() => this.store.removeRun(id));
  }

  branchRun(from: RunRecord, step: number, steps: readonly Step[]): RunRecord {
    return this.#change(() => this.store.branchRun(from, step, steps));
  }

  finishRun(run: RunRecord, outcome: Outcome, choices: number): void {
    this.#change(() => this.store.finishRun(run, outcome, choices));
  }

  setAsideRun(run: RunRecord, reason: string): void {
    this.#change(() => this.store.setAsideRun(run, reason));
  }

  /** Read the saved data again (e.g. after "Your data" restored a record). */
  reload(): void {
    this.#change(() => this.store.load());
  }

  dismissProblems(): void {
    this.#change(() => this.store.dismissProblems());
  }

  reset(): void {
    this.#change(() => this.store.reset());
  }
}
