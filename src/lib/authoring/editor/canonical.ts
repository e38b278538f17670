/**
 * The editor's file: a scenario written with its keys in one fixed order (the order of the format's
 * schema, `schema.ts`), two-space indents and a final newline, so that the same scenario always gives the
 * same text and a change reads as a small diff in version control. Lists and the order of scenes, cast
 * members and choices stay as the author made them. Pure; no zod.
 */
import { exportScenario, type ExportedFile } from '../export.ts';
import type { Scenario } from '../../engine/schema.ts';

type Json = unknown;
type Shape = { keys: readonly string[]; children?: Record<string, Walker> };
type Walker = (value: Json) => Json;

const obj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Orders an object's keys: `keys` first, in that order, then any others as they were; children walked. */
function shaped(shape: Shape): Walker {
  return (value) => {
    if (!obj(value)) return value;
    const out: Record<string, Json> = {};
    for (const key of [...shape.keys, ...Object.keys(value).filter((k) => !shape.keys.includes(k))]) {
      if (!(key in value) || value[key] === undefined) continue;
      const child = shape.children?.[key];
      out[key] = child ? child(value[key]) : value[key];
    }
    return out;
  };
}
const each =
  (walker: Walker): Walker =>
  (value) =>
    Array.isArray(value) ? value.map(walker) : walker(value);
/** Every value of a record (keys kept in order, `first` keys first). */
const values =
  (walker: Walker, first: readonly string[] = []): Walker =>
  (value) =>
    obj(value) ? shaped({ keys: first, children: Object.fromEntries(Object.keys(value).map((k) => [k, walker])) })(value) : value;

const PARAM_KEYS = ['ledger', 'dimension', 'by', 'reason', 'flag', 'value', 'all', 'any', 'condition'];
const guard: Walker = (value) =>
  shaped({
    keys: ['type', 'params'],
    children: {
      params: shaped({ keys: PARAM_KEYS, children: { all: each(guard), any: each(guard), condition: guard } }),
    },
  })(value);
const effect = shaped({ keys: ['type', 'params'], children: { params: shaped({ keys: PARAM_KEYS }) } });
const transition = shaped({
  keys: ['target', 'guard', 'actions', 'reason', 'meta'],
  children: { guard, actions: each(effect), meta: shaped({ keys: ['label', 'feedback', 'thoughts', 'observed'] }) },
});
const scene = shaped({
  keys: ['type', 'description', 'meta', 'on'],
  children: {
    meta: shaped({
      keys: ['speaker', 'text', 'decides', 'npc', 'prompts', 'asides', 'group'],
      children: { npc: each(shaped({ keys: ['guard', 'choose'], children: { guard } })), asides: shaped({ keys: ['employer', 'candidate'] }) },
    }),
    on: values(each(transition), ['continue']),
  },
});
const member = shaped({ keys: ['name', 'role', 'portrait'], children: { portrait: shaped({ keys: ['style', 'tone'] }) } });
const scenarioWalker = shaped({
  keys: ['$schema', 'format', 'id', 'title', 'summary', 'setting', 'seats', 'minutes', 'objectives', 'tags', 'facilitator', 'cast', 'machine'],
  children: {
    facilitator: shaped({ keys: ['questions', 'notes', 'minutes'] }),
    cast: values(member, ['employer', 'candidate']),
    machine: shaped({ keys: ['id', 'initial', 'states'], children: { states: values(scene) } }),
  },
});

/** The scenario with its keys in the format's order (a new object; the input is not changed). */
export function canonicalScenario(scenario: Scenario): Scenario {
  return scenarioWalker(scenario) as Scenario;
}

/** The scenario as the editor exports it: canonical key order, two-space JSON, final newline. */
export function exportCanonical(scenario: Scenario): ExportedFile {
  return exportScenario(canonicalScenario(scenario));
}
