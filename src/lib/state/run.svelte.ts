/**
 * Runes bridge from a scenario run (an XState actor) to components: the actor's snapshot, kept in a rune
 * by a subscription. Components read `snapshot`, `turn`, `scene` and the derived views, and call `choose`,
 * `proceed`, `undo`, `passDevice` and `acceptHandover`; the rules live in the engine. A run is saved as the
 * people's choices (see `RunRecord`); undo and rewind replay them.
 *
 * Each view is derived once per step (`turn`, `scene`, `coaching`), and the coach's timeline is extended by
 * the new steps only (`TimelineCache`), so a choice costs the same late in a run as at its start.
 *
 * Pass-and-play, in order: a person chooses; in coach mode they see their feedback (and may undo) while
 * they still hold the device; they pass it; the hand-over screen shows only the next person's name; only
 * when that person accepts is anything of theirs shown.
 */
import type { Actor, Subscription } from 'xstate';
import { createScenarioMachine, type PlaySeat, type RunSnapshot, type ScenarioMachine } from '../engine/machine.ts';
import { nextTurn, positionOf, sceneAt, type Turn } from '../engine/run.ts';
import { buildDebrief, TimelineCache, type TimelineEntry } from '../engine/debrief.ts';
import type { Side } from '../engine/ledger.ts';
import { personChoices, playChoices, resumeRun } from '../engine/playthrough.ts';
import { upcomingTurn, type Step } from '../engine/step.ts';
import type { Scenario } from '../engine/schema.ts';
import { newRunRecord, type PlayMode, type RunRecord } from '../persistence/records.ts';
import { asError } from '../errors.ts';

export interface RunSessionOptions {
  scenario: Scenario;
  /** The run to continue (its choices are replayed). Omit to start afresh from `seat`. */
  record?: RunRecord;
  seat?: PlaySeat;
  mode?: PlayMode;
  /** Seed of the options' display order for a fresh run (default 1). */
  seed?: number;
  /** Called with the updated record after every step, undo and hand-over. */
  onchange?: (record: RunRecord) => void;
  now?: () => number;
  /**
   * Loads the coach's part of the scenario's commentary (feedback, reasons; see `ScenarioToPlay.coach`), when
   * a coach-mode run opened without it. Called at once; until it resolves, a move waits for it (the latest
   * one is kept and taken then), since the coach explains each move with it. If it fails, the next move
   * calls it again.
   */
  commentary?: () => Promise<unknown>;
}

/** One ledger move explained in coach mode: who did what, what it changed, and why. */
export interface CoachNote {
  entry: TimelineEntry;
  /** `choice`: a person's choice; `simulated`: the scenario's move for the other side; `continue`: the story moved on. */
  kind: 'choice' | 'simulated' | 'continue';
  /** The side that acted, or null for a continue. */
  side: Side | null;
}

export class RunSession {
  readonly scenario: Scenario;
  readonly machine: ScenarioMachine;
  record: RunRecord = $state.raw() as RunRecord;
  /** Pass-and-play: the person who just chose is looking at their feedback and has not passed the device yet. */
  reviewing = $state(false);
  /** Whether the coach's commentary is in: `coming` until the promise given resolves, or the error it failed with. */
  commentary: 'in' | 'coming' | Error = $state('in');
  /** The move made while the commentary was coming in coach mode, taken once it is in. */
  #waiting: (() => void) | undefined;
  readonly #loadCommentary: (() => Promise<unknown>) | undefined;
  /** The actor's latest snapshot, set by the subscription (once per step). */
  #snapshot: RunSnapshot = $state.raw() as RunSnapshot;
  readonly snapshot = $derived.by(() => this.#snapshot);
  readonly steps = $derived.by(() => this.snapshot.context.steps);
  readonly turn: Turn = $derived.by(() => nextTurn(this.scenario, this.snapshot));
  /** The current scene and its id, found once per step. */
  readonly #at = $derived.by(() => sceneAt(this.scenario, this.snapshot));
  /**
   * The whole debrief (built when read; the play screen reads only `coaching`, which does not need it), and
   * built again once the coach's commentary is in, since its timeline quotes the reasons.
   */
  readonly debrief = $derived.by(() => (this.commentary, buildDebrief(this.scenario, this.steps)));
  /** The run's timeline, extended by each new step. */
  readonly #timeline: TimelineCache;
  #actor!: Actor<ScenarioMachine>;
  #subscription?: Subscription;
  readonly #onchange: (record: RunRecord) => void;
  readonly #now: () => number;

  constructor(options: RunSessionOptions) {
    this.scenario = options.scenario;
    this.machine = createScenarioMachine(options.scenario);
    this.#timeline = new TimelineCache(options.scenario);
    this.#onchange = options.onchange ?? (() => {});
    this.#now = options.now ?? (() => Date.now());
    this.record = options.record ?? freshRecord(this.scenario, options.seat ?? 'both', options.mode ?? 'coach', options.seed ?? 1, this.#now());
    this.#restore(this.record);
    this.#loadCommentary = options.commentary;
    if (this.#loadCommentary) this.#awaitCommentary(this.#loadCommentary);
  }

  #awaitCommentary(load: () => Promise<unknown>): void {
    this.commentary = 'coming';
    load().then(
      () => {
        this.commentary = 'in';
        const move = this.#waiting;
        this.#waiting = undefined;
        move?.();
      },
      (error: unknown) => {
        this.#waiting = undefined;
        this.commentary = asError(error);
      },
    );
  }

  /**
   * True while a move must wait for the commentary: in coach mode, until it is in. The play screen is
   * busy meanwhile; a move made then is taken once it is in.
   */
  get waitsForCommentary(): boolean {
    return this.commentary !== 'in' && this.mode === 'coach';
  }

  /**
   * Take `move` now, or keep it (the latest only) until the commentary is in; after a failed load, the move
   * asks for the commentary again. Returns whether it waits.
   */
  #whenReady(move: () => void): boolean {
    if (!this.waitsForCommentary) return false;
    this.#waiting = move;
    if (this.commentary instanceof Error && this.#loadCommentary) this.#awaitCommentary(this.#loadCommentary);
    return true;
  }

  /** Rebuild the actor from a record's choices. Throws ReplayError when they no longer fit the scenario. */
  #restore(record: RunRecord): void {
    this.#subscription?.unsubscribe();
    this.#actor?.stop();
    const actor = resumeRun(this.scenario, record, this.machine).actor;
    this.#actor = actor;
    this.#snapshot = actor.getSnapshot();
    this.#subscription = actor.subscribe((snapshot) => (this.#snapshot = snapshot));
  }

  get seat(): PlaySeat {
    return this.record.seat;
  }
  get mode(): PlayMode {
    return this.record.mode;
  }
  get sceneId(): string {
    return this.#at.id;
  }
  get scene() {
    return this.#at.scene;
  }

  /** The earlier run's steps when this run was branched from it (for the comparison). */
  readonly earlierSteps: Step[] | undefined = $derived.by(() => {
    const from = this.record.branchOf;
    if (!from) return undefined;
    try {
      const { actor, steps } = playChoices(this.scenario, this.seat, from.choices, { seed: this.record.seed });
      actor.stop();
      return steps;
    } catch {
      return undefined;
    }
  });

  /**
   * Pass-and-play: the side the device must be passed to before anything more is shown, or null. It is
   * asked as soon as the next person to decide is not the one holding the device, before any scene that
   * leads to their decision, and never while the person who just chose is still reviewing.
   */
  readonly handoverTo: Side | null = $derived.by(() => {
    if (this.seat !== 'both' || this.reviewing || this.snapshot.status !== 'active') return null;
    const upcoming = upcomingTurn(this.scenario, positionOf(this.snapshot), this.seat);
    return upcoming.kind === 'player' && upcoming.side !== this.record.holder ? upcoming.side : null;
  });

  /** Whose eyes are on the screen: the seat's side, the holder in pass-and-play, or null (nobody yet). */
  get viewer(): Side | null {
    return this.seat === 'both' ? this.record.holder : this.seat;
  }

  /** The private note of the current scene for whoever is looking, if any. */
  get aside(): string | undefined {
    const viewer = this.viewer;
    return viewer && !this.handoverTo && !this.reviewing ? this.scene.meta.asides?.[viewer] : undefined;
  }

  /**
   * Coach mode: every ledger move since the last person's choice, explained: that choice (shown only to
   * the person who made it), then each move the scenario made after it. Empty in realistic mode.
   */
  readonly coaching: CoachNote[] = $derived.by(() => {
    if (this.mode !== 'coach') return [];
    const steps = this.steps;
    const from = lastPersonStep(steps);
    const notes: CoachNote[] = [];
    const timeline = this.#timeline.timeline(steps);
    for (let i = Math.max(0, from); i < steps.length; i++) {
      const step = steps[i]!;
      const entry = timeline[i]!;
      if (i === from) {
        if (this.seat !== 'both' || step.side === this.viewer) notes.push({ entry, kind: 'choice', side: step.side });
        continue;
      }
      const moved =
        Object.keys(entry.dealBreakers).length > 0 || entry.totalDelta.employer !== 0 || entry.totalDelta.candidate !== 0 || changedAnyDimension(entry);
      if (step.event === 'continue') {
        if (moved) notes.push({ entry, kind: 'continue', side: null });
      } else {
        notes.push({ entry, kind: 'simulated', side: step.side });
      }
    }
    return notes;
  });

  /**
   * Coach mode only. In pass-and-play, only the person who made the last choice may undo it, and only
   * before they pass the device on.
   */
  get canUndo(): boolean {
    const index = lastPersonStep(this.steps);
    if (this.mode !== 'coach' || this.snapshot.status !== 'active' || index < 0) return false;
    return this.seat !== 'both' || (this.steps[index]!.side === this.record.holder && this.handoverTo === null);
  }

  /** The side whose last choice `undo()` takes back, or null. */
  get undoSide(): Side | null {
    return this.canUndo ? this.steps[lastPersonStep(this.steps)]!.side : null;
  }

  /** A person's choice; ignored unless it is offered to a person right now. */
  choose(event: `choice.${string}`): void {
    const turn = this.turn;
    if (turn.kind !== 'player' || this.handoverTo || this.reviewing || !turn.choices.some((c) => c.event === event)) return;
    if (this.#whenReady(() => this.choose(event))) return;
    this.#step({ type: event });
    // In pass-and-play coach mode the chooser reads their feedback before the device moves on.
    if (this.seat === 'both' && this.mode === 'coach' && this.snapshot.status === 'active') this.reviewing = true;
  }

  /** Move on where nobody decides, or let the simulated side make its move. */
  proceed(): void {
    const turn = this.turn;
    if (this.handoverTo || this.reviewing || (turn.kind !== 'continue' && turn.kind !== 'simulated')) return;
    if (this.#whenReady(() => this.proceed())) return;
    if (turn.kind === 'continue') this.#step({ type: 'continue' });
    else if (turn.kind === 'simulated') this.#step({ type: turn.event, auto: true });
  }

  /** Pass-and-play: the person who just chose has read their feedback and passes the device on. */
  passDevice(): void {
    this.reviewing = false;
  }

  #step(event: Parameters<Actor<ScenarioMachine>['send']>[0]): void {
    this.#actor.send(event);
    const snapshot = this.#actor.getSnapshot();
    const steps = snapshot.context.steps;
    this.#save({
      ...this.record,
      choices: personChoices(steps),
      stepCount: steps.length,
      outcome: snapshot.status === 'done' ? snapshot.output!.outcome : null,
    });
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
    const before = this.steps.slice(0, index);
    const record = { ...this.record, choices: personChoices(before), stepCount: before.length, outcome: null };
    this.reviewing = false;
    this.#waiting = undefined;
    this.#restore(record);
    this.#save(record);
  }

  #save(record: RunRecord): void {
    this.record = { ...record, updatedAt: this.#now() };
    this.#onchange(this.record);
  }

  stop(): void {
    this.#waiting = undefined;
    this.#subscription?.unsubscribe();
    this.#actor.stop();
  }
}

function changedAnyDimension(entry: TimelineEntry): boolean {
  return (['employer', 'candidate'] as const).some((side) => Object.values(entry.delta[side]).some((v) => v !== 0));
}

/** Index of the last step a person chose (not the scenario), or -1. */
export function lastPersonStep(steps: readonly { auto: boolean; side: Side | null }[]): number {
  for (let i = steps.length - 1; i >= 0; i--) if (!steps[i]!.auto && steps[i]!.side !== null) return i;
  return -1;
}

/** A run record that has not been saved anywhere (tests, previews). */
export function freshRecord(scenario: Scenario, seat: PlaySeat, mode: PlayMode, seed: number, time: number): RunRecord {
  return newRunRecord({ scenarioId: scenario.id, scenarioTitle: scenario.title, seat, mode, seed }, 'unsaved', time);
}
