/**
 * "My progress": what a learner's own runs say, across scenarios. Each saved run is replayed through the
 * machine (`resumeRun`) and its steps read with the debrief (`buildDebrief`): nothing about a step is
 * worked out here. From them:
 *
 * - the outcomes found per scenario and seat (from the list of finished runs);
 * - for each of the learner's choices, which dimensions of the other side's view it lowered, grouped by
 *   moment (scenario, scene and choice), and the dimension lowered most often;
 * - the deal-breakers the learner's choices marked;
 * - two or three take-aways: the scenarios' own feedback on the moments that cost the most;
 * - each finished run's verdict, for small pictures of the four outcomes.
 *
 * A run whose scenario is missing or has changed is counted as skipped, not guessed at. Pure: no DOM.
 */
import { buildDebrief } from '../engine/debrief.ts';
import { DIMENSIONS, otherSide, type Dimension, type Outcome, type Side, type Verdict } from '../engine/ledger.ts';
import { resumeRun } from '../engine/playthrough.ts';
import type { Scenario } from '../engine/schema.ts';
import type { PlaySeat } from '../engine/step.ts';
import { sceneTitle } from '../facilitator/report.ts';
import type { HistoryEntry, RunRecord } from '../persistence/records.ts';

/** Outcomes found in one scenario from one seat. */
export interface SeatOutcomes {
  scenarioId: string;
  scenarioTitle: string;
  seat: PlaySeat;
  /** Finished runs from this seat. */
  runs: number;
  /** The outcomes reached, in the order first reached. */
  found: Outcome[];
}

/** A moment where the learner's choice lowered the other side's view: one scene and one choice. */
export interface Moment {
  scenarioId: string;
  scenarioTitle: string;
  sceneId: string;
  sceneTitle: string;
  event: string;
  /** The choice as the learner read it. */
  label: string;
  /** The scenario's feedback on the choice. */
  feedback: string;
  /** The side that chose (the learner's side). */
  side: Side;
  /** Points lost per dimension by one such choice (negative numbers; only dimensions that went down). */
  lost: Partial<Record<Dimension, number>>;
  /** How many times the learner made this choice in their saved runs. */
  times: number;
  /** The deal-breaker this choice marked, if any. */
  dealBreaker?: string;
}

/** How often a dimension of the other side's view went down. */
export interface DimensionLoss {
  dimension: Dimension;
  /** Choices that lowered it. */
  times: number;
  /** Points lost in all (a positive number). */
  points: number;
}

/** A finished run for the pictures. */
export interface RunPoint {
  runId: string;
  label: string;
  seat: PlaySeat;
  verdict: Verdict;
}

export interface Progress {
  outcomes: SeatOutcomes[];
  /** Saved runs read; runs that could not be (scenario missing or changed). */
  replayed: number;
  skipped: number;
  /** Every dimension, the most often lost first. */
  dimensions: DimensionLoss[];
  /** The dimension lost most often, or null when no choice lowered any. */
  mostLost: Dimension | null;
  /** The moments that lowered a view, the costliest first (deal-breakers before everything). */
  moments: Moment[];
  /** The moments whose choice marked a deal-breaker. */
  dealBreakers: Moment[];
  /** Two or three take-aways: the feedback on the costliest moments. */
  takeaways: Moment[];
  /** Per scenario, its finished runs' verdicts. */
  pictures: { scenarioId: string; scenarioTitle: string; runs: RunPoint[] }[];
}

export interface ProgressInput {
  /** The learner's saved runs (finished or not). */
  runs: readonly RunRecord[];
  /** The list of finished runs (kept longer than the runs themselves). */
  history: readonly HistoryEntry[];
  /** The scenarios, by id (a run whose scenario is missing is skipped). */
  scenarios: ReadonlyMap<string, Scenario>;
}

const cost = (m: Moment) => -Object.values(m.lost).reduce((sum, n) => sum + (n ?? 0), 0) * m.times;

/** Summarise a learner's runs. */
export function summariseProgress({ runs, history, scenarios }: ProgressInput): Progress {
  const moments = new Map<string, Moment>();
  const losses = new Map<Dimension, DimensionLoss>(DIMENSIONS.map((d) => [d, { dimension: d, times: 0, points: 0 }]));
  const pictures = new Map<string, Progress['pictures'][number]>();
  let replayed = 0;
  let skipped = 0;

  const ordered = [...runs].sort((a, b) => a.startedAt - b.startedAt);
  for (const run of ordered) {
    const scenario = scenarios.get(run.scenarioId);
    if (!scenario) {
      skipped++;
      continue;
    }
    let debrief;
    let done: boolean;
    try {
      const { actor, steps } = resumeRun(scenario, run);
      done = actor.getSnapshot().status === 'done';
      actor.stop();
      debrief = buildDebrief(scenario, steps);
    } catch {
      skipped++;
      continue;
    }
    replayed++;
    for (const entry of debrief.timeline) {
      const { step, choice } = entry;
      if (step.auto || !choice || step.side === null || (run.seat !== 'both' && step.side !== run.seat)) continue;
      const judge = otherSide(step.side);
      const lost: Moment['lost'] = {};
      for (const d of DIMENSIONS) if (entry.delta[judge][d] < 0) lost[d] = entry.delta[judge][d];
      const dealBreaker = entry.dealBreakers[judge];
      if (!Object.keys(lost).length && !dealBreaker) continue;
      for (const [d, n] of Object.entries(lost) as [Dimension, number][]) {
        const loss = losses.get(d)!;
        loss.times++;
        loss.points -= n;
      }
      const key = JSON.stringify([scenario.id, step.scene, step.event]);
      const known = moments.get(key);
      if (known) known.times++;
      else {
        const scene = scenario.machine.states[step.scene]!;
        moments.set(key, {
          scenarioId: scenario.id,
          scenarioTitle: scenario.title,
          sceneId: step.scene,
          sceneTitle: sceneTitle(scene.meta.text),
          event: step.event,
          label: choice.meta.label,
          feedback: choice.meta.feedback,
          side: step.side,
          lost,
          times: 1,
          ...(dealBreaker ? { dealBreaker } : {}),
        });
      }
    }
    if (done) {
      const picture = pictures.get(scenario.id) ?? { scenarioId: scenario.id, scenarioTitle: scenario.title, runs: [] };
      picture.runs.push({ runId: run.id, label: `Run ${picture.runs.length + 1}`, seat: run.seat, verdict: debrief.verdict });
      pictures.set(scenario.id, picture);
    }
  }

  const dimensions = [...losses.values()].sort((a, b) => b.times - a.times || b.points - a.points);
  const ranked = [...moments.values()].sort(
    (a, b) => Number(Boolean(b.dealBreaker)) - Number(Boolean(a.dealBreaker)) || cost(b) - cost(a) || b.times - a.times,
  );
  const takeaways: Moment[] = [];
  for (const moment of ranked) {
    if (takeaways.length === 3) break;
    if (!takeaways.some((t) => t.feedback === moment.feedback)) takeaways.push(moment);
  }
  return {
    outcomes: outcomesFound(history),
    replayed,
    skipped,
    dimensions,
    mostLost: dimensions[0]!.times > 0 ? dimensions[0]!.dimension : null,
    moments: ranked,
    dealBreakers: ranked.filter((m) => m.dealBreaker),
    takeaways,
    pictures: [...pictures.values()].sort((a, b) => a.scenarioTitle.localeCompare(b.scenarioTitle)),
  };
}

/** Outcomes found per scenario and seat, from the finished runs, oldest first. */
export function outcomesFound(history: readonly HistoryEntry[]): SeatOutcomes[] {
  const found = new Map<string, SeatOutcomes>();
  for (const entry of [...history].sort((a, b) => a.finishedAt - b.finishedAt)) {
    const key = `${entry.scenarioId}\u0000${entry.seat}`;
    const row = found.get(key) ?? { scenarioId: entry.scenarioId, scenarioTitle: entry.scenarioTitle, seat: entry.seat, runs: 0, found: [] };
    row.runs++;
    if (!row.found.includes(entry.outcome)) row.found.push(entry.outcome);
    found.set(key, row);
  }
  return [...found.values()].sort((a, b) => a.scenarioTitle.localeCompare(b.scenarioTitle) || a.seat.localeCompare(b.seat));
}
