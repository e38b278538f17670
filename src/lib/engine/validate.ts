/**
 * Checks a scenario file: the zod schema first, then the references between its parts (targets, speakers,
 * who decides, the simulated side's rules). Every problem names its place in author's words, e.g.
 * `scene "greeting" → choice "choice.apologise" → target`.
 */
import type * as z from 'zod/mini';
import { scenarioSchema, type Scenario, type Scene } from './schema.ts';
import { otherSide } from './ledger.ts';

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
  const parsed = scenarioSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(fromZodIssue) };
  const problems = checkReferences(parsed.data);
  const advice: Problem[] = [];
  for (const rule of FORMAT_RULES) {
    const found = rule.check(parsed.data);
    (parsed.data.format >= rule.since ? problems : advice).push(...found);
  }
  return problems.length ? { ok: false, problems } : { ok: true, scenario: parsed.data, advice };
}

/** Parse JSON text, then validate. A JSON syntax error is a problem like any other. */
export function validateScenarioText(source: string): Validation {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ where: 'the file', message: `is not valid JSON (${message})`, path: [] }] };
  }
  return validateScenario(data);
}

/** One line per problem: `file: where: message`. */
export function formatProblems(file: string, problems: Problem[]): string {
  return problems.map((p) => `${file}: ${p.where}: ${p.message}`).join('\n');
}

function fromZodIssue(issue: z.core.$ZodIssue): Problem {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    message = `has a field it does not know: ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  } else if (issue.code === 'invalid_type' && issue.input === undefined) {
    message = 'is missing';
  }
  return { where: describePath(path), message, path };
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

/** Turn a JSON path into author's words. */
export function describePath(path: (string | number)[]): string {
  const parts: string[] = [];
  let i = 0;
  if (path[0] === 'machine' && path[1] === 'states' && path.length > 2) {
    parts.push(`scene "${String(path[2])}"`);
    i = 3;
    if (path[i] === 'on' && path.length > i + 1) {
      const event = String(path[i + 1]);
      parts.push(event === 'continue' ? 'continue' : `choice "${event}"`);
      i += 2;
      if (typeof path[i] === 'number') parts.push(`branch ${(path[i] as number) + 1}`), i++;
    } else if (path[i] === 'meta') {
      i++;
    }
  }
  for (; i < path.length; i++) {
    const part = path[i]!;
    const prev = path[i - 1];
    if (part === 'params' && path[i - 2] === 'actions') continue;
    if (typeof part === 'number') {
      const noun = LIST_ITEM_NAMES[String(prev)] ?? `${String(prev ?? 'item')} item`;
      if (parts.length && prev !== undefined) parts.pop();
      parts.push(`${noun} ${part + 1}`);
    } else {
      parts.push(part);
    }
  }
  return parts.length ? parts.join(' → ') : 'the file';
}

function checkReferences(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const states = scenario.machine.states;
  const sceneIds = Object.keys(states);
  const report = (path: (string | number)[], message: string) =>
    problems.push({ where: describePath(path), message, path });

  if (!(scenario.machine.initial in states)) {
    report(['machine', 'initial'], `there is no scene called "${scenario.machine.initial}"${suggest(scenario.machine.initial, sceneIds)}`);
  }
  const speakers = new Set([...Object.keys(scenario.cast), 'narrator']);
  for (const [sceneId, scene] of Object.entries(states)) {
    const at = (...rest: (string | number)[]) => ['machine', 'states', sceneId, ...rest];
    const { meta } = scene;
    if (!speakers.has(meta.speaker)) {
      report(at('meta', 'speaker'), `"${meta.speaker}" is not in the cast; use "narrator" or one of ${Object.keys(scenario.cast).map((k) => `"${k}"`).join(', ')}`);
    }
    const events = Object.keys(scene.on ?? {});
    const choiceEvents = events.filter((e) => e !== 'continue');
    for (const event of choiceEvents) {
      if (!CHOICE_EVENT.test(event)) report(at('on', event), 'a choice event must be named "choice.<name>" (letters, digits, - or _)');
    }
    for (const [event, target] of transitionTargets(scene)) {
      if (!(target.target in states)) {
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
          report(at('meta', 'npc', index, 'choose'), `"${rule.choose}" is not a choice of this scene${suggest(rule.choose, choiceEvents)}`);
        }
      });
      const last = meta.npc?.at(-1);
      if (last?.guard) report(at('meta', 'npc', meta.npc!.length - 1), 'the last rule must have no guard, so the scenario always has a choice to make');
      if (last && scene.on?.[last.choose] && 'meta' in scene.on[last.choose]! && (scene.on[last.choose] as { guard?: unknown }).guard) {
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
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best ? ` (did you mean "${best}"?)` : '';
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
