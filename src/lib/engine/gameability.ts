/**
 * The gameability report: can a player win a scenario without reading it? For each seat the scenario
 * lists it measures what label-only strategies reach (always the longest label, the shortest, the one
 * with the most courtesy words, the first), how outcomes fall under uniformly random play, and where
 * the best option sits among a decision's options. `checkContent` and `checkLibraryGameability` in
 * content.ts turn these figures into rules.
 *
 * Moves come from the one step function (`movesAt` in step.ts), which the
 * machine and the analyser also use, so a strategy plays exactly as a person would. The states a seat
 * can reach come from the analyser's own search (`exploreStates` in analyse.ts), with its state key: a
 * state here is a state there, and the report never searches its own way.
 */
import {
  exploreStates,
  linkedScenes,
  MAX_PLAY_STEPS,
  randomPlays,
  stateKeyOf,
  topologicalOrder,
  type StateGraph,
  type StateGraphs,
  type StateKey,
} from './analyse.ts';
import { sceneChoices } from './choices.ts';
import { judgementWords } from './judgement-words.ts';
import { judge, OUTCOMES, type Outcome, type Side } from './ledger.ts';
import { movesAt, startingStanding } from './step.ts';
import type { Effect, Scenario, Scene } from './schema.ts';

/** The label-only strategies: at every decision, take the option whose label is… */
export const LABEL_STRATEGIES = ['longest', 'shortest', 'courteous', 'first'] as const;
export type LabelStrategy = (typeof LABEL_STRATEGIES)[number];

/** The strategies the library rule judges; `first` is reported for information (display order is shuffled). */
export const JUDGED_STRATEGIES = ['longest', 'shortest', 'courteous'] as const satisfies readonly LabelStrategy[];

/** What each strategy means, in words. */
export const STRATEGY_LABELS: Record<LabelStrategy, string> = {
  longest: 'always the longest label',
  shortest: 'always the shortest label',
  courteous: 'always the label with the most courtesy words',
  first: 'always the first option in file order',
};

/**
 * Courtesy words, counted in a whole label (speech included: a polite phrase is exactly what a player
 * hunting for the "nice" option looks for). Whole words, case-insensitive.
 */
export const COURTESY_WORDS: readonly string[] = [
  'please',
  'thank',
  'thanks',
  'thanked',
  'thanking',
  'sorry',
  'apologise',
  'apologize',
  'apologises',
  'apologizes',
  'apology',
  'apologies',
  'appreciate',
  'appreciated',
  'appreciates',
  'appreciation',
  'grateful',
  'gratitude',
  'kind',
  'kindly',
  'welcome',
  'pleasure',
  'glad',
  'delighted',
  'respect',
  'respectfully',
  'polite',
  'politely',
  'courteous',
  'courteously',
  'cheers',
  'warmly',
  'gladly',
  'honoured',
  'honored',
];
const COURTESY = new Set(COURTESY_WORDS);
const WORD = /[\p{L}]+(?:[-'’][\p{L}]+)*/gu;

/** How many courtesy words `label` holds (every occurrence counts). */
export function courtesyWordCount(label: string): number {
  let n = 0;
  for (const match of label.matchAll(WORD)) if (COURTESY.has(match[0].toLowerCase())) n++;
  return n;
}

/** Where one strategy ends when it plays a seat. */
export interface StrategyRun {
  /** The outcome reached, or null when the run gets stuck (no move) or goes round in a loop (a repeated state, or 5,000 moves). */
  outcome: Outcome | null;
  /** The person's choices, in order (choice events). */
  choices: string[];
}

/** The outcomes of uniformly random play from one seat. */
export interface RandomPlay {
  /** `exact`: probabilities propagated over the acyclic state graph; `estimate`: seeded sampling (the graph has a loop or is too big). */
  method: 'exact' | 'estimate';
  /**
   * Estimates only: why (`loops`: every state was found, but a run can come back to one; `state limit`:
   * the search stopped before it found every state; `not explored`: the search was skipped, `explore: false`).
   */
  why?: 'loops' | 'state limit' | 'not explored';
  /** Distinct states in the seat's state graph (for an exact figure), as the analyser counts them. */
  states?: number;
  /** Plays sampled, for an estimate. */
  samples?: number;
  /** Probability of each outcome, 0…1. */
  byOutcome: Record<Outcome, number>;
  /** Probability that a run gets stuck or (for an estimate) does not finish. */
  unfinished: number;
}

/**
 * Where the best option sits among a decision's options, over the decision scenes a seat reaches. The
 * best option is the one whose effects give the highest sum of `impress.by` over both ledgers, with
 * each `dealBreaker` counting as −100. Ties count for every tied position, so the counts can add up to
 * more than the number of decisions.
 */
export interface BestPositions {
  /** Decision scenes this seat reaches and decides. */
  decisions: number;
  /** `counts[i]`: decisions in which the option at position i + 1 (file order) is (one of) the best. */
  counts: number[];
  /** Decisions in which the longest label (first in file order among equally long) is (one of) the best. */
  longestIsBest: number;
  /** `longestIsBest / decisions`, 0 when there are none. */
  longestIsBestShare: number;
}

export interface SeatGameability {
  seat: Side;
  /**
   * Whether every state this seat can reach was found. False when the search stopped at the state limit
   * (or was skipped): random play is then estimated, and `bestPosition` counts the decisions of every scene
   * linked from the start, conditions ignored (an upper bound of those the seat reaches).
   */
  explored: boolean;
  strategies: Record<LabelStrategy, StrategyRun>;
  random: RandomPlay;
  bestPosition: BestPositions;
}

/** A label carrying judgement words. */
export interface JudgedLabel {
  scene: string;
  event: string;
  label: string;
  words: string[];
}

export interface GameabilityReport {
  id: string;
  title: string;
  seats: SeatGameability[];
  /** All decision scenes any listed seat reaches (each decision belongs to the seat that decides it). */
  decisions: number;
  /** Of those, the decisions in which the longest label is (one of) the best. */
  longestIsBest: number;
  /** Every label in the file with judgement words outside quotation marks, in file order. */
  judgedLabels: JudgedLabel[];
}

export interface GameabilityOptions {
  /** Stop building a seat's state graph after this many states and sample instead (default 200,000). */
  maxStates?: number;
  /**
   * Whether to build the state graph at all (default true); with false the report samples at once. The
   * checker passes false when the analyser could not explore the file's states either, so the report does
   * not try again what just failed.
   */
  explore?: boolean;
  /** Random plays for an estimate (default 4,000). */
  samples?: number;
  /**
   * Finished state searches of this scenario to reuse (and keep), as the analyser left them when given the
   * same store: the checker passes one to both, so each seat's states are searched once. The figures are the
   * same with or without it.
   */
  graphs?: StateGraphs;
}

/**
 * What a seat's figures mean when its search did not finish, in words; undefined when it finished. The
 * one place this is said: the command line's report and the checker's findings both print it, so no
 * reader of a partial search is shown its figures as if they were complete.
 */
export function partialSearchWords(seat: SeatGameability): string | undefined {
  if (seat.explored) return undefined;
  const why =
    seat.random.why === 'not explored'
      ? 'its states were not searched, as the analyser could not list them within the state limit'
      : 'the search stopped at the state limit before it found every state';
  return `partial search (${why}): the best-option counts are an upper bound, over every scene linked from the start whatever the conditions, and random play is sampled, not exact`;
}

/** Index in `options` of the one a strategy takes: extreme by its measure, ties to the first in file order. */
export function strategyPick(strategy: LabelStrategy, labels: readonly string[]): number {
  if (strategy === 'first' || labels.length === 0) return 0;
  const measure = (label: string) => (strategy === 'longest' ? label.length : strategy === 'shortest' ? -label.length : courtesyWordCount(label));
  let best = 0;
  for (let i = 1; i < labels.length; i++) if (measure(labels[i]!) > measure(labels[best]!)) best = i;
  return best;
}

/**
 * Play a seat with a strategy, the scenario's side and continues being deterministic. A state is the
 * analyser's (`key`): once one repeats, the run goes round for ever.
 */
export function playStrategy(scenario: Scenario, seat: Side, strategy: LabelStrategy, key: StateKey = stateKeyOf(scenario)): StrategyRun {
  const states = scenario.machine.states;
  let sceneId = scenario.machine.initial;
  let standing = startingStanding();
  const seen = new Set<string>();
  const choices: string[] = [];
  // A loop whose ledgers keep changing never repeats a state: give up after as many moves as a random play.
  for (let steps = 0; steps < MAX_PLAY_STEPS; steps++) {
    const scene = states[sceneId]!;
    if (scene.type === 'final') return { outcome: judge(standing.ledgers, standing.dealBreakers).outcome, choices };
    const state = key(sceneId, standing);
    if (seen.has(state)) return { outcome: null, choices };
    seen.add(state);
    const moves = movesAt(scenario, { scene: sceneId, standing }, seat);
    if (!moves.length) return { outcome: null, choices };
    const move =
      moves[0]!.by === 'player'
        ? moves[
            strategyPick(
              strategy,
              moves.map((m) => m.choice!.meta.label),
            )
          ]!
        : moves[0]!;
    if (move.by === 'player') choices.push(move.event);
    sceneId = move.next.scene;
    standing = move.next.standing;
  }
  return { outcome: null, choices };
}

const zeroOutcomes = () => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;

/** Exact outcome probabilities under uniformly random play: each node passes its probability equally to its moves. */
function exactRandomPlay(graph: StateGraph, order: number[]): RandomPlay {
  const { nodes } = graph;
  const p = new Float64Array(nodes.length);
  p[0] = 1;
  const byOutcome = zeroOutcomes();
  let unfinished = 0;
  for (const i of order) {
    const node = nodes[i]!;
    const here = p[i]!;
    if (node.outcome) {
      byOutcome[node.outcome] += here;
    } else if (!node.next.length) {
      unfinished += here;
    } else {
      for (const child of node.next) p[child] = p[child]! + here / node.next.length;
    }
  }
  return { method: 'exact', states: nodes.length, byOutcome, unfinished };
}

/** Outcome shares under random play, sampled with a fixed seed so the figures reproduce. */
function sampledRandomPlay(scenario: Scenario, seat: Side, samples: number, why: NonNullable<RandomPlay['why']>): RandomPlay {
  const { counts, plays, finished } = randomPlays(scenario, seat, samples, 0x9a3e);
  const byOutcome = zeroOutcomes();
  for (const o of OUTCOMES) byOutcome[o] = plays ? counts[o] / plays : 0;
  return { method: 'estimate', why, samples: plays, byOutcome, unfinished: plays ? (plays - finished) / plays : 1 };
}

/** The worth of a choice's effects: the sum of `impress.by` over both ledgers, a deal-breaker counting −100. */
export function choiceScore(actions: readonly Effect[]): number {
  let score = 0;
  for (const a of actions) {
    if (a.type === 'impress') score += a.params.by;
    else if (a.type === 'dealBreaker') score -= 100;
  }
  return score;
}

/** Positions (0-based, file order) of the best options of a decision scene, and whether the longest label is among them. */
export function bestOptions(scene: Scene): { best: number[]; longestIsBest: boolean } {
  const choices = sceneChoices(scene);
  if (!choices.length) return { best: [], longestIsBest: false };
  const scores = choices.map((c) => choiceScore(c.choice.actions));
  const top = Math.max(...scores);
  const best = scores.flatMap((s, i) => (s === top ? [i] : []));
  const longest = strategyPick(
    'longest',
    choices.map((c) => c.choice.meta.label),
  );
  return { best, longestIsBest: best.includes(longest) };
}

function bestPositions(scenario: Scenario, seat: Side, reached: Set<string>): BestPositions {
  const counts: number[] = [];
  let decisions = 0;
  let longestIsBest = 0;
  for (const [id, scene] of Object.entries(scenario.machine.states)) {
    if (scene.meta.decides !== seat || !reached.has(id)) continue;
    const { best, longestIsBest: longest } = bestOptions(scene);
    if (!best.length) continue;
    decisions++;
    if (longest) longestIsBest++;
    for (const i of best) {
      while (counts.length <= i) counts.push(0);
      counts[i]!++;
    }
  }
  return { decisions, counts, longestIsBest, longestIsBestShare: decisions ? longestIsBest / decisions : 0 };
}

/** The gameability figures for one seat. */
export function seatGameability(scenario: Scenario, seat: Side, options: GameabilityOptions = {}, key: StateKey = stateKeyOf(scenario)): SeatGameability {
  const graph = options.explore === false ? null : exploreStates(scenario, seat, options.maxStates ?? 200_000, key, options.graphs);
  // Only a finished search says what a seat reaches; a part of the graph is never counted as the whole.
  const explored = graph?.complete ?? false;
  const order = explored ? topologicalOrder(graph!.nodes) : null;
  const samples = options.samples ?? 4_000;
  const random = order
    ? exactRandomPlay(graph!, order)
    : sampledRandomPlay(scenario, seat, samples, explored ? 'loops' : graph ? 'state limit' : 'not explored');
  const strategies = Object.fromEntries(LABEL_STRATEGIES.map((s) => [s, playStrategy(scenario, seat, s, key)])) as Record<LabelStrategy, StrategyRun>;
  const reached = explored ? new Set(graph!.nodes.map((n) => n.scene)) : linkedScenes(scenario);
  return { seat, explored, strategies, random, bestPosition: bestPositions(scenario, seat, reached) };
}

/** Every label in the scenario with judgement words outside quotation marks, in file order. */
export function judgedLabels(scenario: Scenario): JudgedLabel[] {
  return Object.entries(scenario.machine.states).flatMap(([scene, state]) =>
    sceneChoices(state).flatMap(({ event, choice }) => {
      const words = judgementWords(choice.meta.label);
      return words.length ? [{ scene, event, label: choice.meta.label, words }] : [];
    }),
  );
}

/** The gameability report of a scenario: per listed seat, plus the judgement words in its labels. */
export function gameability(scenario: Scenario, options: GameabilityOptions = {}): GameabilityReport {
  const key = stateKeyOf(scenario);
  const seats = scenario.seats.map((seat) => seatGameability(scenario, seat, options, key));
  return {
    id: scenario.id,
    title: scenario.title,
    seats,
    decisions: seats.reduce((n, s) => n + s.bestPosition.decisions, 0),
    longestIsBest: seats.reduce((n, s) => n + s.bestPosition.longestIsBest, 0),
    judgedLabels: judgedLabels(scenario),
  };
}
