/**
 * Between runs and share links: the option indexes of a run's choices, and a link's run rebuilt step
 * by step. Every way a link can fail to fit the scenario is a message in words.
 */
import { SIDE_LABELS, OUTCOME_INFO, type Outcome } from '../engine/ledger.ts';
import type { Step } from '../engine/machine.ts';
import { personChoices, playThrough, sceneChoiceEvents } from '../engine/playthrough.ts';
import type { Scenario } from '../engine/schema.ts';
import type { SharedRun } from './link.ts';

/** The option index of each of the people's choices, for a link. */
export function sharePicks(scenario: Scenario, steps: readonly Step[]): number[] {
  return steps.filter((s) => !s.auto && s.event !== 'continue').map((s) => sceneChoiceEvents(scenario.machine.states[s.scene]!).indexOf(s.event));
}

export type SharedReplay = { ok: true; steps: Step[]; choices: string[]; seed: number; outcome: Outcome; note?: string } | { ok: false; message: string };

class Misfit extends Error {}

/** Rebuild a shared run. Fails with a message when its choices no longer fit the scenario. */
export function replayShared(scenario: Scenario, shared: SharedRun): SharedReplay {
  const stale = (detail: string) =>
    `This link no longer fits “${scenario.title}”: the scenario has changed since the link was made (${detail}). You can still play it from the library.`;
  const seats = shared.seat === 'both' ? scenario.seats : [shared.seat];
  if (shared.seat === 'both' ? scenario.seats.length < 2 : !scenario.seats.includes(shared.seat)) {
    return {
      ok: false,
      message: `This link plays “${scenario.title}” from a seat it no longer offers (${seats.map((s) => SIDE_LABELS[s].toLowerCase()).join(' and ')}).`,
    };
  }
  try {
    const seed = shared.seed ?? 1;
    const { actor, steps, used } = playThrough(
      scenario,
      shared.seat,
      ({ scene, offered, index }) => {
        if (index >= shared.picks.length) return undefined;
        const pick = shared.picks[index]!;
        const event = sceneChoiceEvents(scene)[pick];
        if (!event || !offered.some((o) => o.event === event)) {
          throw new Misfit(`choice ${index + 1} was option ${pick + 1}, which is not offered there now`);
        }
        return event;
      },
      { seed },
    );
    const done = actor.getSnapshot();
    actor.stop();
    if (used < shared.picks.length) return { ok: false, message: stale(`the run now ends after ${used} of its ${shared.picks.length} choices`) };
    if (done.status !== 'done') return { ok: false, message: stale(`it stops after ${used} choice${used === 1 ? '' : 's'}, before the interview ends`) };
    const outcome = done.output!.outcome;
    const note =
      shared.outcome && shared.outcome !== outcome
        ? `The scenario has changed since this link was made: the run ended “${OUTCOME_INFO[shared.outcome].title}” then, and ends “${OUTCOME_INFO[outcome].title}” now.`
        : undefined;
    const replayed = { ok: true as const, steps, choices: personChoices(steps), seed, outcome };
    return note ? { ...replayed, note } : replayed;
  } catch (error) {
    if (error instanceof Misfit) return { ok: false, message: stale(error.message) };
    throw error;
  }
}
