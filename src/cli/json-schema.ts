/** The scenario format as JSON Schema, for editors (`public/scenario.schema.json`). */
import * as z from 'zod/mini';
import { guardSchema, nestedGuardSchemas, scenarioSchema } from '../lib/engine/schema.ts';

/**
 * The checker builds conditions level by level to bound their depth; editors get one recursive definition
 * instead (`$defs.condition`), referred to wherever a condition goes, and the checker reports nesting
 * that goes too deep.
 */
const CONDITION_REF = '#/$defs/condition';

function toJson(schema: z.ZodMiniType, refer: Set<unknown>) {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (!refer.has(zodSchema)) return;
      for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
      jsonSchema.$ref = CONDITION_REF;
    },
  });
}

export function scenarioJsonSchema(): string {
  const { $schema: _, ...condition } = toJson(guardSchema, new Set(nestedGuardSchemas));
  const schema = toJson(scenarioSchema, new Set([guardSchema, ...nestedGuardSchemas]));
  const whole = { ...schema, title: 'Other Side of the Desk scenario', $id: 'scenario.schema.json', $defs: { condition } };
  describeFields(whole, '');
  return JSON.stringify(whole, null, 2) + '\n';
}

/**
 * Hover help for editors: what each field means, keyed by `parent.field` where a name means different
 * things in different places, else by the field's name. docs/authoring.md explains the same at length.
 */
const FIELD_HELP: Record<string, string> = {
  $schema: 'The path to this JSON Schema, for editors (e.g. "../public/scenario.schema.json").',
  format: 'The format version: 3 for new files (1 and 2 still load, with newer rules reported as advice).',
  id: 'The scenario id: a letter, then letters, digits, - or _. Must match the file name.',
  title: 'The title shown in the library (at most 120 characters).',
  summary: 'One or two sentences for the library card (at most 400 characters).',
  setting: 'The scene-setter shown before the first scene (at most 600 characters).',
  seats: 'The sides a person can play: "employer", "candidate" or both.',
  minutes: 'Estimated playing time in minutes (1–180).',
  objectives: 'Learning objectives, one sentence each.',
  tags: 'Short topic words for the library (at most 12).',
  facilitator: 'What a workshop facilitator needs: discussion questions, notes and a suggested session length.',
  questions: 'Discussion questions for the room (at least one; the library asks for three).',
  notes: 'Notes for the facilitator only (at most 2,000 characters).',
  'facilitator.minutes': 'Suggested length of a workshop session with this scenario, in minutes (1–240).',
  cast: 'The people, by key: "employer" and "candidate" are required; others (e.g. "recruiter") may be added.',
  name: "The person's full name.",
  role: "The person's job title or role.",
  portrait: "How the person's portrait is drawn.",
  style: 'The portrait style.',
  tone: "The portrait's skin tone.",
  machine: 'The scenes: an XState machine config written as JSON.',
  'machine.id': 'Optional machine id (the scenario id is used).',
  initial: 'The id of the first scene.',
  states: 'The scenes, by id (a letter, then letters, digits, - or _).',
  type: 'What this is: for a scene, "final" ends the interview; for an effect or a condition, its name.',
  description: 'A note for authors; not shown to players.',
  meta: 'What the scene or choice shows the players.',
  speaker: 'Who speaks: a key of "cast", or "narrator".',
  text: 'The lines or narration, one paragraph each.',
  decides: 'The side that chooses in this scene: "employer" or "candidate". Leave out where nobody decides.',
  npc: 'How the scenario chooses for that side when no person plays it: the first rule whose guard holds wins; the last has no guard.',
  choose: 'The choice event this rule picks, e.g. "choice.apologise".',
  prompts: 'Discussion prompts for a facilitator at this scene (up to six).',
  asides: 'Private notes for one side only; never shown to the other side.',
  group: 'A name that groups scenes together on the editor’s map (optional; play ignores it).',
  employer: 'For the employer only.',
  candidate: 'For the candidate only.',
  'cast.employer': "The person on the employer's side.",
  'cast.candidate': 'The candidate.',
  on: 'The ways on: choices named "choice.<name>" where someone decides, or "continue" where nobody does.',
  continue: 'Where the scene goes when nobody decides: one transition, or a list with guards (the first that holds is taken).',
  target: 'The id of the next scene.',
  guard: 'A condition: the choice is offered, or the branch taken, only while it holds.',
  actions: 'Effects, in order (at most 8): impress, dealBreaker, setFlag, clearFlag.',
  reason: 'Why, in words: for a deal-breaker, what the other side will remember; for a continue branch, why it moves a ledger (coach mode shows it).',
  label: 'The button text: what the deciding side says or does, in their own words. Private to the chooser during play.',
  feedback: "Coach mode's feedback after the choice: name the dimension it touched and why (40–600 characters).",
  thoughts: 'What the other side privately thinks of it, revealed in the debrief (30–600 characters).',
  observed:
    'What the other side sees or hears when the scenario makes this choice: third person or quoted speech, no thoughts. Required where an npc rule can pick the choice.',
  params: "The effect's or condition's parameters.",
  ledger: 'Whose view: "employer" is how the employer sees the candidate, "candidate" how the candidate sees the employer.',
  dimension: 'One of "courtesy", "communication", "commonSense"; for a condition, leave out to compare the ledger\'s total.',
  by: 'How much the dimension moves: a whole number from -5 to 5, not 0.',
  value: 'The number the ledger (or dimension) is compared with.',
  flag: "A flag's name: a word of letters, digits, - or _.",
  all: '"and": every one of these conditions holds (2–8 conditions).',
  any: '"or": at least one of these conditions holds (2–8 conditions).',
  condition: '"not": this condition does not hold.',
};

/** Give every property of a JSON Schema a description from FIELD_HELP (nested objects included). */
function describeFields(node: unknown, parent: string): void {
  if (Array.isArray(node)) {
    for (const item of node) describeFields(item, parent);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  const properties = record.properties;
  if (typeof properties === 'object' && properties !== null) {
    for (const [name, field] of Object.entries(properties as Record<string, Record<string, unknown>>)) {
      const help = FIELD_HELP[`${parent}.${name}`] ?? FIELD_HELP[name];
      if (help && typeof field === 'object' && field !== null && field.description === undefined) field.description = help;
      describeFields(field, name);
    }
  }
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'properties')
      describeFields(value, key === 'additionalProperties' || key === 'items' || key === 'anyOf' || key === 'oneOf' ? parent : key === '$defs' ? '' : parent);
  }
}
