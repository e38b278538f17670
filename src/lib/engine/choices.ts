/**
 * What a scene offers and what the scenario picks for the side nobody plays. Pure: no XState, so the
 * analyser and the map can use it without loading the machine.
 */
import { holds, type Standing } from './effects.ts';
import type { Side } from './ledger.ts';
import type { PlaySeat } from './step.ts';
import type { Choice, Scene } from './schema.ts';

/** A choice as offered to a player. */
export interface OfferedChoice {
  event: `choice.${string}`;
  choice: Choice;
}

/** Is this side played by a person in this seat arrangement? */
export function isPlayedByPerson(seat: PlaySeat, side: Side): boolean {
  return seat === 'both' || seat === side;
}

/**
 * A scene's choices in the order the file declares them, `continue` left out, conditions not yet
 * applied: the one list of them. What is offered (`offeredChoices`), what the reports count and what
 * share links index (`sceneChoiceEvents`) all start from it.
 */
export function sceneChoices(scene: Scene): OfferedChoice[] {
  const choices: OfferedChoice[] = [];
  for (const [event, value] of Object.entries(scene.on ?? {})) {
    if (event === 'continue' || Array.isArray(value) || !value || !('meta' in value)) continue;
    choices.push({ event: event as `choice.${string}`, choice: value });
  }
  return choices;
}

/** The choices of a scene whose conditions hold, in file order. */
export function offeredChoices(scene: Scene, standing: Standing): OfferedChoice[] {
  return sceneChoices(scene).filter((c) => holds(standing, c.choice.guard));
}

/** The simulated side's pick: the first rule that holds and names an offered choice. */
export function simulatedPick(scene: Scene, standing: Standing): OfferedChoice | undefined {
  const offered = offeredChoices(scene, standing);
  for (const rule of scene.meta.npc ?? []) {
    if (!holds(standing, rule.guard)) continue;
    const pick = offered.find((o) => o.event === rule.choose);
    if (pick) return pick;
  }
  return undefined;
}
