/**
 * Checks a scenario file: the zod schema first, then the references between its parts (targets, speakers,
 * who decides, the simulated side's rules). Every problem names its place in author's words, e.g.
 * `scene "greeting" → choice "choice.apologise" → target`.
 */
import type * as z from 'zod/mini';
import { scenarioSchema, type Scenario, type Scene } from './schema.ts';
import { otherSide } from './ledger.ts';
import { article, describeValue, excerpt, quote, shortMessage } from './quote.ts';
import { scanJson } from '../authoring/json-locate.ts';

export interface Problem {
  /** Where in the file, in words: `scene "intro" → choice "choice.wave" → effect 1 → dimension`. */
  where: string;
  /** What is wrong, in words an author understands. */
  message: string;
  /** The raw path into the JSON, for editors and line look-up. */
  path: (string | number)[];
}

/**
 * `advice`: what a file written in an older format should add to meet today's rules. It still loads
 * and plays; the same finding in a current-format file is a problem.
 */
export type Validation = { ok: true; scenario: Scenario; advice: Problem[] } | { ok: false; problems: Problem[] };

export const CHOICE_EVENT = /^choice\.[a-zA-Z][a-zA-Z0-9_-]*$/;

/** Parse and cross-check unknown data (already JSON-parsed). */
export function validateScenario(data: unknown): Validation {
  const reserved = reservedNames(data);
  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: tidy([...reserved, ...parsed.error.issues.flatMap((issue) => fromZodIssue(issue, []))]) };
  if (reserved.length) return { ok: false, problems: tidy(reserved) };
  const problems = checkReferences(parsed.data);
  const advice: Problem[] = [];
  for (const rule of FORMAT_RULES) {
    const found = rule.check(parsed.data);
    (parsed.data.format >= rule.since ? problems : advice).push(...found);
  }
  return problems.length ? { ok: false, problems: tidy(problems) } : { ok: true, scenario: parsed.data, advice: tidy(advice) };
}

/**
 * Parse JSON text, then validate. A JSON syntax error is a problem like any other, in the words of the
 * JSON scanner, with its line and column. For the full check (keys written twice, analysis, lines of
 * every problem) use `checkScenarioText` in `authoring/check.ts`.
 */
export function validateScenarioText(source: string): Validation {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    return { ok: false, problems: [jsonSyntaxProblem(source)] };
  }
  return validateScenario(data);
}

/** The problem for text that JSON.parse refused: the scanner's words, with line and column. */
export function jsonSyntaxProblem(source: string): Problem & { line?: number; column?: number } {
  if (source.trim() === '') return { where: 'the file', message: 'is empty', path: [] };
  const scan = scanJson(source);
  if (!scan.error) return { where: 'the file', message: 'is not valid JSON', path: [] };
  const { line, column } = scan.error.position;
  return { where: 'the file', message: `is not valid JSON: ${scan.error.message}.`, path: [], line, column };
}

/** At most this many problems are listed; the rest are counted. */
export const MAX_PROBLEMS = 50;

/**
 * Each problem once (same place, same words), every message cut to `MESSAGE_LENGTH`, and at most
 * `MAX_PROBLEMS` of them, the last saying how many more there are.
 */
export function tidy<P extends Problem>(problems: P[]): (P | Problem)[] {
  const seen = new Set<string>();
  const out: P[] = [];
  for (const p of problems) {
    const key = `${p.where}\u0000${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...p, where: shortMessage(p.where), message: shortMessage(p.message) });
  }
  if (out.length <= MAX_PROBLEMS) return out;
  const rest = out.length - (MAX_PROBLEMS - 1);
  const more: Problem = { where: 'the file', message: `has ${rest} more problems; fix the ones above first`, path: [] };
  return [...out.slice(0, MAX_PROBLEMS - 1), more];
}

/**
 * Keys named `__proto__`: JSON keeps them, but JavaScript objects cannot hold them as ordinary names, so
 * the schema would silently drop them. Every other name (`constructor`, `toString`…) is an ordinary name.
 */
function reservedNames(data: unknown): Problem[] {
  const problems: Problem[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (path.length > 64 || problems.length >= MAX_PROBLEMS || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, [...path, i]));
    if (Object.hasOwn(value, '__proto__')) {
      problems.push({
        where: describePath(path),
        message: 'has a name "__proto__", which cannot be used: JavaScript reserves it; choose another name',
        path: [...path, '__proto__'],
      });
    }
    for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(data, []);
  return problems;
}

/**
 * One line per problem: `file:line:column: where: message` (`file: where: message` when the place has no
 * line), with `label: ` before the place when given (e.g. `warning`). Editors turn such lines into links.
 */
export function formatProblems(file: string, problems: (Problem & { line?: number; column?: number })[], label?: string): string {
  return problems.map((p) => `${file}${p.line ? `:${p.line}:${p.column ?? 1}` : ''}: ${label ? `${label}: ` : ''}${p.where}: ${p.message}`).join('\n');
}

/** Unknown fields listed by name for one object; the rest are counted. */
const MAX_UNKNOWN_KEYS = 5;

/** Zod's default message, given when the schema names no words of its own. */
const ZOD_DEFAULT = 'Invalid input';

/** One zod issue in author's words (an unknown field: one problem per field, so each can be found by line). */
function fromZodIssue(issue: z.core.$ZodIssue, prefix: (string | number)[]): Problem[] {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const problem = (message: string, at = path): Problem => ({ where: describePath(at), message, path: at });
  const own = issue.message && issue.message !== ZOD_DEFAULT ? issue.message : undefined;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const shown = issue.keys.slice(0, MAX_UNKNOWN_KEYS).map((key) => ({ ...problem(`has a field it does not know: ${quote(key)}`), path: [...path, key] }));
      const more = issue.keys.length - shown.length;
      return more > 0 ? [...shown, problem(`has ${more} more fields it does not know`)] : shown;
    }
    case 'invalid_type':
      if (issue.input === undefined) return [problem('is missing')];
      return [problem(own ?? `must be ${expectedWords(issue.expected)}, not ${describeValue(issue.input)}`)];
    case 'invalid_union':
      return fromUnion(issue, path);
    case 'invalid_key':
    case 'invalid_element': {
      const inner = issue.issues.map((i) => (i.message && i.message !== ZOD_DEFAULT ? i.message : 'is not a name this field accepts'));
      return [problem(`${inner[0] ?? 'is not a name this field accepts'}`)];
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v) ?? String(v));
      const allowed = values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(', ')}`;
      return [problem(own ?? `${allowed}, not ${describeValue(issue.input)}`)];
    }
    case 'too_small':
      return [problem(own ?? sizeWords('small', issue.origin, Number(issue.minimum), issue.inclusive !== false))];
    case 'too_big':
      return [problem(own ?? sizeWords('big', issue.origin, Number(issue.maximum), issue.inclusive !== false))];
    case 'invalid_format':
      return [problem(own ?? 'is not written in the form this field needs')];
    case 'not_multiple_of':
      return [problem(own ?? `must be a multiple of ${String(issue.divisor)}`)];
    default:
      return [problem(own ?? 'is not valid here')];
  }
}

/**
 * A value that fits none of a union's shapes. When it has the type of one shape (an object where an
 * object or a list is allowed), what is wrong inside that shape; otherwise which types are allowed.
 */
function fromUnion(issue: z.core.$ZodIssueInvalidUnion, path: (string | number)[]): Problem[] {
  const own = issue.message && issue.message !== ZOD_DEFAULT ? issue.message : undefined;
  if (own) return [{ where: describePath(path), message: own, path }];
  const wrongType = (branch: z.core.$ZodIssue[]) => branch.length > 0 && branch.every((i) => i.code === 'invalid_type' && i.path.length === 0);
  const fitting = issue.errors.find((branch) => branch.length > 0 && !wrongType(branch));
  if (fitting) return fitting.flatMap((inner) => fromZodIssue(inner, path));
  const expected = issue.errors.flatMap((branch) => branch.flatMap((i) => (i.code === 'invalid_type' ? [expectedWords(i.expected)] : [])));
  const unique = [...new Set(expected)];
  const input = (issue as { input?: unknown }).input;
  const allowed = unique.length ? unique.join(' or ') : 'something else';
  return [{ where: describePath(path), message: input === undefined ? 'is missing' : `must be ${allowed}, not ${describeValue(input)}`, path }];
}

/** A JSON type as authors call it. */
function expectedWords(expected: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'an object in { … }',
    array: 'a list in [ … ]',
    null: 'null',
  };
  return words[expected] ?? article(expected);
}

/** A size limit in words: `must not be empty`, `lists more than 8 items (at most 8)`, `must be at least 1`. */
function sizeWords(kind: 'small' | 'big', origin: string, limit: number, inclusive: boolean): string {
  const bound = kind === 'small' ? (inclusive ? limit : limit + 1) : inclusive ? limit : limit - 1;
  if (origin === 'string') {
    if (kind === 'small') return bound <= 1 ? 'must not be empty' : `must be at least ${bound} characters long`;
    return `is longer than ${bound} characters`;
  }
  if (origin === 'array' || origin === 'set') {
    if (kind === 'small') return bound <= 1 ? 'must list at least one item' : `must list at least ${bound} items`;
    return `lists too many items (at most ${bound})`;
  }
  return kind === 'small' ? `must be at least ${bound}` : `must be at most ${bound}`;
}

const LIST_ITEM_NAMES: Record<string, string> = {
  actions: 'effect',
  npc: 'npc rule',
  text: 'line',
  seats: 'seat',
  objectives: 'objective',
  tags: 'tag',
  questions: 'question',
  all: 'condition',
  any: 'condition',
};

/** Longest name (scene id, choice event, field) a place in words quotes, in characters. */
const NAME_LENGTH = 48;

/** Turn a JSON path into author's words. Names are quoted short, so a place is never longer than a line or two. */
export function describePath(path: (string | number)[]): string {
  const parts: string[] = [];
  let i = 0;
  if (path[0] === 'machine' && path[1] === 'states' && path.length > 2) {
    parts.push(`scene ${quote(String(path[2]), NAME_LENGTH)}`);
    i = 3;
    if (path[i] === 'on' && path.length > i + 1) {
      const event = String(path[i + 1]);
      parts.push(event === 'continue' ? 'continue' : `choice ${quote(event, NAME_LENGTH)}`);
      i += 2;
      if (typeof path[i] === 'number') {
        parts.push(`branch ${(path[i] as number) + 1}`);
        i++;
      }
    } else if (path[i] === 'meta') {
      i++;
    }
  }
  for (; i < path.length; i++) {
    const part = path[i]!;
    const prev = path[i - 1];
    if (part === 'params' && path[i - 2] === 'actions') continue;
    if (typeof part === 'number') {
      const noun = Object.hasOwn(LIST_ITEM_NAMES, String(prev)) ? LIST_ITEM_NAMES[String(prev)] : `${excerpt(String(prev ?? 'item'), NAME_LENGTH)} item`;
      if (parts.length && prev !== undefined) parts.pop();
      parts.push(`${noun} ${part + 1}`);
    } else {
      parts.push(excerpt(part, NAME_LENGTH));
    }
  }
  return parts.length ? parts.join(' → ') : 'the file';
}

function checkReferences(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const states = scenario.machine.states;
  const sceneIds = Object.keys(states);
  const report = (path: (string | number)[], message: string) => problems.push({ where: describePath(path), message, path });

  if (!Object.hasOwn(states, scenario.machine.initial)) {
    report(['machine', 'initial'], `there is no scene called "${scenario.machine.initial}"${suggest(scenario.machine.initial, sceneIds)}`);
  }
  const speakers = new Set([...Object.keys(scenario.cast), 'narrator']);
  for (const [sceneId, scene] of Object.entries(states)) {
    const at = (...rest: (string | number)[]) => ['machine', 'states', sceneId, ...rest];
    const { meta } = scene;
    if (!speakers.has(meta.speaker)) {
      const cast = Object.keys(scenario.cast);
      const listed =
        cast
          .slice(0, 6)
          .map((k) => quote(k, 30))
          .join(', ') + (cast.length > 6 ? ', …' : '');
      report(at('meta', 'speaker'), `${quote(meta.speaker)} is not in the cast; use "narrator"${cast.length ? ` or one of ${listed}` : ''}`);
    }
    const events = Object.keys(scene.on ?? {});
    const choiceEvents = events.filter((e) => e !== 'continue');
    for (const event of choiceEvents) {
      if (!CHOICE_EVENT.test(event)) report(at('on', event), 'a choice event must be named "choice.<name>" (letters, digits, - or _)');
    }
    for (const [event, target] of transitionTargets(scene)) {
      if (!Object.hasOwn(states, target.target)) {
        report(at('on', event, ...target.index, 'target'), `there is no scene called "${target.target}"${suggest(target.target, sceneIds)}`);
      }
    }
    if (scene.type === 'final') {
      if (events.length) report(at('on'), 'a final scene ends the interview and cannot have choices or continue');
      if (meta.decides) report(at('meta', 'decides'), 'nobody decides in a final scene');
      continue;
    }
    if (meta.decides) {
      if (!choiceEvents.length) report(at('meta', 'decides'), `says the ${meta.decides} decides here, but the scene has no choices`);
      if (scene.on?.continue) report(at('on', 'continue'), 'a scene where someone decides offers choices, not "continue"');
      const simulatedAtTimes = scenario.seats.includes(otherSide(meta.decides));
      if (simulatedAtTimes && !meta.npc) {
        report(at('meta', 'npc'), `is missing: when a person plays the ${otherSide(meta.decides)}, the scenario must decide for the ${meta.decides} here`);
      }
      meta.npc?.forEach((rule, index) => {
        if (!choiceEvents.includes(rule.choose)) {
          report(at('meta', 'npc', index, 'choose'), `${quote(rule.choose)} is not a choice of this scene${suggest(rule.choose, choiceEvents)}`);
        }
      });
      const last = meta.npc?.at(-1);
      if (last?.guard) report(at('meta', 'npc', meta.npc!.length - 1), 'the last rule must have no guard, so the scenario always has a choice to make');
      const fallback = last && scene.on && Object.hasOwn(scene.on, last.choose) ? scene.on[last.choose] : undefined;
      if (last && fallback && 'meta' in fallback && (fallback as { guard?: unknown }).guard) {
        report(at('meta', 'npc', meta.npc!.length - 1, 'choose'), `the fallback choice "${last.choose}" has a guard, so it may not be available`);
      }
    } else {
      if (choiceEvents.length) report(at('meta', 'decides'), 'is missing: the scene has choices, so say which side makes them');
      if (meta.npc) report(at('meta', 'npc'), 'only a scene where someone decides can have rules for the simulated side');
    }
  }
  return problems;
}

/**
 * Rules that later format versions added. A file in an older format gets them as advice (it still loads
 * and plays), a file in the version that introduced them (or later) as problems.
 */
const FORMAT_RULES: { since: number; check: (scenario: Scenario) => Problem[] }[] = [
  { since: 2, check: observedWhereSimulated },
  { since: 3, check: ledgerMovesThroughOtherSide },
];

/** Format 2: every choice that an `npc` rule can pick says what the other side observes when it is made. */
function observedWhereSimulated(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  for (const [sceneId, scene] of Object.entries(scenario.machine.states)) {
    const picked = new Set((scene.meta.npc ?? []).map((rule) => rule.choose));
    for (const event of picked) {
      const value = scene.on?.[event];
      if (!value || Array.isArray(value) || !('meta' in value) || value.meta.observed) continue;
      const path = ['machine', 'states', sceneId, 'on', event, 'meta', 'observed'];
      problems.push({
        where: describePath(path),
        message: 'is missing: the scenario can make this choice for the simulated side, so say what the other side sees or hears (the label is private)',
        path,
      });
    }
  }
  return problems;
}

/**
 * Format 3: a side's ledger moves only through what the other side does. A choice made by one side may
 * change only the other side's ledger (`impress` and `dealBreaker` with `ledger` set to the other side),
 * so no player decides their own side's verdict.
 */
function ledgerMovesThroughOtherSide(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  for (const [sceneId, scene] of Object.entries(scenario.machine.states)) {
    const decides = scene.meta.decides;
    if (!decides) continue;
    for (const [event, value] of Object.entries(scene.on ?? {})) {
      if (!value || Array.isArray(value) || !('meta' in value)) continue;
      value.actions.forEach((action, index) => {
        if ((action.type === 'impress' || action.type === 'dealBreaker') && action.params.ledger === decides) {
          const path = ['machine', 'states', sceneId, 'on', event, 'actions', index, 'params', 'ledger'];
          problems.push({
            where: describePath(path),
            message: `is "${decides}", the side making this choice: a choice may only change how the other side (${otherSide(decides)}) sees them. Move the change to a later scene where the other side does something`,
            path,
          });
        }
      });
    }
  }
  return problems;
}

function* transitionTargets(scene: Scene): Generator<[string, { target: string; index: number[] }]> {
  for (const [event, value] of Object.entries(scene.on ?? {})) {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) yield [event, { target: value[i]!.target, index: [i] }];
    } else if (value) {
      yield [event, { target: value.target, index: [] }];
    }
  }
}

/** ` (did you mean "x"?)` for the closest known name within two edits, or nothing. */
export function suggest(name: string, known: string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    // Names whose lengths differ by the distance already found cannot be closer.
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best ? ` (did you mean ${quote(best)}?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
