/**
 * Opening a run from a route: `#/play/<id>/<seat>` resumes the newest unfinished run of that scenario
 * and seat or starts one; `#/run/<runId>` opens a saved run, after checking it still fits its scenario.
 * Every failure is a message in words; a run that no longer fits its scenario is set aside, not deleted,
 * and a run whose scenario is missing or damaged is left as it is.
 *
 * A built-in scenario opens without its commentary (see `lib/scenarios/commentary.ts`) when the run has no
 * step yet: the first scene needs none of it. The run screen asks for the coach's part (`coach`) once that
 * scene is painted, in coach mode, and for the rest (`complete`: the other side's thoughts…) with the
 * debrief's code, when the browser is idle or at the run's end. A run under way in coach mode waits for the
 * coach's part, and a finished one for all of it, since its coach notes or its debrief are on screen at once.
 */
import { asError } from '../lib/errors.ts';
import { newSeed } from '../lib/engine/random.ts';
import type { PlaySeat } from '../lib/engine/machine.ts';
import type { Scenario } from '../lib/engine/schema.ts';
import { openRun } from '../lib/persistence/repair.ts';
import type { RunRecord } from '../lib/persistence/records.ts';
import type { SavedData } from '../lib/state/saved.svelte.ts';
import { seatWords } from '../lib/ui/words.ts';
import type { ScenarioSource, ScenarioToPlay } from './source.ts';

export type Opened =
  | { kind: 'redirect'; runId: string }
  | {
      kind: 'ready';
      scenario: Scenario;
      record: RunRecord;
      /** Puts the coach's part of the commentary into `scenario` (see `ScenarioToPlay`); absent when it is in already. */
      coach?: () => Promise<Scenario>;
      /** Puts all the commentary in, for the debrief; absent when the scenario is whole. */
      complete?: () => Promise<Scenario>;
    }
  | { kind: 'error'; title: string; message: string };

export function noScenario(id: string): Opened {
  return {
    kind: 'error',
    title: 'Scenario not found',
    message: `There is no scenario called “${id}” in this app. It may have been renamed or removed, or the address may be mistyped.`,
  };
}

/**
 * A scenario to play, which may come without its commentary where the source can give that
 * (`ScenarioSource.loadToPlay`), else whole. A chunk that fails to load (e.g. offline) is reported, not thrown.
 */
export async function loadScenarioToPlay(source: ScenarioSource, id: string): Promise<ScenarioToPlay | undefined | Error> {
  try {
    if (source.loadToPlay) return await source.loadToPlay(id);
    const scenario = await source.load(id);
    return scenario && { scenario };
  } catch (error) {
    return asError(error);
  }
}

/** The whole scenario, commentary included; failures reported as for `loadScenarioToPlay`. */
export async function loadScenario(source: ScenarioSource, id: string): Promise<Scenario | undefined | Error> {
  const toPlay = await loadScenarioToPlay(source, id);
  if (toPlay === undefined || toPlay instanceof Error) return toPlay;
  return toPlay.complete ? toPlay.complete().catch(asError) : toPlay.scenario;
}

const loadFailed = (error: Error): Opened => ({
  kind: 'error',
  title: 'The scenario could not be loaded',
  message: `The scenario could not be loaded (${error.message}). Check your connection and reload the page.`,
});

export function seatOffered(scenario: Scenario, seat: PlaySeat): boolean {
  return seat === 'both' ? scenario.seats.length === 2 : scenario.seats.includes(seat);
}

/** Start a new saved run of a scenario from a seat, in the player's chosen mode. */
export function startRun(saved: SavedData, scenario: Scenario, seat: PlaySeat): RunRecord {
  return saved.startRun({ scenarioId: scenario.id, scenarioTitle: scenario.title, seat, mode: saved.mode, seed: newSeed() });
}

export async function openPlay(source: ScenarioSource, saved: SavedData, id: string, seat: PlaySeat): Promise<Opened> {
  const toPlay = await loadScenarioToPlay(source, id);
  if (toPlay instanceof Error) return loadFailed(toPlay);
  if (!toPlay) return noScenario(id);
  const { scenario } = toPlay;
  if (!seatOffered(scenario, seat)) {
    return { kind: 'error', title: 'Seat not available', message: `“${scenario.title}” cannot be played ${seatWords(seat)}. Choose a seat it offers.` };
  }
  const existing = saved.unfinished(id, seat);
  return { kind: 'redirect', runId: (existing ?? startRun(saved, scenario, seat)).id };
}

export async function openSaved(source: ScenarioSource, saved: SavedData, runId: string): Promise<Opened> {
  const record = saved.run(runId);
  if (!record) {
    return {
      kind: 'error',
      title: 'Run not found',
      message: 'This run is not saved on this device. It may have been erased, or made in another browser. You can start a new run from the library.',
    };
  }
  const toPlay = await loadScenarioToPlay(source, record.scenarioId);
  if (toPlay instanceof Error) return loadFailed(toPlay);
  if (!toPlay) {
    // The run still reads: only its scenario is missing (or could not be read), so the run stays where it
    // is and opens again once the scenario is back.
    const missing = noScenario(record.scenarioId);
    return missing.kind === 'error' ? { ...missing, message: `${missing.message} Your run of “${record.scenarioTitle}” is kept on this device.` } : missing;
  }
  const { scenario } = toPlay;
  // What the run shows at once must be in before it opens: the debrief of a finished run needs all the
  // commentary; a run under way in coach mode, the coach's part (its last notes are on screen).
  const started = record.stepCount > 0 || record.choices.length > 0;
  const needed = record.outcome ? toPlay.complete : started && record.mode === 'coach' ? toPlay.coach : undefined;
  if (needed) {
    const done = await needed().catch(asError);
    if (done instanceof Error) return loadFailed(done);
  }
  const opened = openRun(scenario, record);
  if (!opened.ok) {
    saved.setAsideRun(record, opened.reason);
    return {
      kind: 'error',
      title: 'This run cannot be resumed',
      message: `Your run of “${scenario.title}” cannot be resumed, because ${opened.reason}: the scenario has changed since. The run was set aside, not deleted. You can start it again from the library.`,
    };
  }
  // What is still to come, for the run screen to ask for when it needs it.
  const coach = needed === undefined ? toPlay.coach : undefined;
  const complete = needed === toPlay.complete ? undefined : toPlay.complete;
  return { kind: 'ready', scenario, record: opened.run, ...(coach ? { coach } : {}), ...(complete ? { complete } : {}) };
}
