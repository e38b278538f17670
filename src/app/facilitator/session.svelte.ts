/**
 * Runes bridge from a facilitator session (the machine snapshot, kept in step across windows) to the
 * views. Components read `snapshot`, `context`, `phase`, `position` and `now`, and call `send()`.
 */
import { FacilitatorSession } from '../../lib/facilitator/controller.ts';
import { seatOf, walk, type Position } from '../../lib/facilitator/position.ts';
import { announcement } from '../../lib/facilitator/prompts.ts';
import { buildSessionReport, type SessionReport } from '../../lib/facilitator/report.ts';
import { phaseOf, type Phase, type SessionCommand, type SessionContext, type SessionSnapshot } from '../../lib/facilitator/session-machine.ts';
import type { Peer } from '../../lib/facilitator/sync.ts';
import { remainingMs } from '../../lib/facilitator/timer.ts';
import type { RoomConnection } from './room.svelte.ts';

/** How often the views re-read the clock, and how often a waiting window asks again. */
const TICK_MS = 250;
const RETRY_MS = 2000;

export class SessionView {
  readonly session: FacilitatorSession;
  snapshot = $state.raw<SessionSnapshot | null>(null);
  problems = $state.raw<readonly string[]>([]);
  peers = $state.raw<readonly Peer[]>([]);
  /** The clock's time, refreshed every tick while started. */
  now = $state(0);

  readonly context: SessionContext | null = $derived(this.snapshot?.context ?? null);
  readonly phase: Phase | null = $derived(this.snapshot ? phaseOf(this.snapshot) : null);
  readonly position: Position | null = $derived.by(() => {
    const context = this.context;
    if (!context) return null;
    try {
      return walk(this.session.scenario, seatOf(context.mode), context.steps);
    } catch {
      return null;
    }
  });
  readonly ledgersShown: boolean = $derived(this.snapshot?.hasTag('ledgersShown') ?? false);
  readonly remaining: number = $derived(this.context ? remainingMs(this.context.timer, this.now) : 0);
  readonly timeUp: boolean = $derived(this.context !== null && this.context.timer.status !== 'idle' && this.remaining <= 0);
  /** The report, once the interview is over. */
  readonly report: SessionReport | null = $derived.by(() =>
    this.context && this.snapshot?.hasTag('ended') ? buildSessionReport(this.session.scenario, this.context) : null,
  );
  readonly announcement: string = $derived.by(() => announcement(this.session.scenario, this.context, this.position, this.phase, this.timeUp));
  readonly presenterConnected: boolean = $derived(this.peers.some((p) => p.role === 'presenter'));

  /** The control's link to a room server, once opened (phones vote). */
  room = $state.raw<RoomConnection | null>(null);
  /** Takes a command before the session does (the room closes a vote on the server first); true when taken. */
  intercept: ((command: SessionCommand) => boolean) | null = null;

  constructor(session: FacilitatorSession) {
    this.session = session;
    this.now = session.clock.now();
    this.#read();
    session.subscribe(() => this.#read());
  }

  get isControl(): boolean {
    return this.session.role === 'control';
  }

  /** Start ticking (and, while waiting, asking the other windows again). Returns the stop function. */
  start(): () => void {
    let sinceRetry = 0;
    return this.session.clock.every(TICK_MS, () => {
      this.now = this.session.clock.now();
      sinceRetry += TICK_MS;
      if (!this.snapshot && sinceRetry >= RETRY_MS) {
        sinceRetry = 0;
        this.session.retry();
      }
    });
  }

  send(command: SessionCommand): boolean {
    if (this.intercept?.(command)) return true;
    const done = this.session.send(command);
    this.now = this.session.clock.now();
    return done;
  }

  can(command: SessionCommand): boolean {
    // Read the snapshot so a template calling can() re-runs when the session changes.
    return this.snapshot !== null && this.session.can(command);
  }

  dismissProblems(): void {
    this.session.dismissProblems();
  }

  close(): void {
    this.room?.close();
    this.session.close();
  }

  #read(): void {
    this.snapshot = this.session.snapshot;
    this.problems = this.session.problems;
    this.peers = this.session.peers;
  }
}
