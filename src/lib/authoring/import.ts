/**
 * Checking a scenario file that a person brings. The check itself is the one every checker uses
 * (`checkScenarioText` in check.ts: limits, JSON with line and column, schema, references, analysis);
 * this module says what it means for saving: whether the file can be saved as it is, only as a draft,
 * or not at all, and whether its id is taken.
 *
 * This module imports full zod (through validate.ts): load it lazily, with `import()`, never on the
 * library screen's first load.
 */
import type { ScenarioAnalysis } from '../engine/analyse.ts';
import type { GameabilityReport } from '../engine/gameability.ts';
import type { Scenario } from '../engine/schema.ts';
import { checkScenarioText, type Finding } from './check.ts';
import { freeId } from './ids.ts';

export { utf8Length } from './limits.ts';

/** A problem or warning, with the line and column of its place in the file when it can be found. */
export type ImportProblem = Finding;

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
      /**
       * `ready`: valid and complete (every seat reaches all four outcomes; no dead end, no trap, no key
       * written twice; fully explored); `draft`: valid, but not finished.
       */
      status: 'ready' | 'draft';
      scenario: Scenario;
      analysis: ScenarioAnalysis;
      /** Why it is a draft (first), then the other findings (unreachable scenes, choices with no effect, estimates). */
      warnings: ImportProblem[];
      /** The library's content guidelines this file does not meet; advice only. */
      suggestions: string[];
      /** The gameability report (left out while the scenario traps players); the editor shows it. */
      gameability?: GameabilityReport;
      clash?: IdClash;
    };

export interface ImportContext {
  /** Ids of the built-in scenarios: a file may not replace one. */
  builtInIds?: readonly string[];
  /** Ids of the custom scenarios already saved. */
  customIds?: readonly string[];
}

/** Check a file's text. Never throws; never changes anything. */
export function checkImport(source: string, context: ImportContext = {}): ImportCheck {
  const check = checkScenarioText(source);
  if (!check.ok) return check;
  const { scenario, analysis, errors, warnings, suggestions, gameability } = check;
  const clash = findClash(scenario.id, context);
  return {
    ok: true,
    status: errors.length === 0 && analysis.complete ? 'ready' : 'draft',
    scenario,
    analysis,
    warnings: [...errors, ...warnings],
    suggestions,
    ...(gameability ? { gameability } : {}),
    ...(clash ? { clash } : {}),
  };
}

function findClash(id: string, context: ImportContext): IdClash | undefined {
  const builtIn = new Set(context.builtInIds ?? []);
  const custom = new Set(context.customIds ?? []);
  if (!builtIn.has(id) && !custom.has(id)) return undefined;
  const suggestion = freeId(id, new Set([...builtIn, ...custom]));
  return { with: builtIn.has(id) ? 'built-in' : 'custom', id, suggestion };
}
