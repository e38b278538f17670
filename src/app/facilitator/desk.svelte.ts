/**
 * The facilitator screen's wiring: which session is open (or the lobby), the layout of a control window,
 * the keyboard shortcuts' decisions, and the problems found reading saved sessions. FacilitatorApp renders
 * these fields and calls the methods; each open session is a `SessionView`.
 */
import type { NewSession } from './Lobby.svelte';
import type { Scenario } from '../../lib/engine/schema.ts';
import { FacilitatorSession, type Clock } from '../../lib/facilitator/controller.ts';
import { SESSION_ID_PATTERN, type SessionStore } from '../../lib/facilitator/persist.ts';
import type { FacilitatorView } from '../../lib/facilitator/routes.ts';
import type { ChannelFactory } from '../../lib/facilitator/sync.ts';
import { SessionView } from './session.svelte.ts';

export interface DeskOptions {
  scenario: Scenario;
  /** The window's view as the address gave it. */
  view: FacilitatorView;
  /** The session the address names, opened at once. */
  sessionId?: string;
  store: SessionStore;
  channel?: ChannelFactory;
  clock: Clock;
  /** Told when the open session or the layout changes, so the address can say so. */
  onsession?: (sessionId: string | null, view: FacilitatorView) => void;
}

/** A key press as the shortcuts see it. */
export interface Shortcut {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** Whether the key went to a text field, select or editable element (then it is typing, not a shortcut). */
  typing: boolean;
}

export class FacilitatorDesk {
  readonly scenario: Scenario;
  readonly store: SessionStore;
  /** A presenter window (the projector) rather than a control window. */
  readonly isPresenter: boolean;
  /** A control window shows the controls alone, or the screen and the controls side by side. */
  layout = $state<'control' | 'single'>('control');
  /** In the single layout, whether the controls are folded away (the C key). */
  controlsHidden = $state(false);
  /** The open session; null in the lobby. */
  active = $state.raw<SessionView | null>(null);
  /** Why the window shows no session (a bad id, or a presenter window opened on its own). */
  notice = $state('');
  /** Saved sessions, and the problems found reading them. */
  listing = $state.raw<ReturnType<SessionStore['list']>>({ sessions: [], problems: [] });
  /** Saved sessions of this scenario. */
  readonly mine = $derived(this.listing.sessions.filter((s) => s.scenarioId === this.scenario.id));
  /** How many saved sessions are of other scenarios. */
  readonly others = $derived(this.listing.sessions.length - this.mine.length);
  readonly #channel: ChannelFactory | undefined;
  readonly #clock: Clock;
  readonly #onsession: DeskOptions['onsession'];

  constructor(options: DeskOptions) {
    this.scenario = options.scenario;
    this.store = options.store;
    this.#channel = options.channel;
    this.#clock = options.clock;
    this.#onsession = options.onsession;
    this.isPresenter = options.view === 'presenter';
    this.layout = options.view === 'single' ? 'single' : 'control';
    this.listing = this.store.list();
    if (options.sessionId) this.open(options.sessionId, this.isPresenter ? 'presenter' : 'control');
    else if (this.isPresenter) this.notice = 'This presenter window has no session. Open it from the facilitator’s controls.';
  }

  /** Open saved session `id` in this window's role. */
  open(id: string, role: 'control' | 'presenter' = 'control'): void {
    if (!SESSION_ID_PATTERN.test(id)) {
      this.notice = `“${id}” is not a session id. Start a new session, or pick one of the past sessions.`;
      return;
    }
    this.active = new SessionView(
      new FacilitatorSession({ scenario: this.scenario, sessionId: id, role, store: this.store, channel: this.#channel, clock: this.#clock }),
    );
    if (role === 'control') this.#tell(id);
  }

  /** Start a new session from the lobby's form. */
  start(config: NewSession): void {
    const session = FacilitatorSession.create({ scenario: this.scenario, store: this.store, channel: this.#channel, clock: this.#clock, input: config });
    this.active = new SessionView(session);
    this.#tell(session.id);
  }

  backToLobby(): void {
    this.active = null;
    this.listing = this.store.list();
    this.#tell(null);
  }

  remove(id: string): void {
    this.store.remove(id);
    this.listing = this.store.list();
  }

  setLayout(next: 'control' | 'single'): void {
    this.layout = next;
    this.controlsHidden = false;
    if (this.active) this.#tell(this.active.session.id);
  }

  toggleControls(): void {
    this.controlsHidden = !this.controlsHidden;
  }

  /**
   * While a session is open its clock ticks; call from an effect, which runs the returned cleanup when the
   * session changes or the screen goes: it stops the ticks and closes the session's channel.
   */
  runActive(): (() => void) | undefined {
    const current = this.active;
    if (!current) return undefined;
    const stop = current.start();
    return () => {
      stop();
      current.close();
    };
  }

  /**
   * A control window's keyboard shortcuts: C hides or shows the controls (single layout), T starts,
   * pauses or resumes the timer at a decision, 1–9 add a vote for that option while voting. Returns
   * whether the key was a shortcut (the caller then prevents its default).
   */
  shortcut(press: Shortcut): boolean {
    const active = this.active;
    if (!active?.isControl || press.altKey || press.ctrlKey || press.metaKey || press.typing) return false;
    const key = press.key.toLowerCase();
    if (key === 'c' && this.layout === 'single') {
      this.toggleControls();
      return true;
    }
    if (key === 't' && active.snapshot?.hasTag('decision')) {
      const status = active.context?.timer.status;
      active.send({ type: status === 'running' ? 'timer.pause' : status === 'paused' ? 'timer.resume' : 'timer.start' });
      return true;
    }
    if (/^[1-9]$/.test(key) && active.phase === 'voting') {
      const option = active.context?.ballot?.options[Number(key) - 1];
      if (!option) return false;
      active.send({ type: 'vote.add', option });
      return true;
    }
    return false;
  }

  /** The page is going away (or into the back-forward cache): tell the other windows. */
  leave(): void {
    this.active?.session.leave();
  }

  /** The page came back from the back-forward cache: ask the other windows again. */
  resume(): void {
    this.active?.session.retry();
  }

  #tell(id: string | null): void {
    this.#onsession?.(id, id && this.layout === 'single' ? 'single' : 'control');
  }
}
