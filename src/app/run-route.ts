/**
 * Opening a run from a route: `#/play/<id>/<seat>` resumes the newest unfinished run of that scenario
 * and seat or starts one; `#/run/<runId>` opens a saved run, after checking it still fits its scenario.
 * Every failure is a message in words; a run that no longer fits its scenario is set aside, not deleted,
 * and a run whose scenario is missing or damaged is left as it is.
 */
import { newSeed } from '../lib/engine/random.ts';
import type { PlaySeat } from '../lib/engine/machine.ts';
import type { Scenario } from '../lib/engine/schema.ts';
import { openRun } from '../lib/persistence/repair.ts';
import type { RunRecord } from '../lib/persistence/records.ts';
import type { SavedData } from '../lib/state/saved.svelte.ts';
import { seatWords } from '../lib/ui/words.ts';
import type { ScenarioSource } from './source.ts';

export type Opened =
  { kind: 'redirect'; runId: string } | { kind: 'ready'; scenario: Scenario; record: RunRecord } | { kind: 'error'; title: string; message: string };

export function noScenario(id: string): Opened {
  return {
    kind: 'error',
    title: 'Scenario not found',
    message: `There is no scenario called “${id}” in this app. It may have been renamed or removed, or the address may be mistyped.`,
  };
}

/** Load a scenario; a chunk that fails to load (e.g. offline) is reported, not thrown. */
export async function loadScenario(source: ScenarioSource, id: string): Promise<Scenario | undefined | Error> {
  try {
    return await source.load(id);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
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
  const scenario = await loadScenario(source, id);
  if (scenario instanceof Error) return loadFailed(scenario);
  if (!scenario) return noScenario(id);
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
  const scenario = await loadScenario(source, record.scenarioId);
  if (scenario instanceof Error) return loadFailed(scenario);
  if (!scenario) {
    // The run still reads: only its scenario is missing (or could not be read), so the run stays where it
    // is and opens again once the scenario is back.
    const missing = noScenario(record.scenarioId);
    return missing.kind === 'error' ? { ...missing, message: `${missing.message} Your run of “${record.scenarioTitle}” is kept on this device.` } : missing;
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
  return { kind: 'ready', scenario, record: opened.run };
}
