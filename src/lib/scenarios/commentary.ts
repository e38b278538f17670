/**
 * A built-in scenario in two parts: what play needs before the first choice (scenes, lines, choices'
 * labels and what the other side observes, conditions, effects, private asides, cast) and its commentary,
 * the words shown only after a choice or away from play: each choice's coach `feedback` and the other side's
 * `thoughts`, each continue branch's `reason`, the facilitator's questions and notes, and each scene's
 * prompts, description and editor group. (The objectives stay with play: the scenario screen shows them.) The scenario plugin splits each file at build time
 * (`splitCommentary`) into two chunks; the catalogue puts them together again (`mergeCommentary`), so the
 * rest of the app sees one `Scenario`. Pure; no zod.
 */
import type { Scenario } from '../engine/schema.ts';

/** The commentary of one scene. */
export interface SceneCommentary {
  description?: string;
  prompts?: string[];
  group?: string;
  /** Each choice's `[feedback, thoughts]`, by event. */
  choices?: Record<string, [feedback: string, thoughts: string]>;
  /** Each continue branch's reason, in branch order (null where there is none). */
  reasons?: (string | null)[];
}

/** A scenario's commentary: everything `splitCommentary` took out. */
export interface Commentary {
  facilitator: Scenario['facilitator'];
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

/** Puts `values` into `target` (in place), its keys in `order` (keys not named keep their place at the end). */
function put(target: object, values: Loose, order: readonly string[]): void {
  const into = target as Loose;
  const all = { ...into, ...values };
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
 * Split a checked scenario into what play needs and its commentary. The scenario given is not changed.
 * `mergeCommentary(play, commentary)` gives back a scenario equal to it, keys in the same order.
 */
export function splitCommentary(scenario: Scenario): { play: PlayScenario; commentary: Commentary } {
  const play = structuredClone(scenario);
  const commentary: Commentary = { facilitator: play.facilitator, scenes: {} };
  delete (play as Loose).facilitator;
  for (const [id, scene] of Object.entries(play.machine.states)) {
    const notes: SceneCommentary = {};
    const meta = scene.meta as Loose;
    if (scene.description !== undefined) notes.description = scene.description;
    if (scene.meta.prompts) notes.prompts = scene.meta.prompts;
    if (scene.meta.group !== undefined) notes.group = scene.meta.group;
    delete (scene as Loose).description;
    delete meta.prompts;
    delete meta.group;
    const { choices, branches } = transitions(scene);
    for (const [event, choice] of choices) {
      (notes.choices ??= {})[event] = [choice.meta.feedback as string, choice.meta.thoughts as string];
      delete choice.meta.feedback;
      delete choice.meta.thoughts;
    }
    if (branches.some((b) => b.reason !== undefined)) notes.reasons = branches.map((b) => (b.reason as string | undefined) ?? null);
    for (const branch of branches) delete branch.reason;
    if (Object.keys(notes).length) commentary.scenes[id] = notes;
  }
  return { play, commentary };
}

/** Put a scenario's commentary back, in place (the scenario object is the one play already holds), and return it. */
export function mergeCommentary(play: PlayScenario, commentary: Commentary): Scenario {
  put(play, { facilitator: commentary.facilitator }, ORDER.scenario);
  for (const [id, notes] of Object.entries(commentary.scenes)) {
    const scene = play.machine.states[id];
    if (!scene) continue;
    if (notes.description !== undefined) put(scene, { description: notes.description }, ORDER.scene);
    if (notes.prompts || notes.group !== undefined) put(scene.meta, { prompts: notes.prompts, group: notes.group }, ORDER.sceneMeta);
    const { choices, branches } = transitions(scene);
    for (const [event, choice] of choices) {
      const said = notes.choices?.[event];
      if (said) put(choice.meta, { feedback: said[0], thoughts: said[1] }, ORDER.choiceMeta);
    }
    notes.reasons?.forEach((reason, i) => {
      if (reason !== null && branches[i]) branches[i].reason = reason;
    });
  }
  return play;
}
