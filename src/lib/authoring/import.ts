/**
 * Checking a scenario file that a person brings: the size and scene limits, JSON syntax with line and
 * column, the same zod schema and reference checks as the built-in scenarios (`validateScenario`), and the
 * same analyser. The answer says whether the file can be saved as it is, only as a draft, or not at all,
 * and lists every problem with its place in the file.
 *
 * This module imports full zod (through validate.ts): load it lazily, with `import()`, never on the
 * library screen's first load.
 */
import { analyseScenario, type ScenarioAnalysis } from '../engine/analyse.ts';
import { checkContent, strategyAdvice } from '../engine/content.ts';
import { gameability } from '../engine/gameability.ts';
import { OUTCOME_INFO, OUTCOMES } from '../engine/ledger.ts';
import { FORMAT_VERSION, type Scenario } from '../engine/schema.ts';
import { describePath, validateScenario, type Problem } from '../engine/validate.ts';
import { IMPORT_LIMITS, sizeProblem } from './limits.ts';
import { locate, scanJson, type JsonScan } from './json-locate.ts';
import { freeId } from './ids.ts';

/** A problem or warning, with the line and column of its place in the file when it can be found. */
export interface ImportProblem extends Problem {
  line?: number;
  column?: number;
}

/** The scenario's id is already taken: by a built-in scenario (never replaced) or by a custom one. */
export interface IdClash {
  with: 'built-in' | 'custom';
  id: string;
  /** A free id to save a copy under. */
  suggestion: string;
}

export type ImportCheck =
  | {
      ok: false;
      /** Why the file cannot be saved. Never empty. */
      problems: ImportProblem[];
      /** Things worth knowing that are not the cause (e.g. a key written twice). */
      warnings: ImportProblem[];
    }
  | {
      ok: true;
      /** `ready`: every seat reaches all four outcomes, with no dead end; `draft`: valid, but not finished. */
      status: 'ready' | 'draft';
      scenario: Scenario;
      analysis: ScenarioAnalysis;
      /** Why it is a draft, and other findings of the analyser (unreachable scenes, choices with no effect). */
      warnings: ImportProblem[];
      /** The library's content guidelines this file does not meet; advice only. */
      suggestions: string[];
      clash?: IdClash;
    };

export interface ImportContext {
  /** Ids of the built-in scenarios: a file may not replace one. */
  builtInIds?: readonly string[];
  /** Ids of the custom scenarios already saved. */
  customIds?: readonly string[];
}

/** Length of `text` in UTF-8 bytes, without allocating. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) (bytes += 4), i++;
    else bytes += 3;
  }
  return bytes;
}

const looksLikeYaml = (text: string) => /^\s*(---|[A-Za-z_][\w -]*:(\s|$))/m.test(text.slice(0, 200)) && !/^\s*[{[]/.test(text);

/** Check a file's text. Never throws; never changes anything. */
export function checkImport(source: string, context: ImportContext = {}): ImportCheck {
  const refuse = (where: string, message: string, extra: Partial<ImportProblem> = {}): ImportCheck => ({
    ok: false,
    problems: [{ where, message, path: [], ...extra }],
    warnings: [],
  });

  const bytes = utf8Length(source);
  const tooBig = sizeProblem(bytes);
  if (tooBig) return refuse('the file', tooBig);
  // Editors on some systems start a file with a byte-order mark; it is not part of the JSON.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;

  const scan = scanJson(text, IMPORT_LIMITS.maxDepth);
  if (scan.error) {
    const { line, column } = scan.error.position;
    const yaml = looksLikeYaml(text) ? ' It looks like YAML: only JSON scenario files can be imported.' : '';
    const problem = refuse('the file', `is not valid JSON: ${scan.error.message}.${yaml}`, { line, column });
    return text.trim() === '' ? refuse('the file', 'is empty') : problem;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return refuse('the file', `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const duplicates: ImportProblem[] = scan.duplicates.map((d) => ({
    where: describePath(d.path),
    message: 'is written twice in the same place; JSON keeps only the last one, so the first is ignored',
    path: d.path,
    line: d.position.line,
    column: d.position.column,
  }));

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const what = Array.isArray(data) ? 'a list' : data === null ? 'null' : `${typeof data === 'string' ? 'a text' : `a ${typeof data}`}`;
    return refuse('the file', `holds ${what}; a scenario file holds one scenario: an object in { … }`, { line: 1, column: 1 });
  }
  const states = (data as { machine?: { states?: unknown } }).machine?.states;
  if (states && typeof states === 'object') {
    const count = Object.keys(states).length;
    if (count > IMPORT_LIMITS.maxScenes) {
      return refuse('machine → states', `has ${count} scenes; a scenario can have at most ${IMPORT_LIMITS.maxScenes}`, at(scan, ['machine', 'states']));
    }
  }

  const validation = validateScenario(data);
  if (!validation.ok) {
    return { ok: false, problems: validation.problems.map((p) => withLine(scan, p)), warnings: duplicates };
  }
  const scenario = validation.scenario;
  let analysis: ScenarioAnalysis;
  try {
    analysis = analyseScenario(scenario, { maxStates: IMPORT_LIMITS.maxStates, samples: 1_000 });
  } catch (error) {
    return refuse('the scenario', `could not be explored (${error instanceof Error ? error.message : String(error)})`);
  }

  const advice = validation.advice.map((p) => ({ ...withLine(scan, p), message: `${p.message} (advice: format ${FORMAT_VERSION} requires it; this file still plays)` }));
  const warnings = [...analysisWarnings(scan, analysis), ...advice, ...duplicates];
  // Gameability is advice only: it never blocks saving.
  const report = gameability(scenario, { maxStates: IMPORT_LIMITS.maxStates, samples: 1_000 });
  const unfinished = analysis.missingOutcomes.length > 0 || analysis.deadEnds.length > 0 || analysis.seats.some((s) => !s.complete);
  return {
    ok: true,
    status: unfinished ? 'draft' : 'ready',
    scenario,
    analysis,
    warnings,
    suggestions: [...checkContent(scenario, analysis, report), ...strategyAdvice(report)],
    clash: findClash(scenario.id, context),
  };
}

function at(scan: JsonScan, path: (string | number)[]): Partial<ImportProblem> {
  const position = locate(scan, path);
  return position ? { line: position.line, column: position.column } : {};
}

/** The problem with its line; for a field the schema does not know, the line of that field itself. */
function withLine(scan: JsonScan, problem: Problem): ImportProblem {
  // The validator quotes the unknown keys as they are, without escaping: take the first one verbatim.
  const unknownKey = /^has a field it does not know: "([\s\S]*?)"(?:, "|$)/.exec(problem.message);
  const path = unknownKey ? [...problem.path, unknownKey[1]!] : problem.path;
  return { ...problem, ...at(scan, path) };
}

function analysisWarnings(scan: JsonScan, analysis: ScenarioAnalysis): ImportProblem[] {
  const warnings: ImportProblem[] = [];
  const add = (path: (string | number)[], message: string, where = describePath(path)) =>
    warnings.push({ where, message, path, ...at(scan, path) });
  for (const seat of analysis.seats) {
    const missing = OUTCOMES.filter((o) => !seat.outcomes[o].reachable);
    if (missing.length) {
      const names = missing.map((o) => `${o} (${OUTCOME_INFO[o].title.toLowerCase()})`).join(', ');
      add([], `from the ${seat.seat}'s seat, no path ends in ${names}; every seat should reach all four outcomes`, 'the scenario');
    }
    if (!seat.complete) {
      add([], `from the ${seat.seat}'s seat, exploring stopped after ${seat.states.toLocaleString('en')} states, so these findings may be incomplete`, 'the scenario');
    }
  }
  for (const d of analysis.deadEnds) add(['machine', 'states', d.scene], `is a dead end: ${d.reason}`);
  for (const scene of analysis.unreachableScenes) add(['machine', 'states', scene], 'cannot be reached from any seat the scenario lists');
  for (const c of analysis.choicesWithoutEffect) add(['machine', 'states', c.scene, 'on', c.event], 'changes nothing: it has no effect on either ledger or any flag');
  return warnings;
}

function findClash(id: string, context: ImportContext): IdClash | undefined {
  const builtIn = new Set(context.builtInIds ?? []);
  const custom = new Set(context.customIds ?? []);
  if (!builtIn.has(id) && !custom.has(id)) return undefined;
  const suggestion = freeId(id, new Set([...builtIn, ...custom]));
  return { with: builtIn.has(id) ? 'built-in' : 'custom', id, suggestion };
}
