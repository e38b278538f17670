/**
 * The room's debrief and the session report: the engine's debrief of the path (quadrant, dimensions,
 * timeline), plus the votes at each decision, the overrides, the timings, and for each decision what the
 * most popular other option would have led to (replayed with the engine's `replay()`).
 */
import { buildDebrief, type Debrief, type TimelineEntry } from '../engine/debrief.ts';
import { OUTCOME_INFO, SIDE_LABELS, type Ledgers, type Outcome, type Side, type Verdict } from '../engine/ledger.ts';
import { drive, replay, ReplayError, simulatedPick } from '../engine/run.ts';
import type { Scenario } from '../engine/schema.ts';
import { choiceLabel, seatOf, walk, type RoomMode } from './position.ts';
import { deciderName, type DecisionHow, type DecisionRecord, type SessionContext } from './session-machine.ts';
import { mostPopularOther, TIE_RULE, totalVotes } from './votes.ts';

/** What the most popular other option would have led to. */
export interface WhatIf {
  option: string;
  label: string;
  votes: number;
  /** The alternative's own effect on both ledgers. */
  delta: Ledgers;
  totalDelta: Record<Side, number>;
  /** The scene it leads to, and that scene's first line. */
  nextScene: string;
  nextLine: string;
  /** The ending it reaches when the room then chooses as it did wherever that choice is still offered. */
  verdict: Verdict;
  /** Later decisions where the room's own choice could be kept, and where it could not (the scenario's default was used). */
  kept: number;
  changed: number;
}

/**
 * How a decision was reached, as the report tells it: the session's own record, except that the
 * facilitator choosing when no vote was held is `'no-vote'`, not an override (nothing was overridden).
 */
export type ReportHow = Exclude<DecisionHow, 'override'> | 'override' | 'no-vote';

export interface ReportOption {
  event: string;
  label: string;
  votes: number;
}

export interface ReportDecision {
  /** 1-based number of the decision in the session. */
  number: number;
  /** Index of the step in the path. */
  stepIndex: number;
  scene: string;
  side: Side;
  /** "The room", or the team's name. */
  decidedBy: string;
  options: ReportOption[];
  totalVotes: number;
  voteHeld: boolean;
  /** Options that had the most votes (several: a tie). */
  leaders: string[];
  chosen: string;
  chosenLabel: string;
  how: ReportHow;
  /** The facilitator's reason for an override ('' when none). */
  reason: string;
  /** Vote open and close times (ms since the epoch), null when no vote was held. */
  openedAt: number | null;
  closedAt: number | null;
  decidedAt: number;
  /** Time on the discussion timer, in ms. */
  discussionMs: number;
  whatIf: WhatIf | null;
  /** When phones voted: participants in the room and how many voted (counts only: votes stay anonymous). */
  phones: { joined: number; voted: number } | null;
}

export interface ReportStep {
  /** 1-based. */
  number: number;
  scene: string;
  /** The first sentence of the scene's text (shortened). */
  line: string;
  /** A short name for the scene: its first line of speech, else its first sentence of some length (see `sceneTitle`). */
  title: string;
  event: string;
  label: string;
  /** Who moved: the room/team for a room decision, the simulated side, or nobody (continue). */
  by: 'room' | 'scenario' | 'continue';
  side: Side | null;
  at: number;
  /** Time spent at this scene, in ms. */
  ms: number;
  /** Index into `decisions`, when the room decided this step. */
  decision: number | null;
  entry: TimelineEntry | undefined;
}

export interface SessionReport {
  sessionId: string;
  scenarioId: string;
  scenarioTitle: string;
  mode: RoomMode;
  modeLabel: string;
  teams: Record<Side, string> | null;
  startedAt: number | null;
  endedAt: number | null;
  totalMs: number;
  path: ReportStep[];
  decisions: ReportDecision[];
  /** Decisions where the facilitator set aside the room's vote (a choice made with no vote held is not one). */
  overrides: ReportDecision[];
  tieRule: string;
  /** The ending, or null while the session is not over. */
  outcome: { id: Outcome; title: string; description: string; verdict: Verdict } | null;
  debrief: Debrief;
}

export function modeLabel(mode: RoomMode): string {
  return mode === 'teams' ? 'Two teams: one plays the employer, one the candidate' : `The room plays the ${SIDE_LABELS[mode].toLowerCase()}`;
}

/** The first sentence of a text, at most `max` characters (cut at a word, with an ellipsis). */
export function excerpt(text: string, max = 110): string {
  const sentence = /^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : cut.length)}…`;
}

const firstLine = (scenario: Scenario, sceneId: string) => excerpt(scenario.machine.states[sceneId]?.meta.text[0] ?? '');

/** Sentences shorter than this many words ("Wednesday.", "Ping.") do not name a scene. */
const TITLE_MIN_WORDS = 4;

/**
 * A short name for a scene, for tables: the first sentence of the first quoted speech in its opening
 * paragraph ("“The team loved you.”"), else its first sentence of at least four words (so not
 * "Wednesday."), at most `max` characters.
 */
export function sceneTitle(text: readonly string[], max = 80): string {
  const quotes = (text[0] ?? '').matchAll(/[“"]([^”"]+)[”"]/g);
  const speech = [...quotes].map((m) => m[1]!.trim()).find((q) => q.split(/\s+/).length >= TITLE_MIN_WORDS);
  if (speech) return `“${excerpt(speech, max - 2).replace(/[,;:]$/, '')}”`;
  const all = text.join(' ');
  const sentences = all.match(/[^.!?]+[.!?]+(?=\s|$)|[^.!?]+$/g) ?? [all];
  const long = sentences.find((s) => s.trim().split(/\s+/).length >= TITLE_MIN_WORDS) ?? all;
  return excerpt(long.trim(), max);
}

const titleOf = (scenario: Scenario, sceneId: string) => {
  const text = scenario.machine.states[sceneId]?.meta.text;
  return text ? sceneTitle(text) : sceneId;
};

/** The room's choices (what `replay()` takes) before step `stepIndex`. */
function roomChoicesBefore(context: SessionContext, stepIndex: number): string[] {
  return context.steps
    .slice(0, stepIndex)
    .filter((s) => !s.auto)
    .map((s) => s.event);
}

/**
 * Replay the run with `option` at decision `decision`, then let the room choose as it did wherever the
 * same scene offers the same choice, and the scenario's default (its simulated rule, else the first
 * option) elsewhere. Null when the alternative cannot be replayed (the scenario changed).
 */
export function whatIf(scenario: Scenario, context: SessionContext, decision: DecisionRecord, option: string): WhatIf | null {
  const seat = seatOf(context.mode);
  let actor;
  try {
    actor = replay(scenario, seat, [...roomChoicesBefore(context, decision.stepIndex), option]);
  } catch (error) {
    if (error instanceof ReplayError) return null;
    throw error;
  }
  const later = new Map(context.decisions.filter((d) => d.stepIndex > decision.stepIndex).map((d) => [d.scene, d.chosen]));
  let kept = 0;
  let changed = 0;
  drive(scenario, actor, ({ sceneId, scene, offered }) => {
    const own = later.get(sceneId);
    const pick = offered.find((c) => c.event === own) ?? simulatedPick(scene, actor.getSnapshot().context) ?? offered[0]!;
    if (pick.event === own) kept++;
    else changed++;
    return pick.event;
  });
  const snapshot = actor.getSnapshot();
  actor.stop();
  if (snapshot.status !== 'done' || !snapshot.output) return null;
  const steps = snapshot.context.steps;
  const alternativeIndex = decision.stepIndex;
  const entry = buildDebrief(scenario, steps).timeline[alternativeIndex];
  const taken = steps[alternativeIndex];
  if (!entry || !taken) return null;
  const nextScene = steps[alternativeIndex + 1]?.scene ?? String(snapshot.value);
  return {
    option,
    label: choiceLabel(scenario, decision.scene, option),
    votes: decision.votes[option] ?? 0,
    delta: entry.delta,
    totalDelta: entry.totalDelta,
    nextScene,
    nextLine: firstLine(scenario, nextScene),
    verdict: snapshot.output,
    kept,
    changed,
  };
}

export function buildSessionReport(scenario: Scenario, context: SessionContext): SessionReport {
  const debrief = buildDebrief(scenario, context.steps);
  let verdict: Verdict | null = null;
  try {
    const { turn } = walk(scenario, seatOf(context.mode), context.steps);
    if (turn.kind === 'ended') verdict = turn.verdict;
  } catch {
    verdict = null; // the scenario changed since; the report still lists what was recorded
  }
  const decisions: ReportDecision[] = context.decisions.map((d, i) => {
    const other = mostPopularOther(d.options, d.votes, d.chosen);
    return {
      number: i + 1,
      stepIndex: d.stepIndex,
      scene: d.scene,
      side: d.side,
      decidedBy: deciderName(context, d.side),
      options: d.options.map((event) => ({ event, label: choiceLabel(scenario, d.scene, event), votes: d.votes[event] ?? 0 })),
      totalVotes: totalVotes(d.votes),
      voteHeld: d.openedAt !== null,
      leaders: d.leaders,
      chosen: d.chosen,
      chosenLabel: choiceLabel(scenario, d.scene, d.chosen),
      how: d.how === 'override' && d.openedAt === null ? 'no-vote' : d.how,
      reason: d.reason,
      openedAt: d.openedAt,
      closedAt: d.closedAt,
      decidedAt: d.decidedAt,
      discussionMs: d.discussionMs,
      phones: d.phones ? { joined: d.phones.joined, voted: d.phones.voted } : null,
      // With no vote held there is no "most popular" other option to speak of.
      whatIf: other === undefined || d.openedAt === null ? null : whatIf(scenario, context, d, other),
    };
  });
  const byStep = new Map(decisions.map((d, i) => [d.stepIndex, i]));
  const path: ReportStep[] = context.steps.map((step, i) => {
    const since = i === 0 ? (context.startedAt ?? step.at) : context.steps[i - 1]!.at;
    return {
      number: i + 1,
      scene: step.scene,
      line: firstLine(scenario, step.scene),
      title: titleOf(scenario, step.scene),
      event: step.event,
      label: choiceLabel(scenario, step.scene, step.event),
      by: step.event === 'continue' ? 'continue' : step.auto ? 'scenario' : 'room',
      side: step.side,
      at: step.at,
      ms: Math.max(0, step.at - since),
      decision: byStep.get(i) ?? null,
      entry: debrief.timeline[i],
    };
  });
  const end = context.endedAt ?? context.steps.at(-1)?.at ?? context.startedAt ?? context.createdAt;
  return {
    sessionId: context.id,
    scenarioId: context.scenarioId,
    scenarioTitle: scenario.title,
    mode: context.mode,
    modeLabel: modeLabel(context.mode),
    teams: context.mode === 'teams' ? { ...context.teams } : null,
    startedAt: context.startedAt,
    endedAt: context.endedAt,
    totalMs: context.startedAt === null ? 0 : Math.max(0, end - context.startedAt),
    path,
    decisions,
    overrides: decisions.filter((d) => d.how === 'override'),
    tieRule: TIE_RULE,
    outcome: verdict
      ? { id: verdict.outcome, title: OUTCOME_INFO[verdict.outcome].title, description: OUTCOME_INFO[verdict.outcome].description, verdict }
      : null,
    debrief,
  };
}

/** How a decision was reached, in words (a session's `'override'` with no vote held reads as `'no-vote'`). */
/** How many participants voted on their phones, in words: "12 of 15 participants voted on their phones". */
export function phonesLabel(phones: { joined: number; voted: number }): string {
  return `${phones.voted} of ${phones.joined} participant${phones.joined === 1 ? '' : 's'} voted on their phones`;
}

export function howLabel(decision: { how: ReportHow; voteHeld: boolean; reason: string }): string {
  if (decision.how === 'vote') return 'the vote';
  if (decision.how === 'tie') return 'the facilitator, breaking a tie';
  const base = decision.how === 'override' && decision.voteHeld ? 'the facilitator, overriding the vote' : 'the facilitator, without a vote';
  return decision.reason ? `${base} (${decision.reason})` : base;
}
