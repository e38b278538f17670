/**
 * Runes bridge from a scenario run (an XState actor) to components: @xstate/svelte's `useSelector` store
 * of the actor, read through Svelte's `fromStore`; undo and rewind start a new actor from a saved
 * snapshot. Components read `snapshot`, `turn`, `scene` and the derived views, and call `choose`, `proceed`, `undo` and `acceptHandover`; the rules live
 * in the engine. After every step the run's persisted snapshot is appended to its record and handed to
 * `onchange` (to be saved), so any earlier moment can be restored exactly.
 */
import { createActor, type Actor } from 'xstate';
import { useSelector } from '@xstate/svelte';
import { fromStore } from 'svelte/store';
import { createScenarioMachine, type PlaySeat, type RunSnapshot, type ScenarioMachine } from '../engine/machine.ts';
import { nextTurn, sceneAt, type Turn } from '../engine/run.ts';
import { buildDebrief, type TimelineEntry } from '../engine/debrief.ts';
import type { Side } from '../engine/ledger.ts';
import type { Choice, Scenario } from '../engine/schema.ts';
import type { PlayMode, RunRecord, SavedSnapshot } from '../persistence/records.ts';
import { startSnapshot } from '../engine/playthrough.ts';

export interface RunSessionOptions {
  scenario: Scenario;
  /** The run to continue (its last snapshot is restored). Omit to start afresh from `seat`. */
  record?: RunRecord;
  seat?: PlaySeat;
  mode?: PlayMode;
  /** Called with the updated record after every step, undo and hand-over. */
  onchange?: (record: RunRecord) => void;
  now?: () => number;
}

/** The last choice a person made, with what it did: what coach mode shows. */
export interface Coaching {
  side: Side;
  choice: Choice;
  entry: TimelineEntry;
}

export class RunSession {
  readonly scenario: Scenario;
  readonly machine: ScenarioMachine;
  record: RunRecord = $state.raw() as RunRecord;
  /** The actor's snapshot as @xstate/svelte's store, read as a rune through Svelte's `fromStore`. */
  #view: { readonly current: RunSnapshot } = $state.raw() as { readonly current: RunSnapshot };
  readonly debrief = $derived.by(() => buildDebrief(this.scenario, this.snapshot.context.steps));
  #actor!: Actor<ScenarioMachine>;
  readonly #onchange: (record: RunRecord) => void;
  readonly #now: () => number;

  constructor(options: RunSessionOptions) {
    this.scenario = options.scenario;
    this.machine = createScenarioMachine(options.scenario);
    this.#onchange = options.onchange ?? (() => {});
    this.#now = options.now ?? (() => Date.now());
    this.record = options.record ?? freshRecord(this.scenario, this.machine, options.seat ?? 'both', options.mode ?? 'coach', this.#now());
    this.#restore(this.record.snapshots.at(-1)!);
  }

  #restore(saved: SavedSnapshot): void {
    this.#actor?.stop();
    this.#actor = createActor(this.machine, { input: { seat: this.record.seat }, snapshot: saved as never });
    this.#actor.start();
    this.#view = fromStore(useSelector(this.#actor, (snapshot) => snapshot));
  }

  get snapshot(): RunSnapshot {
    return this.#view.current;
  }

  get seat(): PlaySeat {
    return this.record.seat;
  }
  get mode(): PlayMode {
    return this.record.mode;
  }
  get turn(): Turn {
    return nextTurn(this.scenario, this.snapshot);
  }
  get sceneId(): string {
    return sceneAt(this.scenario, this.snapshot).id;
  }
  get scene() {
    return sceneAt(this.scenario, this.snapshot).scene;
  }
  get steps() {
    return this.snapshot.context.steps;
  }

  /** Pass-and-play: the side the device must be passed to before the run goes on, or null. */
  get handoverTo(): Side | null {
    const turn = this.turn;
    if (this.seat !== 'both' || turn.kind !== 'player') return null;
    return turn.side === this.record.holder ? null : turn.side;
  }

  /** Whose eyes are on the screen: the seat's side, the holder in pass-and-play, or null (nobody yet). */
  get viewer(): Side | null {
    return this.seat === 'both' ? this.record.holder : this.seat;
  }

  /** The private note of the current scene for whoever is looking, if any. */
  get aside(): string | undefined {
    const viewer = this.viewer;
    return viewer && !this.handoverTo ? this.scene.meta.asides?.[viewer] : undefined;
  }

  /** Coach mode: the viewer's last choice and its effect, shown until their next choice. */
  get coaching(): Coaching | null {
    if (this.mode !== 'coach') return null;
    const index = lastPersonStep(this.steps);
    const entry = this.debrief.timeline[index];
    const side = this.steps[index]?.side;
    if (!entry?.choice || !side || (this.seat === 'both' && side !== this.viewer)) return null;
    return { side, choice: entry.choice, entry };
  }

  /**
   * Coach mode only. In pass-and-play, only the person who made the last choice may undo it, while they
   * still hold the device (also on the hand-over screen, before passing it on).
   */
  get canUndo(): boolean {
    const index = lastPersonStep(this.steps);
    if (this.mode !== 'coach' || this.snapshot.status !== 'active' || index < 0) return false;
    return this.seat !== 'both' || this.steps[index]!.side === this.record.holder;
  }

  /** The side whose last choice `undo()` takes back, or null. */
  get undoSide(): Side | null {
    return this.canUndo ? this.steps[lastPersonStep(this.steps)]!.side : null;
  }

  /** A person's choice; ignored unless it is offered to a person right now. */
  choose(event: `choice.${string}`): void {
    const turn = this.turn;
    if (turn.kind !== 'player' || this.handoverTo || !turn.choices.some((c) => c.event === event)) return;
    this.#step({ type: event });
  }

  /** Move on where nobody decides, or let the simulated side make its move. */
  proceed(): void {
    const turn = this.turn;
    if (turn.kind === 'continue') this.#step({ type: 'continue' });
    else if (turn.kind === 'simulated') this.#step({ type: turn.event, auto: true });
  }

  #step(event: Parameters<Actor<ScenarioMachine>['send']>[0]): void {
    this.#actor.send(event);
    const saved = this.#actor.getPersistedSnapshot() as unknown as SavedSnapshot;
    this.#save({ ...this.record, snapshots: [...this.record.snapshots, saved] });
  }

  /** Pass-and-play: the person the device was passed to is ready. */
  acceptHandover(): void {
    const to = this.handoverTo;
    if (to) this.#save({ ...this.record, holder: to });
  }

  /** Coach mode: back to the moment before the last person's choice, exactly as it was. */
  undo(): void {
    if (!this.canUndo) return;
    const index = lastPersonStep(this.steps);
    const snapshots = this.record.snapshots.slice(0, index + 1);
    this.#save({ ...this.record, snapshots });
    this.#restore(snapshots.at(-1)!);
  }

  #save(record: RunRecord): void {
    this.record = { ...record, updatedAt: this.#now() };
    this.#onchange(this.record);
  }

  stop(): void {
    this.#actor.stop();
  }
}

/** Index of the last step a person chose (not the scenario), or -1. */
export function lastPersonStep(steps: readonly { auto: boolean; side: Side | null }[]): number {
  for (let i = steps.length - 1; i >= 0; i--) if (!steps[i]!.auto && steps[i]!.side !== null) return i;
  return -1;
}

/** A run record that has not been saved anywhere (tests, previews). */
export function freshRecord(scenario: Scenario, machine: ScenarioMachine, seat: PlaySeat, mode: PlayMode, time: number): RunRecord {
  return {
    version: 1,
    id: 'unsaved',
    scenarioId: scenario.id,
    scenarioTitle: scenario.title,
    seat,
    mode,
    startedAt: time,
    updatedAt: time,
    holder: null,
    snapshots: [startSnapshot(scenario, seat, machine) as unknown as SavedSnapshot],
  };
}
