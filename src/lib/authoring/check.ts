/**
 * The one checking path for a scenario file's text, used by the importer (`import.ts`), the command line
 * (`npm run scenarios`, `src/cli/library.ts`) and the build (`src/build/scenario-plugin.ts`): the same
 * size and scene limits, the same parse (line and column, keys written twice, JSON errors in words), the
 * same schema and reference checks (`validate.ts`), the same analysis (`analyse.ts`) and the same
 * messages. Callers only choose how to show the result.
 *
 * Pure TypeScript. It imports full zod (through validate.ts): load it lazily in the app.
 */
import { analyseScenario, stateGraphs, type ScenarioAnalysis, type SeatAnalysis, type Trap } from '../engine/analyse.ts';
import { checkContent, strategyAdvice } from '../engine/content.ts';
import { gameability as measureGameability, partialSearchWords, type GameabilityReport } from '../engine/gameability.ts';
import { OUTCOME_INFO, OUTCOMES, SIDES } from '../engine/ledger.ts';
import { quote } from '../engine/quote.ts';
import { FORMAT_VERSION, type Scenario } from '../engine/schema.ts';
import { describePath, tidy, validateScenario, type Problem } from '../engine/validate.ts';
import { locate, scanJson, type JsonPath, type JsonScan } from './json-locate.ts';
import { IMPORT_LIMITS, textSizeProblem } from './limits.ts';

/** A problem, error or warning, with the line and column of its place in the file when it can be found. */
export interface Finding extends Problem {
  line?: number;
  column?: number;
}

export interface CheckOptions {
  /**
   * The file's name or path (e.g. `scenarios/phone-screen.json`). When given, the scenario's `id` must be
   * the name without `.json`. Leave it out for text that has no file name (pasted, or a browser upload).
   */
  fileName?: string;
  /** States explored per seat before the analyser stops (default `IMPORT_LIMITS.maxStates`). */
  maxStates?: number;
  /** Random plays for an estimate of outcome shares (default 4,000). */
  samples?: number;
  /** Random plays for the gameability report's estimates (default 1,000). */
  gameabilitySamples?: number;
}

export type ScenarioCheck =
  | {
      ok: false;
      /** Why the file is not a valid scenario. Never empty. */
      problems: Finding[];
      /** Found as well, but not the cause (e.g. a key written twice). */
      warnings: Finding[];
    }
  | {
      ok: true;
      scenario: Scenario;
      analysis: ScenarioAnalysis;
      /** The gameability report; left out when the scenario traps players (random play would never end). */
      gameability?: GameabilityReport;
      /**
       * Why the scenario is not finished: dead ends, traps, outcomes out of reach, exploration cut short,
       * keys written twice, an id that does not match the file name. Empty means valid and complete.
       */
      errors: Finding[];
      /** Worth knowing, not blocking: unreachable scenes, choices that change nothing, estimated shares, gameability figures from a partial search, format advice. */
      warnings: Finding[];
      /** The library's content rules this file does not meet (`content`), then strategy advice; advice only. */
      suggestions: string[];
      /** The library's content rules this file does not meet (empty until traps are fixed). */
      content: string[];
    };

/** Whether the text looks like YAML rather than JSON (for a hint in the syntax message). */
const looksLikeYaml = (text: string) => /^\s*(---|[A-Za-z_][\w -]*:(\s|$))/m.test(text.slice(0, 200)) && !/^\s*[{[]/.test(text);

/** Check a scenario file's text. Never throws; never changes anything. */
export function checkScenarioText(source: string, options: CheckOptions = {}): ScenarioCheck {
  const refuse = (where: string, message: string, extra: Partial<Finding> = {}): ScenarioCheck => ({
    ok: false,
    problems: [{ where, message, path: [], ...extra }],
    warnings: [],
  });

  // Sizes first: nothing is parsed until the text is known to be small enough.
  const tooBig = textSizeProblem(source);
  if (tooBig) return refuse('the file', tooBig);
  // Editors on some systems start a file with a byte-order mark; it is not part of the JSON.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (text.trim() === '') return refuse('the file', 'is empty');

  const scan = scanJson(text, IMPORT_LIMITS.maxDepth);
  if (scan.error) {
    const { line, column } = scan.error.position;
    const yaml = looksLikeYaml(text) ? ' It looks like YAML: scenario files must be JSON.' : '';
    return refuse('the file', `is not valid JSON: ${scan.error.message}.${yaml}`, { line, column });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The scanner is stricter than JSON.parse; this is only a guard.
    return refuse('the file', 'is not valid JSON');
  }
  const duplicates: Finding[] = scan.duplicates.map((d) => ({
    where: describePath(d.path),
    message: 'is written twice in the same place; JSON keeps only the last one, so the first is ignored: remove or rename one of them',
    path: d.path,
    line: d.position.line,
    column: d.position.column,
  }));

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const what = Array.isArray(data) ? 'a list' : data === null ? 'null' : typeof data === 'string' ? 'a text' : `a ${typeof data}`;
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
    return { ok: false, problems: validation.problems.map((p) => withLine(scan, p)), warnings: tidy(duplicates) };
  }
  const scenario = validation.scenario;
  let analysis: ScenarioAnalysis;
  const maxStates = options.maxStates ?? IMPORT_LIMITS.maxStates;
  // Each seat's states are searched once: the gameability report below reuses the analyser's finished searches.
  const graphs = stateGraphs(scenario);
  try {
    analysis = analyseScenario(scenario, { maxStates, samples: options.samples ?? 4_000, graphs });
  } catch (error) {
    // A bug in the analyser, not in the file: say so without the programmer's words.
    void error;
    return refuse('the scenario', 'could not be explored because of a fault in the checker; please report it with this file');
  }

  const errors: Finding[] = [...analysisErrors(scan, analysis), ...duplicates, ...idProblems(scan, scenario, options.fileName)];
  const advice = validation.advice.map((p) => ({
    ...withLine(scan, p),
    message: `${p.message} (advice: format ${FORMAT_VERSION} requires it; this file still plays)`,
  }));
  const warnings: Finding[] = [...analysisWarnings(scan, analysis), ...advice];
  // Random play in a trap never ends: measure gameability (advice only) once the traps are fixed.
  // Where the analyser could not list every state within the limit, neither can the gameability report:
  // it samples at once instead of exploring the same states again.
  const report = analysis.traps.length
    ? undefined
    : measureGameability(scenario, { maxStates, explore: analysis.explored, samples: options.gameabilitySamples ?? 1_000, graphs });
  if (report) warnings.push(...gameabilityWarnings(report));
  const content = report ? checkContent(scenario, analysis, report) : [];
  const suggestions = report ? [...content, ...strategyAdvice(report)] : [];
  return { ok: true, scenario, analysis, ...(report ? { gameability: report } : {}), errors: tidy(errors), warnings: tidy(warnings), suggestions, content };
}

/** Whether a checked file is valid and complete: no problems and no errors. */
export function isComplete(check: ScenarioCheck): boolean {
  return check.ok && check.errors.length === 0 && check.analysis.complete;
}

function at(scan: JsonScan, path: JsonPath): Partial<Finding> {
  const position = locate(scan, path);
  return position ? { line: position.line, column: position.column } : {};
}

/** The problem with the line and column of its place. */
function withLine(scan: JsonScan, problem: Problem): Finding {
  return { ...problem, ...at(scan, problem.path) };
}

/** The scenario's id must be its file name without `.json`. */
function idProblems(scan: JsonScan, scenario: Scenario, fileName: string | undefined): Finding[] {
  if (fileName === undefined) return [];
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const expected = base.replace(/\.json$/i, '');
  if (scenario.id === expected) return [];
  return [
    {
      where: 'id',
      message: `is ${quote(scenario.id)}, but the file is called ${quote(base)}: the id and the file name must match; rename the file to "${scenario.id}.json" or change the id`,
      path: ['id'],
      ...at(scan, ['id']),
    },
  ];
}

const seatWords = (seats: readonly string[]) => (seats.length >= SIDES.length ? 'from every seat' : `from the ${seats.join(' and the ')}'s seat`);

const scenesWords = (scenes: string[]) => {
  const shown = scenes.slice(0, 6).map((s) => quote(s, 40));
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : shown[0]!;
  return scenes.length > 6 ? `${list} and ${scenes.length - 6} more` : list;
};

/** A trap in words: where (its first scene) and what to do. */
function trapFinding(scan: JsonScan, trap: Trap, seatCount: number): Finding {
  const path = ['machine', 'states', trap.scenes[0]!];
  const one = trap.scenes.length === 1;
  const who = trap.seats.length < seatCount ? ` (${seatWords(trap.seats)})` : '';
  const why =
    trap.kind === 'always' ? (one ? 'it only leads back to itself' : 'they only lead to each other') : 'in some runs the conditions close every way out';
  const where = one ? `scene ${quote(trap.scenes[0]!, 40)}` : `scenes ${scenesWords(trap.scenes)}`;
  const fix = one ? 'give it a way on to a final scene' : 'give one of them a way on to a final scene';
  return {
    where,
    message: `${one ? 'is a trap' : 'form a trap'}: a run that gets there can never reach a final scene${who}, because ${why}; ${fix}`,
    path,
    ...at(scan, path),
  };
}

/** What makes a valid scenario unfinished, in words. */
function analysisErrors(scan: JsonScan, analysis: ScenarioAnalysis): Finding[] {
  const errors: Finding[] = [];
  const add = (path: JsonPath, message: string, where = describePath(path)) => errors.push({ where, message, path, ...at(scan, path) });
  for (const d of analysis.deadEnds) {
    add(
      ['machine', 'states', d.scene],
      `is a dead end: ${d.reason}, so a run that gets there can never finish; make it an ending ("type": "final") or give it a way on (a choice or "continue")`,
    );
  }
  for (const trap of analysis.traps) errors.push(trapFinding(scan, trap, analysis.seats.length));
  for (const seat of analysis.seats) {
    const missing = OUTCOMES.filter((o) => !seat.outcomes[o].reachable);
    if (missing.length && seat.complete) {
      const names = missing.map((o) => `${o} (${OUTCOME_INFO[o].title.toLowerCase()})`).join(', ');
      add([], `from the ${seat.seat}'s seat, no path ends in ${names}; every seat should reach all four outcomes`, 'the scenario');
    }
    if (!seat.complete) {
      add(
        [],
        `from the ${seat.seat}'s seat, exploring stopped at the limit of ${seat.states.toLocaleString('en')} states, so dead ends, traps and outcomes out of reach may be missed; the file cannot be called complete`,
        'the scenario',
      );
    }
  }
  return errors;
}

/** An estimate in words: how it was made and how sure it is. */
export function estimateWords(seat: SeatAnalysis): string | undefined {
  const shares = seat.shares;
  if (shares.method !== 'estimate') return undefined;
  const plays = Number(shares.paths).toLocaleString('en');
  const why = shares.why === 'state limit' ? 'exploring stopped at the state limit' : 'loops make the paths endless';
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const parts = OUTCOMES.map((o) => {
    const [lo, hi] = shares.interval?.[o] ?? [0, 1];
    return `${o} ${pct(shares.byOutcome[o])} (${pct(lo)}–${pct(hi)})`;
  });
  const finished =
    shares.finished !== undefined && shares.finished < Number(shares.paths) ? `; ${Number(shares.paths) - shares.finished} plays did not finish` : '';
  return `from the ${seat.seat}'s seat, outcome shares are estimated from ${plays} random plays because ${why} (95% intervals): ${parts.join(', ')}${finished}`;
}

/**
 * The gameability figures of each seat whose search did not finish, in the report's words: wherever the
 * report is shown, the findings say that its counts are upper bounds and its random play sampled.
 */
function gameabilityWarnings(report: GameabilityReport): Finding[] {
  return report.seats.flatMap((seat) => {
    const words = partialSearchWords(seat);
    return words ? [{ where: 'the scenario', message: `from the ${seat.seat}'s seat, the gameability figures come from a ${words}`, path: [] }] : [];
  });
}

/** Findings that do not block: unreachable scenes, choices that change nothing, estimates. */
function analysisWarnings(scan: JsonScan, analysis: ScenarioAnalysis): Finding[] {
  const warnings: Finding[] = [];
  const add = (path: JsonPath, message: string, where = describePath(path)) => warnings.push({ where, message, path, ...at(scan, path) });
  for (const scene of analysis.unreachableScenes) add(['machine', 'states', scene], 'cannot be reached from any seat the scenario lists');
  for (const c of analysis.choicesWithoutEffect)
    add(['machine', 'states', c.scene, 'on', c.event], 'changes nothing: it has no effect on either ledger or any flag');
  for (const seat of analysis.seats) {
    const words = estimateWords(seat);
    if (words) add([], words, 'the scenario');
  }
  return warnings;
}
