/**
 * The facilitator session: one scenario played by a room, as an XState machine. Views render its snapshot
 * and send its events; nothing else holds session state.
 *
 * Regions (the machine is parallel):
 * - `flow`: briefing → (scene | decision | stuck)* → ended. A decision goes ready → voting → (tie →) decided
 *   → revealed, and `scene.advance` moves on. Every leaf state carries a tag with its phase name.
 * - `ledgers`: hidden | shown: whether the projector shows the running ledgers.
 *
 * Every event carries `at` (ms since the epoch) from the sender's clock, so the machine itself is pure.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import type { Side } from '../engine/ledger.ts';
import { displayOrder } from '../engine/random.ts';
import { automaticMove, takeStep, type RecordedStep } from '../engine/step.ts';
import type { Scenario } from '../engine/schema.ts';
import { modesFor, seatOf, walk, type Position, type RoomMode } from './position.ts';
import { clampSeconds, DEFAULT_TIMER_SECONDS, idleTimer, pauseTimer, startTimer, withDuration, elapsedMs, type TimerState } from './timer.ts';
import { clampVotes, emptyTally, leaders, type Tally } from './votes.ts';

/**
 * A step of the room's run: the engine's step plus when it was taken. Sessions saved before steps
 * recorded their transition lack `target` and `branch`; following the steps fills them in.
 */
export interface SessionStep extends RecordedStep {
  /** When the step was taken (ms since the epoch). */
  at: number;
}

/** How a decision was reached: the vote's clear winner, the facilitator breaking a tie, or an override. */
export type DecisionHow = 'vote' | 'tie' | 'override';

/** The decision being taken at the current scene. */
export interface Ballot {
  scene: string;
  /** The side (in teams: the team) that decides. */
  side: Side;
  /** The offered choices (events), in the scenario's order. */
  options: string[];
  votes: Tally;
  /** When the vote was first opened, or null when no vote was held. */
  openedAt: number | null;
  /** When the vote was last closed, or null while open or never held. */
  closedAt: number | null;
  /** Options with the most votes when the vote closed; several means a tie; empty when no vote was held. */
  leaders: string[];
  chosen: string | null;
  how: DecisionHow | null;
  /** The facilitator's reason for an override (may be empty). */
  reason: string;
  decidedAt: number | null;
  /** Counted on phones (the room server): who had joined and who voted. Absent when votes were hand-counted. */
  phones?: PhoneCount | null;
}

/** Phones at a vote, as the room server counted them. */
export interface PhoneCount {
  /** Participants in the room. */
  joined: number;
  /** Participants who voted. */
  voted: number;
}

/** The room that phones join, as the facilitator's control opened it (see src/lib/room). */
export interface RoomLink {
  /** The room code phones type or scan. */
  code: string;
  /** The join address, `<server>/#/join/<code>`. */
  url: string;
  /** Whether the screen shows the code and QR code now (in the briefing it always does). */
  shown: boolean;
}

/** A decision the room took, as kept for the debrief and the report. */
export interface DecisionRecord extends Omit<Ballot, 'chosen' | 'how' | 'decidedAt'> {
  /** Index into `steps` of the step this decision made. */
  stepIndex: number;
  chosen: string;
  how: DecisionHow;
  decidedAt: number;
  /** Time on the discussion timer when the room moved on, in ms. */
  discussionMs: number;
}

export interface SessionContext {
  /** The session id: letters, digits and dashes. */
  id: string;
  scenarioId: string;
  mode: RoomMode;
  /** Seed of the order the options are shown in (lettered A, B, …), kept so the session and its report agree. */
  seed: number;
  /** Names of the two teams (used in teams mode). */
  teams: Record<Side, string>;
  /** Time per decision, in seconds. */
  timerSeconds: number;
  timer: TimerState;
  steps: SessionStep[];
  decisions: DecisionRecord[];
  ballot: Ballot | null;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  /** In the debrief: the step the screen shows in detail (index into `steps`), or null for the overview. */
  debriefFocus: number | null;
  /** The room phones join, when the facilitator opened one (absent in sessions saved before rooms). */
  room?: RoomLink | null;
}

export interface SessionInput {
  id: string;
  scenarioId: string;
  mode: RoomMode;
  at: number;
  /** Seed of the options' display order; give a fresh one per session (default 1). */
  seed?: number;
  timerSeconds?: number;
  teams?: Partial<Record<Side, string>>;
}

/** What a view can ask for; the session adds `at`. */
export type SessionCommand =
  | { type: 'session.configure'; mode?: RoomMode; timerSeconds?: number; teams?: Partial<Record<Side, string>> }
  | { type: 'session.start' }
  | { type: 'scene.advance' }
  | { type: 'vote.open' }
  | { type: 'vote.count'; option: string; count: number }
  | { type: 'vote.add'; option: string; by?: 1 | -1 }
  | { type: 'vote.close' }
  | { type: 'vote.decide'; option: string }
  | { type: 'vote.override'; option: string; reason?: string }
  | { type: 'decision.reveal' }
  | { type: 'timer.start' }
  | { type: 'timer.pause' }
  | { type: 'timer.resume' }
  | { type: 'timer.reset' }
  | { type: 'timer.set'; seconds: number }
  | { type: 'timer.extend'; seconds: number }
  | { type: 'ledgers.show' }
  | { type: 'ledgers.hide' }
  | { type: 'debrief.reveal' }
  /** Show one step of the debrief on the screen (index into the steps), or the overview (null). */
  | { type: 'debrief.focus'; step: number | null }
  /** The phones' count of the open vote (from the room server): it replaces the ballot's votes. */
  | { type: 'vote.phones'; votes: Tally; joined: number; voted: number }
  /** Phones can join this room (null: no room). */
  | { type: 'room.link'; room: Omit<RoomLink, 'shown'> | null }
  /** Show or hide the join code on the screen. */
  | { type: 'room.show'; shown: boolean };

export type SessionEvent = SessionCommand & { at: number };

export const DEFAULT_TEAMS: Record<Side, string> = { employer: 'Employer team', candidate: 'Candidate team' };

/** The phases of a session, one per leaf of the `flow` region (each is also a tag). */
export const PHASES = ['briefing', 'scene', 'ready', 'voting', 'tie', 'decided', 'revealed', 'stuck', 'closing', 'debrief'] as const;
export type Phase = (typeof PHASES)[number];

const teamName = (name: string | undefined, fallback: string) => (name?.trim() ? name.trim().slice(0, 40) : fallback);

export function initialSessionContext(input: SessionInput): SessionContext {
  const timerSeconds = clampSeconds(input.timerSeconds ?? DEFAULT_TIMER_SECONDS);
  return {
    id: input.id,
    scenarioId: input.scenarioId,
    mode: input.mode,
    seed: input.seed ?? 1,
    teams: { employer: teamName(input.teams?.employer, DEFAULT_TEAMS.employer), candidate: teamName(input.teams?.candidate, DEFAULT_TEAMS.candidate) },
    timerSeconds,
    timer: idleTimer(timerSeconds),
    steps: [],
    decisions: [],
    ballot: null,
    createdAt: input.at,
    startedAt: null,
    endedAt: null,
    debriefFocus: null,
  };
}

/** The ballot after closing the vote (if open) at `at`. */
/** A ballot's vote, as it is before the vote closes (or again, when it reopens). */
const UNDECIDED = { closedAt: null, leaders: [], chosen: null, how: null, reason: '', decidedAt: null } as const satisfies Partial<Ballot>;

function closed(ballot: Ballot, at: number): Ballot {
  if (ballot.openedAt === null || ballot.closedAt !== null) return ballot;
  return { ...ballot, closedAt: at, leaders: leaders(ballot.options, ballot.votes) };
}

const machines = new WeakMap<Scenario, ReturnType<typeof buildMachine>>();

/** The session machine for a scenario (built once per scenario object). */
export function createSessionMachine(scenario: Scenario) {
  let machine = machines.get(scenario);
  if (!machine) machines.set(scenario, (machine = buildMachine(scenario)));
  return machine;
}

function buildMachine(scenario: Scenario) {
  const at = (context: SessionContext): Position => walk(scenario, seatOf(context.mode), context.steps);
  const ballot = (context: SessionContext): Ballot => {
    if (!context.ballot) throw new Error('No decision is being taken.');
    return context.ballot;
  };
  const isOption = (context: SessionContext, option: string) => context.ballot?.options.includes(option) ?? false;
  /** The steps and the end time after adding `step`. */
  const append = (context: SessionContext, step: SessionStep) => {
    const steps = [...context.steps, step];
    const ended = walk(scenario, seatOf(context.mode), steps).turn.kind === 'ended';
    return { steps, endedAt: ended ? step.at : null, timer: idleTimer(context.timerSeconds) };
  };

  return setup({
    types: {
      context: {} as SessionContext,
      events: {} as SessionEvent,
      input: {} as SessionInput,
    },
    guards: {
      atFinal: ({ context }) => at(context).turn.kind === 'ended',
      atRoomDecision: ({ context }) => at(context).turn.kind === 'player',
      atSceneMove: ({ context }) => ['simulated', 'continue'].includes(at(context).turn.kind),
      validConfig: ({ event }) => event.type === 'session.configure' && (event.mode === undefined || modesFor(scenario).includes(event.mode)),
      isOption: ({ context, event }) => 'option' in event && isOption(context, event.option),
      hasClearWinner: ({ context }) => leaders(ballot(context).options, ballot(context).votes).length === 1,
      isLeader: ({ context, event }) => 'option' in event && (context.ballot?.leaders.includes(event.option) ?? false),
      isStepOrOverview: ({ context, event }) =>
        event.type === 'debrief.focus' && (event.step === null || (Number.isInteger(event.step) && event.step >= 0 && event.step < context.steps.length)),
      timerIdle: ({ context }) => context.timer.status === 'idle',
      timerRunning: ({ context }) => context.timer.status === 'running',
      timerPaused: ({ context }) => context.timer.status === 'paused',
    },
    actions: {
      configure: assign(({ context, event }) => {
        if (event.type !== 'session.configure') return {};
        const timerSeconds = event.timerSeconds === undefined ? context.timerSeconds : clampSeconds(event.timerSeconds);
        return {
          mode: event.mode ?? context.mode,
          timerSeconds,
          timer: idleTimer(timerSeconds),
          teams: {
            employer: teamName(event.teams?.employer, context.teams.employer),
            candidate: teamName(event.teams?.candidate, context.teams.candidate),
          },
        };
      }),
      markStarted: assign({ startedAt: ({ event }) => event.at }),
      openBallot: assign(({ context }) => {
        const { sceneId, turn } = at(context);
        if (turn.kind !== 'player') return {};
        const options = displayOrder(turn.choices, context.seed, sceneId).map((o) => o.event as string);
        return {
          timer: idleTimer(context.timerSeconds),
          ballot: {
            scene: sceneId,
            side: turn.side,
            options,
            votes: emptyTally(options),
            openedAt: null,
            ...UNDECIDED,
          },
        };
      }),
      startVote: assign(({ context, event }) => ({
        ballot: {
          ...ballot(context),
          openedAt: ballot(context).openedAt ?? event.at,
          ...UNDECIDED,
        },
        timer: startTimer(context.timer, event.at),
      })),
      setCount: assign(({ context, event }) => {
        if (event.type !== 'vote.count') return {};
        const b = ballot(context);
        return { ballot: { ...b, votes: { ...b.votes, [event.option]: clampVotes(event.count) } } };
      }),
      addVote: assign(({ context, event }) => {
        if (event.type !== 'vote.add') return {};
        const b = ballot(context);
        return { ballot: { ...b, votes: { ...b.votes, [event.option]: clampVotes((b.votes[event.option] ?? 0) + (event.by ?? 1)) } } };
      }),
      closeVote: assign(({ context, event }) => ({ ballot: closed(ballot(context), event.at), timer: pauseTimer(context.timer, event.at) })),
      chooseWinner: assign(({ context, event }) => {
        const b = ballot(context);
        return { ballot: { ...b, chosen: b.leaders[0] ?? null, how: 'vote' as const, decidedAt: event.at } };
      }),
      breakTie: assign(({ context, event }) => {
        if (event.type !== 'vote.decide') return {};
        return { ballot: { ...ballot(context), chosen: event.option, how: 'tie' as const, decidedAt: event.at } };
      }),
      override: assign(({ context, event }) => {
        if (event.type !== 'vote.override') return {};
        const b = closed(ballot(context), event.at);
        // Choosing what the vote chose is not an override: record the honest reason.
        const how: DecisionHow =
          b.leaders.length === 1 && b.leaders[0] === event.option ? 'vote' : b.leaders.length > 1 && b.leaders.includes(event.option) ? 'tie' : 'override';
        const reason = how === 'override' ? (event.reason ?? '').trim().slice(0, 300) : '';
        return { ballot: { ...b, chosen: event.option, how, reason, decidedAt: event.at }, timer: pauseTimer(context.timer, event.at) };
      }),
      recordRoomStep: assign(({ context, event }) => {
        const b = ballot(context);
        if (b.chosen === null || b.how === null || b.decidedAt === null) return {};
        const position = at(context);
        const taken = takeStep(scenario, { scene: position.sceneId, standing: position.standing }, { type: b.chosen as `choice.${string}` });
        if (!taken) return {};
        const step: SessionStep = { ...taken.step, at: event.at };
        const record: DecisionRecord = {
          ...b,
          chosen: b.chosen,
          how: b.how,
          decidedAt: b.decidedAt,
          stepIndex: context.steps.length,
          discussionMs: elapsedMs(context.timer, event.at),
        };
        return { ...append(context, step), decisions: [...context.decisions, record], ballot: null };
      }),
      recordSceneStep: assign(({ context, event }) => {
        const { sceneId, standing, turn } = at(context);
        const move = automaticMove(turn);
        const taken = move && takeStep(scenario, { scene: sceneId, standing }, move);
        return taken ? append(context, { ...taken.step, at: event.at }) : {};
      }),
      setPhones: assign(({ context, event }) => {
        if (event.type !== 'vote.phones') return {};
        const b = ballot(context);
        const votes = Object.fromEntries(b.options.map((o) => [o, clampVotes(event.votes[o] ?? 0)]));
        return { ballot: { ...b, votes, phones: { joined: clampVotes(event.joined), voted: clampVotes(event.voted) } } };
      }),
      linkRoom: assign(({ context, event }) => {
        if (event.type !== 'room.link') return {};
        return { room: event.room ? { ...event.room, shown: context.room?.shown ?? false } : null };
      }),
      showRoom: assign(({ context, event }) => (event.type === 'room.show' && context.room ? { room: { ...context.room, shown: event.shown } } : {})),
      focusDebrief: assign({ debriefFocus: ({ event }) => (event.type === 'debrief.focus' ? event.step : null) }),
      timerStart: assign(({ context, event }) => ({ timer: startTimer(context.timer, event.at) })),
      timerPause: assign(({ context, event }) => ({ timer: pauseTimer(context.timer, event.at) })),
      timerReset: assign(({ context }) => ({ timer: idleTimer(context.timerSeconds) })),
      timerSet: assign(({ context, event }) => {
        if (event.type !== 'timer.set') return {};
        const timerSeconds = clampSeconds(event.seconds);
        return { timerSeconds, timer: withDuration(context.timer, timerSeconds * 1000) };
      }),
      timerExtend: assign(({ context, event }) => {
        if (event.type !== 'timer.extend') return {};
        return { timer: withDuration(context.timer, context.timer.durationMs + clampSeconds(event.seconds) * 1000) };
      }),
    },
  }).createMachine({
    id: 'facilitatorSession',
    type: 'parallel',
    context: ({ input }) => initialSessionContext(input),
    on: {
      'timer.start': { guard: 'timerIdle', actions: 'timerStart' },
      'timer.resume': { guard: 'timerPaused', actions: 'timerStart' },
      'timer.pause': { guard: 'timerRunning', actions: 'timerPause' },
      'timer.reset': { actions: 'timerReset' },
      'timer.set': { actions: 'timerSet' },
      'timer.extend': { actions: 'timerExtend' },
      'room.link': { actions: 'linkRoom' },
      'room.show': { actions: 'showRoom' },
    },
    states: {
      flow: {
        initial: 'briefing',
        states: {
          briefing: {
            tags: ['briefing'],
            on: {
              'session.configure': { guard: 'validConfig', actions: 'configure' },
              'session.start': { target: 'routing', actions: 'markStarted' },
            },
          },
          routing: {
            always: [
              { guard: 'atFinal', target: 'ended' },
              { guard: 'atRoomDecision', target: 'decision' },
              { guard: 'atSceneMove', target: 'scene' },
              { target: 'stuck' },
            ],
          },
          scene: {
            tags: ['scene'],
            on: { 'scene.advance': { target: 'routing', actions: 'recordSceneStep' } },
          },
          decision: {
            tags: ['decision'],
            initial: 'ready',
            entry: 'openBallot',
            states: {
              ready: {
                tags: ['ready'],
                on: {
                  'vote.open': { target: 'voting', actions: 'startVote' },
                  'vote.override': { guard: 'isOption', target: 'decided', actions: 'override' },
                },
              },
              voting: {
                tags: ['voting'],
                on: {
                  'vote.count': { guard: 'isOption', actions: 'setCount' },
                  'vote.add': { guard: 'isOption', actions: 'addVote' },
                  'vote.phones': { actions: 'setPhones' },
                  'vote.close': [
                    { guard: 'hasClearWinner', target: 'decided', actions: ['closeVote', 'chooseWinner'] },
                    { target: 'tie', actions: 'closeVote' },
                  ],
                  'vote.override': { guard: 'isOption', target: 'decided', actions: 'override' },
                },
              },
              tie: {
                tags: ['tie'],
                on: {
                  'vote.decide': { guard: 'isLeader', target: 'decided', actions: 'breakTie' },
                  'vote.open': { target: 'voting', actions: 'startVote' },
                  'vote.override': { guard: 'isOption', target: 'decided', actions: 'override' },
                },
              },
              decided: {
                tags: ['decided'],
                on: {
                  'decision.reveal': { target: 'revealed' },
                  'vote.open': { target: 'voting', actions: 'startVote' },
                  'vote.override': { guard: 'isOption', target: 'decided', actions: 'override' },
                },
              },
              revealed: {
                tags: ['revealed'],
                on: { 'scene.advance': { target: '#facilitatorSession.flow.routing', actions: 'recordRoomStep' } },
              },
            },
          },
          stuck: { tags: ['stuck'] },
          ended: {
            tags: ['ended'],
            initial: 'closing',
            states: {
              closing: { tags: ['closing'], on: { 'debrief.reveal': 'debrief' } },
              debrief: { tags: ['debrief'], on: { 'debrief.focus': { guard: 'isStepOrOverview', actions: 'focusDebrief' } } },
            },
          },
        },
      },
      ledgers: {
        initial: 'hidden',
        states: {
          hidden: { on: { 'ledgers.show': 'shown' } },
          shown: { tags: ['ledgersShown'], on: { 'ledgers.hide': 'hidden' } },
        },
      },
    },
  });
}

export type SessionMachine = ReturnType<typeof createSessionMachine>;
export type SessionSnapshot = SnapshotFrom<SessionMachine>;

/** The session's phase, read from the leaf state's tag. */
export function phaseOf(snapshot: SessionSnapshot): Phase {
  return PHASES.find((phase) => snapshot.hasTag(phase)) ?? 'stuck';
}

/** Who decides at the ballot, in words: "The room" or the team's name. */
export function deciderName(context: SessionContext, side: Side): string {
  return context.mode === 'teams' ? context.teams[side] : 'The room';
}
