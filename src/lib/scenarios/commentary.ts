/**
 * A built-in scenario in three parts:
 * - what play needs before the first choice: scenes, lines, choices' labels and what the other side
 *   observes, conditions, effects, private asides, cast, objectives (the scenario screen shows them);
 * - the coach's part, needed after a choice in coach mode: each choice's `feedback` and each continue
 *   branch's `reason`;
 * - the debrief's part, needed only once the run is over or away from play: each choice's `thoughts` (what
 *   the other side privately thought: never shown while a run is played), the facilitator's questions and
 *   notes, and each scene's prompts, description and editor group.
 * The scenario plugin splits each file at build time (`splitCommentary`) into three chunks; the catalogue
 * puts them together again (`mergeCommentary`, once per part, in any order), so the rest of the app sees
 * one `Scenario`. Pure; no zod.
 */
import type { Scenario } from '../engine/schema.ts';

/** A part of one scene's commentary. */
export interface SceneCommentary {
  description?: string;
  prompts?: string[];
  group?: string;
  /** Each choice's coach feedback, by event. */
  feedback?: Record<string, string>;
  /** Each choice's thoughts of the other side, by event. */
  thoughts?: Record<string, string>;
  /** Each continue branch's reason, in branch order (null where there is none). */
  reasons?: (string | null)[];
}

/** A part of a scenario's commentary: what `splitCommentary` took out, for the coach or for the debrief. */
export interface Commentary {
  facilitator?: Scenario['facilitator'];
  scenes: Record<string, SceneCommentary>;
}

/** A scenario without its commentary: shaped like `Scenario`, but the fields `Commentary` holds are absent. */
export type PlayScenario = Scenario;

type Loose = Record<string, unknown>;

/** The key order of the format's schema (`schema.ts`), kept when the commentary is put back. */
const ORDER = {
  scenario: ['$schema', 'format', 'id', 'title', 'summary', 'setting', 'seats', 'minutes', 'objectives', 'tags', 'facilitator', 'cast', 'machine'],
  scene: ['type', 'description', 'meta', 'on'],
  sceneMeta: ['speaker', 'text', 'decides', 'npc', 'prompts', 'asides', 'group'],
  choiceMeta: ['label', 'feedback', 'thoughts', 'observed'],
} as const;

/** Puts `values` (those not undefined) into `target` (in place), its keys in `order` (keys not named keep their place at the end). */
function put(target: object, values: Loose, order: readonly string[]): void {
  const into = target as Loose;
  const all = { ...into };
  for (const [key, value] of Object.entries(values)) if (value !== undefined) all[key] = value;
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i < 0 ? order.length : i;
  };
  for (const key of Object.keys(into)) delete into[key];
  for (const key of Object.keys(all).sort((a, b) => rank(a) - rank(b))) if (all[key] !== undefined) into[key] = all[key];
}

/** Each scene's transitions: choices (with `meta`) and continue branches (in order). */
function transitions(scene: Scenario['machine']['states'][string]) {
  const choices: [string, { meta: Loose }][] = [];
  const branches: Loose[] = [];
  for (const [event, value] of Object.entries(scene.on ?? {})) {
    if (event === 'continue') branches.push(...((Array.isArray(value) ? value : [value]) as Loose[]));
    else choices.push([event, value as unknown as { meta: Loose }]);
  }
  return { choices, branches };
}

/**
 * Split a checked scenario into what play needs, the coach's part and the debrief's part. The scenario
 * given is not changed. Merging both parts into `play` (`mergeCommentary`) gives back a scenario equal to
 * it, keys in the same order.
 */
export function splitCommentary(scenario: Scenario): { play: PlayScenario; coach: Commentary; debrief: Commentary } {
  const play = structuredClone(scenario);
  const coach: Commentary = { scenes: {} };
  const debrief: Commentary = { facilitator: play.facilitator, scenes: {} };
  delete (play as Loose).facilitator;
  for (const [id, scene] of Object.entries(play.machine.states)) {
    const forCoach: SceneCommentary = {};
    const forDebrief: SceneCommentary = {};
    const meta = scene.meta as Loose;
    if (scene.description !== undefined) forDebrief.description = scene.description;
    if (scene.meta.prompts) forDebrief.prompts = scene.meta.prompts;
    if (scene.meta.group !== undefined) forDebrief.group = scene.meta.group;
    delete (scene as Loose).description;
    delete meta.prompts;
    delete meta.group;
    const { choices, branches } = transitions(scene);
    for (const [event, choice] of choices) {
      (forCoach.feedback ??= {})[event] = choice.meta.feedback as string;
      (forDebrief.thoughts ??= {})[event] = choice.meta.thoughts as string;
      delete choice.meta.feedback;
      delete choice.meta.thoughts;
    }
    if (branches.some((b) => b.reason !== undefined)) forCoach.reasons = branches.map((b) => (b.reason as string | undefined) ?? null);
    for (const branch of branches) delete branch.reason;
    if (Object.keys(forCoach).length) coach.scenes[id] = forCoach;
    if (Object.keys(forDebrief).length) debrief.scenes[id] = forDebrief;
  }
  return { play, coach, debrief };
}

/** Put a part of a scenario's commentary back, in place (the scenario object is the one play already holds), and return it. */
export function mergeCommentary(play: PlayScenario, commentary: Commentary): Scenario {
  if (commentary.facilitator !== undefined) put(play, { facilitator: commentary.facilitator }, ORDER.scenario);
  for (const [id, notes] of Object.entries(commentary.scenes)) {
    const scene = play.machine.states[id];
    if (!scene) continue;
    if (notes.description !== undefined) put(scene, { description: notes.description }, ORDER.scene);
    if (notes.prompts || notes.group !== undefined) put(scene.meta, { prompts: notes.prompts, group: notes.group }, ORDER.sceneMeta);
    const { choices, branches } = transitions(scene);
    for (const [event, choice] of choices) {
      const feedback = notes.feedback?.[event];
      const thoughts = notes.thoughts?.[event];
      if (feedback !== undefined || thoughts !== undefined) put(choice.meta, { feedback, thoughts }, ORDER.choiceMeta);
    }
    notes.reasons?.forEach((reason, i) => {
      if (reason !== null && branches[i]) branches[i].reason = reason;
    });
  }
  return play;
}
