/**
 * Edits of a scenario, as pure functions that return a new scenario and leave the old one as it was (so
 * the history can keep both). Forms call `setIn` with a path for one field; the outline and the canvas
 * call the scene and choice operations. Pure; no zod: the checker (in a worker) says what is wrong.
 */
import type { Choice, Effect, Guard, NpcRule, Scenario, Scene } from '../../engine/schema.ts';

/** A place in the scenario: keys and list indexes, e.g. `['machine', 'states', 'intro', 'meta', 'text', 0]`. */
export type Path = readonly (string | number)[];

type Json = unknown;

/** The value at a path, or undefined. */
export function getIn(value: Json, path: Path): Json {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, Json>)[key];
  }
  return at;
}

/**
 * A copy of `value` with the value at `path` replaced (copying only the objects on the path). `undefined`
 * removes the key (or the list item). Keys keep their place; a new key goes last.
 */
export function setIn<T>(value: T, path: Path, next: Json): T {
  if (path.length === 0) return next as T;
  const [key, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    const index = key as number;
    const child = setIn(copy[index], rest, next);
    if (child === undefined && rest.length === 0) copy.splice(index, 1);
    else copy[index] = child;
    return copy as T;
  }
  const record = value !== null && typeof value === 'object' ? (value as Record<string, Json>) : {};
  const child = setIn(record[key as string], rest, next);
  const copy: Record<string, Json> = { ...record };
  if (child === undefined) delete copy[key as string];
  else copy[key as string] = child;
  return copy as T;
}

const statesOf = (s: Scenario) => s.machine.states;
const withStates = (s: Scenario, states: Record<string, Scene>): Scenario => ({ ...s, machine: { ...s.machine, states } });

/** A scene id not yet used: `base`, `base2`, `base3`… */
export function freeSceneId(scenario: Scenario, base = 'scene'): string {
  const taken = statesOf(scenario);
  if (!(base in taken)) return base;
  for (let n = 2; ; n++) if (!(`${base}${n}` in taken)) return `${base}${n}`;
}

/** A choice event name not yet used in a scene: `choice.option`, `choice.option2`… */
export function freeChoiceName(scene: Scene, base = 'choice.option'): string {
  const taken = scene.on ?? {};
  if (!(base in taken)) return base;
  for (let n = 2; ; n++) if (!(`${base}${n}` in taken)) return `${base}${n}`;
}

/** A new scene (narration, one line), added last; with `from`, a new choice in that scene leads to it. */
export function addScene(scenario: Scenario, id: string, options: { final?: boolean } = {}): Scenario {
  const scene: Scene = options.final
    ? { type: 'final', meta: { speaker: 'narrator', text: ['The interview ends.'] } }
    : { meta: { speaker: 'narrator', text: ['New scene.'] } };
  return withStates(scenario, { ...statesOf(scenario), [id]: scene });
}

/** The scenario without the scene. Choices that led to it keep their target, so the checker points them out. */
export function deleteScene(scenario: Scenario, id: string): Scenario {
  const { [id]: _removed, ...rest } = statesOf(scenario);
  void _removed;
  const initial = scenario.machine.initial === id ? (Object.keys(rest)[0] ?? id) : scenario.machine.initial;
  return { ...scenario, machine: { ...scenario.machine, initial, states: rest } };
}

/** Rename a scene, and every target, `initial` and reference to it. The scene keeps its place in the list. */
export function renameScene(scenario: Scenario, from: string, to: string): Scenario {
  if (from === to || to in statesOf(scenario)) return scenario;
  const retarget = <T extends { target: string }>(t: T): T => (t.target === from ? { ...t, target: to } : t);
  const states: Record<string, Scene> = {};
  for (const [id, scene] of Object.entries(statesOf(scenario))) {
    const on = scene.on
      ? Object.fromEntries(
          Object.entries(scene.on).map(([event, t]) => [event, Array.isArray(t) ? t.map(retarget) : t && typeof t === 'object' ? retarget(t as Choice) : t]),
        )
      : undefined;
    states[id === from ? to : id] = on ? { ...scene, on: on as Scene['on'] } : scene;
  }
  const initial = scenario.machine.initial === from ? to : scenario.machine.initial;
  return { ...scenario, machine: { ...scenario.machine, initial, states } };
}

/** Move a scene up (-1) or down (+1) in the list of scenes. */
export function moveScene(scenario: Scenario, id: string, by: -1 | 1): Scenario {
  const entries = Object.entries(statesOf(scenario));
  const at = entries.findIndex(([key]) => key === id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= entries.length) return scenario;
  [entries[at], entries[to]] = [entries[to]!, entries[at]!];
  return withStates(scenario, Object.fromEntries(entries));
}

/** A new choice in a scene, leading to `target`; the scene becomes a decision for `decides` if it was none. */
export function addChoice(scenario: Scenario, sceneId: string, target: string, event?: string): Scenario {
  const scene = statesOf(scenario)[sceneId];
  if (!scene) return scenario;
  const name = event ?? freeChoiceName(scene);
  // A scene that had no rules for the simulated side gets one that makes this choice: the other side then
  // needs to be told what it sees or hears (`observed`), since the label is private.
  const simulated = !scene.meta.npc;
  const meta = { label: 'New option', feedback: 'Why this matters.', thoughts: 'What the other side thinks.' };
  const choice: Choice = { target, actions: [], meta: simulated ? { ...meta, observed: 'What the other side sees or hears.' } : meta };
  const decides = scene.meta.decides ?? (scenario.seats[0] as 'employer' | 'candidate');
  const next: Scene = {
    ...scene,
    meta: { ...scene.meta, decides, npc: scene.meta.npc ?? [{ choose: name }] },
    on: { ...(scene.on ?? {}), [name]: choice } as Scene['on'],
  };
  return withStates(scenario, { ...statesOf(scenario), [sceneId]: next });
}

/** The scene without one of its choices (or its `continue`). */
export function deleteChoice(scenario: Scenario, sceneId: string, event: string): Scenario {
  const scene = statesOf(scenario)[sceneId];
  if (!scene?.on) return scenario;
  const { [event]: _removed, ...on } = scene.on as Record<string, unknown>;
  void _removed;
  const npc = scene.meta.npc?.filter((rule) => rule.choose !== event);
  const meta = { ...scene.meta, npc: npc && npc.length ? npc : undefined };
  if (!npc?.length) delete meta.npc;
  return withStates(scenario, { ...statesOf(scenario), [sceneId]: { ...scene, meta, on: on as Scene['on'] } });
}

/** Defaults for a new effect of each type. */
export const EFFECT_DEFAULTS: Record<Effect['type'], Effect> = {
  impress: { type: 'impress', params: { ledger: 'candidate', dimension: 'courtesy', by: 1 } },
  dealBreaker: { type: 'dealBreaker', params: { ledger: 'candidate', reason: 'Why this ends it.' } },
  setFlag: { type: 'setFlag', params: { flag: 'flag' } },
  clearFlag: { type: 'clearFlag', params: { flag: 'flag' } },
};

/** Defaults for a new single condition of each type. */
export const GUARD_DEFAULTS: Record<Exclude<Guard['type'], 'and' | 'or' | 'not'>, Guard> = {
  ledgerAtLeast: { type: 'ledgerAtLeast', params: { ledger: 'employer', value: 0 } },
  ledgerBelow: { type: 'ledgerBelow', params: { ledger: 'employer', value: 0 } },
  flagSet: { type: 'flagSet', params: { flag: 'flag' } },
  flagUnset: { type: 'flagUnset', params: { flag: 'flag' } },
  dealBroken: { type: 'dealBroken', params: { ledger: 'employer' } },
};

/** A new npc rule that picks `choose`. */
export const newRule = (choose: string): NpcRule => ({ choose });

/** The scenes a scene's choices and continues lead to, with the event and its label. */
export function exitsOf(scene: Scene): { event: string; target: string; label: string; index?: number }[] {
  const out: { event: string; target: string; label: string; index?: number }[] = [];
  for (const [event, t] of Object.entries(scene.on ?? {})) {
    if (Array.isArray(t)) t.forEach((c, index) => out.push({ event, target: c.target, label: c.reason ?? 'continue', index }));
    else if (t && typeof t === 'object' && 'target' in t) {
      const choice = t as Choice | { target: string; reason?: string };
      out.push({ event, target: choice.target, label: 'meta' in choice ? choice.meta.label : (choice.reason ?? 'continue') });
    }
  }
  return out;
}

/** The list without its item at `index`. */
export const without = <T>(list: readonly T[], index: number): T[] => list.filter((_, j) => j !== index);

/** The list with the items at `index` and `index - 1` swapped (the item moves up). */
export function movedUp<T>(list: readonly T[], index: number): T[] {
  if (index <= 0 || index >= list.length) return [...list];
  const copy = [...list];
  [copy[index - 1], copy[index]] = [copy[index]!, copy[index - 1]!];
  return copy;
}

/** The groups on the map, each with its scenes in order (scenes name their group in `meta.group`). */
export function groupsOf(scenario: Scenario): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [id, scene] of Object.entries(statesOf(scenario))) {
    const group = scene.meta?.group;
    if (group) groups.set(group, [...(groups.get(group) ?? []), id]);
  }
  return groups;
}

/** The scenes put in a group (or, with no name, taken out of their groups). A blank name is no name. */
export function setGroup(scenario: Scenario, scenes: readonly string[], group: string | undefined): Scenario {
  const name = group?.trim() || undefined;
  const states = { ...statesOf(scenario) };
  for (const id of scenes) {
    const scene = states[id];
    if (!scene) continue;
    const { group: _old, ...meta } = scene.meta;
    void _old;
    states[id] = { ...scene, meta: name ? { ...meta, group: name } : meta };
  }
  return withStates(scenario, states);
}

/** A group renamed (its scenes follow); a blank name ungroups them. */
export function renameGroup(scenario: Scenario, from: string, to: string): Scenario {
  return setGroup(scenario, groupsOf(scenario).get(from) ?? [], to);
}
