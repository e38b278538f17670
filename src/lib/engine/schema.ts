/**
 * The scenario file format, as a zod schema (zod/mini: the app shares zod's core with the saved-data
 * checks on first load, so the lighter API keeps that shared part small). Types are inferred from it.
 *
 * A scenario file is metadata plus `machine`, an XState machine config written as plain JSON: every
 * state is a scene, every choice is an event (`choice.<name>`), and effects and conditions are the
 * named, parameterised actions and guards that the engine declares once (see `effects.ts`).
 *
 * Keep it off the app's first-load path: the app loads it lazily, for imports.
 */
import * as z from 'zod/mini';
import { DIMENSIONS, SIDES } from './ledger.ts';
import { article, quote } from './quote.ts';

/**
 * The format version new files are written in. Each version adds rules; files in older versions still
 * load and play, with the newer rules reported as advice (see `validate.ts`):
 * - 2: `observed` on every choice the simulated side can make;
 * - 3: a side's ledger moves only through what the other side does (a choice may change only the other
 *   side's ledger).
 */
export const FORMAT_VERSION = 3;
/** Every format version the app still reads. */
export const FORMAT_VERSIONS = [1, 2, 3] as const;

/**
 * Characters that show nothing: format characters (zero-width space and joiners, soft hyphen, word
 * joiner, byte-order mark…), the combining grapheme joiner and the Hangul fillers. Text made only of
 * these (and spaces) looks empty.
 */
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0\s]/gu;
/** Characters that reverse or isolate the direction of the text after them: they can make text read differently from what it holds. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** Whether text shows nothing once invisible characters are removed. */
export const looksEmpty = (value: string) => value.replace(INVISIBLE, '') === '';

/** Text an author writes and players read: trimmed, not empty, not only invisible characters, no direction overrides. */
const text = (what: string, max: number) =>
  z.string({ error: `${what} must be text` }).check(
    z.trim(),
    z.minLength(1, { error: `${what} must not be empty` }),
    z.maxLength(max, { error: `${what} is longer than ${max} characters` }),
    z.refine((value) => value === '' || !looksEmpty(value), {
      error: `${what} must not be empty: it holds only invisible characters (such as a zero-width space)`,
    }),
    z.refine((value) => !BIDI_CONTROL.test(value), {
      error: `${what} holds a hidden character that changes the direction of the text (U+202A–U+202E or U+2066–U+2069); remove it`,
    }),
  );

const side = z.enum(SIDES, { error: 'must be "employer" or "candidate"' });
const dimension = z.enum(DIMENSIONS, {
  error: (issue) => `${quote(issue.input)} is not a dimension; use one of ${DIMENSIONS.map((d) => `"${d}"`).join(', ')}`,
});
const flagName = z
  .string({ error: 'a flag name must be text' })
  .check(z.regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,47}$/, { error: 'a flag name is a word of letters, digits, - or _' }));

/** Ids of scenes and scenarios: letters, digits and dashes, starting with a letter. */
export const ID_PATTERN = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;
const id = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .check(z.regex(ID_PATTERN, { error: `${what} must start with a letter and hold only letters, digits, - or _ (at most 64)` }));

// ---- effects (XState actions) ----------------------------------------------------------------

export const impressEffect = z.strictObject({
  type: z.literal('impress'),
  params: z.strictObject({
    ledger: side.register(z.globalRegistry, { description: 'whose opinion moves: "employer" = how the employer sees the candidate' }),
    dimension,
    by: z.int({ error: '"by" must be a whole number' }).check(
      z.gte(-5, { error: '"by" must be between -5 and 5' }),
      z.lte(5, { error: '"by" must be between -5 and 5' }),
      z.refine((n) => n !== 0, { error: '"by" must not be 0' }),
    ),
  }),
});
export const dealBreakerEffect = z.strictObject({
  type: z.literal('dealBreaker'),
  params: z.strictObject({ ledger: side, reason: text('the reason', 200) }),
});
export const setFlagEffect = z.strictObject({
  type: z.literal('setFlag'),
  params: z.strictObject({ flag: flagName }),
});
export const clearFlagEffect = z.strictObject({
  type: z.literal('clearFlag'),
  params: z.strictObject({ flag: flagName }),
});

export const EFFECT_TYPES = ['impress', 'dealBreaker', 'setFlag', 'clearFlag'] as const;
export const effectSchema = z.discriminatedUnion('type', [impressEffect, dealBreakerEffect, setFlagEffect, clearFlagEffect], {
  error: unknownName('effect', EFFECT_TYPES),
});

// ---- conditions (XState guards) ----------------------------------------------------------------

const ledgerCompare = (type: 'ledgerAtLeast' | 'ledgerBelow') =>
  z.strictObject({
    type: z.literal(type),
    params: z.strictObject({
      ledger: side,
      /** Omit to compare the ledger's total over all three dimensions. */
      dimension: z.optional(dimension),
      value: z.int({ error: '"value" must be a whole number' }).check(z.gte(-30), z.lte(30)),
    }),
  });
/** The single conditions: each tests one thing. */
export const GUARD_TYPES = ['ledgerAtLeast', 'ledgerBelow', 'flagSet', 'flagUnset', 'dealBroken'] as const;
/** The combinators: `and` (all hold), `or` (at least one holds), `not` (the one condition fails). */
export const COMBINATOR_TYPES = ['and', 'or', 'not'] as const;
/** How deep `and`, `or` and `not` may nest inside each other (4: a single condition sits at most 4 combinators in). */
export const MAX_GUARD_DEPTH = 4;
/** How many conditions an `and` or an `or` lists: at least 2, at most 8. */
export const GUARD_LIST = { min: 2, max: 8 } as const;

const singleGuards = [
  ledgerCompare('ledgerAtLeast'),
  ledgerCompare('ledgerBelow'),
  z.strictObject({ type: z.literal('flagSet'), params: z.strictObject({ flag: flagName }) }),
  z.strictObject({ type: z.literal('flagUnset'), params: z.strictObject({ flag: flagName }) }),
  z.strictObject({ type: z.literal('dealBroken'), params: z.strictObject({ ledger: side }) }),
] as const;

/** One condition that tests one thing (no `and`, `or`, `not`). */
export type SingleGuard = z.output<(typeof singleGuards)[number]>;
/** A condition: a single one, or `and` / `or` / `not` over conditions. */
export type Guard =
  SingleGuard | { type: 'and'; params: { all: Guard[] } } | { type: 'or'; params: { any: Guard[] } } | { type: 'not'; params: { condition: Guard } };

const conditionList = (name: 'and' | 'or', inner: z.ZodMiniType<Guard>) =>
  z
    .array(inner, { error: `"${name}" takes a list of conditions` })
    .check(
      z.minLength(GUARD_LIST.min, { error: `"${name}" needs at least ${GUARD_LIST.min} conditions (for one, write the condition itself)` }),
      z.maxLength(GUARD_LIST.max, { error: `"${name}" takes at most ${GUARD_LIST.max} conditions` }),
    );

const conditionTypes = [...GUARD_TYPES, ...COMBINATOR_TYPES];

/** Words for a condition that is not one: a list where one condition goes, or a type no one knows. */
const notACondition = (issue: { input?: unknown }) =>
  Array.isArray(issue.input) ? 'is a list; one condition goes here (to combine several, use "and" or "or")' : unknownName('condition', conditionTypes)(issue);

/**
 * The schemas of conditions nested inside `and`, `or` and `not` (one per level). The JSON Schema for
 * editors points them back at the top one, describing conditions recursively in a few lines.
 */
export const nestedGuardSchemas: z.ZodMiniType<Guard>[] = [];

/**
 * The condition schema for a condition nested `depth` combinators deep. Built level by level (not as a
 * recursive schema) so that a file nested thousands deep is refused at the limit, never recursed into.
 */
function guardAt(depth: number): z.ZodMiniType<Guard> {
  if (depth === MAX_GUARD_DEPTH) {
    return z.discriminatedUnion('type', [...singleGuards], {
      error: (issue) => {
        const name = (issue.input as { type?: unknown } | undefined)?.type;
        return typeof name === 'string' && (COMBINATOR_TYPES as readonly string[]).includes(name)
          ? `"and", "or" and "not" nest at most ${MAX_GUARD_DEPTH} deep; this "${name}" is one level too deep (write the condition more simply)`
          : notACondition(issue);
      },
    });
  }
  const inner = guardAt(depth + 1);
  nestedGuardSchemas.push(inner);
  return z.discriminatedUnion(
    'type',
    [
      ...singleGuards,
      z.strictObject({ type: z.literal('and'), params: z.strictObject({ all: conditionList('and', inner) }) }),
      z.strictObject({ type: z.literal('or'), params: z.strictObject({ any: conditionList('or', inner) }) }),
      z.strictObject({ type: z.literal('not'), params: z.strictObject({ condition: inner }) }),
    ],
    { error: notACondition },
  );
}

/**
 * A condition (XState guard): one of `GUARD_TYPES`, or `and` / `or` / `not` over conditions, e.g.
 * `{ "type": "and", "params": { "all": [{ "type": "flagSet", … }, { "type": "ledgerBelow", … }] } }`.
 */
export const guardSchema = guardAt(0).register(z.globalRegistry, {
  description: `A condition: ${GUARD_TYPES.join(', ')}, or "and" (params.all), "or" (params.any) and "not" (params.condition) over conditions, nested at most ${MAX_GUARD_DEPTH} deep; "and" and "or" list ${GUARD_LIST.min} to ${GUARD_LIST.max} conditions.`,
});

function unknownName(kind: string, known: readonly string[]) {
  return (issue: { input?: unknown }) => {
    const input = issue.input as { type?: unknown } | undefined;
    const name = input && typeof input === 'object' ? input.type : undefined;
    const list = known.map((k) => `"${k}"`).join(', ');
    return name === undefined ? `${article(kind)} needs a "type": one of ${list}` : `there is no ${kind} called ${quote(name)}; use one of ${list}`;
  };
}

// ---- transitions -----------------------------------------------------------------------------

/** What a choice shows the players. */
export const choiceMetaSchema = z.strictObject({
  /** The button text: what the deciding side says or does. */
  label: text('the label', 200),
  /** Shown after the choice in coach mode: which dimension it touched and why. */
  feedback: text('the feedback', 600),
  /** What the other side privately thinks of it, shown in the debrief. */
  thoughts: text('the thoughts', 600),
  /**
   * What the other side sees or hears when this choice is made, in third person or as speech (e.g.
   * `Farid texts: "Running late, can we start at 2:20?"`). Shown in play when the scenario makes this
   * choice for the simulated side, instead of the private label. Required (format 2) on every choice an
   * `npc` rule can pick.
   */
  observed: z.optional(text('what the other side observes', 300)),
});

export const choiceSchema = z.strictObject({
  target: id('the target'),
  /** When present, the choice is offered only while the condition holds. */
  guard: z.optional(guardSchema),
  actions: z._default(z.array(effectSchema).check(z.maxLength(8)), []),
  meta: choiceMetaSchema,
});

export const continueSchema = z.strictObject({
  target: id('the target'),
  guard: z.optional(guardSchema),
  actions: z._default(z.array(effectSchema).check(z.maxLength(8)), []),
  /** Why this branch moves a ledger, in words; coach mode shows it with the change (e.g. "Amara waited ten minutes without a word."). */
  reason: z.optional(text('the reason', 300)),
});

/** Rule by which the scenario picks for a side that no person plays: the first rule that holds wins. */
export const npcRuleSchema = z.strictObject({
  guard: z.optional(guardSchema),
  choose: z.string({ error: '"choose" must name a choice event' }),
});

export const sceneMetaSchema = z.strictObject({
  /** A key of `cast`, or "narrator". */
  speaker: z.string({ error: 'the speaker must be text' }),
  /** The lines or narration, one paragraph each. */
  text: z.array(text('a line', 1200), { error: '"text" must be a list of lines' }).check(z.minLength(1, { error: 'a scene needs at least one line of text' })),
  /** Which side decides here; omit when nobody does (the scene continues). */
  decides: z.optional(side),
  /** How the scenario decides for that side when no person plays it. */
  npc: z.optional(z.array(npcRuleSchema).check(z.minLength(1))),
  /** Discussion prompts for a facilitator at this scene (shown on the control view, first). */
  prompts: z.optional(z.array(text('a prompt', 300)).check(z.maxLength(6))),
  /** Private notes shown only to one side (kept from the other in pass-and-play). */
  asides: z.optional(z.strictObject({ employer: z.optional(text('an aside', 600)), candidate: z.optional(text('an aside', 600)) })),
  /** The group this scene belongs to on the editor's map (optional; only the editor reads it). */
  group: z.optional(text('a group name', 60)),
});

export const sceneSchema = z.strictObject({
  type: z.optional(z.literal('final', { error: 'the only scene type is "final"' })),
  description: z.optional(z.string().check(z.maxLength(400))),
  meta: sceneMetaSchema,
  on: z.optional(z.catchall(z.object({ continue: z.optional(z.union([continueSchema, z.array(continueSchema).check(z.minLength(1))])) }), choiceSchema)),
});

/** Portrait styles an author may pick for a cast member: a drawn face or the person's initials. */
export const PORTRAIT_STYLES = ['face', 'initials'] as const;

/**
 * How a cast member's portrait is drawn (optional; by default a face made from the name). `tone` picks
 * the skin tone of a face, or the background of initials, from 1 (lightest) to 6 (deepest); without it
 * the tone comes from the name.
 */
export const portraitSchema = z.strictObject({
  style: z.enum(PORTRAIT_STYLES, { error: 'must be "face" or "initials"' }),
  tone: z.optional(
    z
      .int({ error: 'a portrait tone must be a whole number from 1 to 6' })
      .check(z.minimum(1, { error: 'a portrait tone must be from 1 to 6' }), z.maximum(6, { error: 'a portrait tone must be from 1 to 6' })),
  ),
});

export const castMemberSchema = z.strictObject({
  name: text('a name', 80),
  role: text('a role', 120),
  portrait: z.optional(portraitSchema),
});

export const scenarioSchema = z.strictObject({
  $schema: z.optional(z.string()),
  format: z.union([z.literal(1), z.literal(2), z.literal(3)], {
    error: `"format" must be ${FORMAT_VERSION} (or 1 or 2 for files written before format ${FORMAT_VERSION})`,
  }),
  id: id('the scenario id'),
  title: text('the title', 120),
  summary: text('the summary', 400),
  setting: text('the setting', 600),
  seats: z.array(side).check(
    z.minLength(1, { error: 'list at least one seat it can be played from' }),
    z.refine((seats) => new Set(seats).size === seats.length, { error: 'a seat is listed twice' }),
  ),
  minutes: z.int({ error: '"minutes" must be a whole number' }).check(z.gte(1), z.lte(180)),
  objectives: z.array(text('an objective', 300)).check(z.minLength(1, { error: 'list at least one learning objective' })),
  tags: z._default(z.array(text('a tag', 40)).check(z.maxLength(12)), []),
  facilitator: z.strictObject({
    questions: z.array(text('a question', 300)).check(z.minLength(1, { error: 'give at least one discussion question' })),
    notes: z.optional(z.string().check(z.maxLength(2000))),
    minutes: z.optional(z.int().check(z.gte(1), z.lte(240))),
  }),
  cast: z.catchall(z.object({ employer: castMemberSchema, candidate: castMemberSchema }), castMemberSchema),
  machine: z.strictObject({
    id: z.optional(z.string()),
    initial: id('the initial scene'),
    states: z
      .record(id('a scene id'), sceneSchema)
      .check(z.refine((states) => Object.keys(states).length > 0, { error: 'a scenario needs at least one scene' })),
  }),
});

/** A scenario file as authored (defaults applied). */
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scene = Scenario['machine']['states'][string];
export type SceneMeta = z.output<typeof sceneMetaSchema>;
export type Choice = z.output<typeof choiceSchema>;
export type ContinueTransition = z.output<typeof continueSchema>;
export type Effect = z.output<typeof effectSchema>;
export type NpcRule = z.output<typeof npcRuleSchema>;
export type CastMember = z.output<typeof castMemberSchema>;
