/**
 * `npm run scenarios [-- --json] [files…]`: validate and analyse scenario files (default: every file in
 * scenarios/). Prints each file's analysis, its gameability section and the content rules it breaks,
 * then (for more than one file) the library-level gameability line. Every file goes through the one
 * checking path (`checkScenarioText`, as the importer and the build do), and its `id` must match its
 * file name. Exits 1 when a file is invalid or not complete: an outcome out of reach from a seat it
 * claims, a dead end, a trap, a key written twice, a mismatched id, or exploration cut short. A file whose
 * outcome shares could only be estimated (it has loops) passes, and the report says so, with intervals.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scenarioFiles } from './library.ts';
import type { ScenarioAnalysis } from '../lib/engine/analyse.ts';
import { formatProblems } from '../lib/engine/validate.ts';
import { checkScenarioText, isComplete, type Finding } from '../lib/authoring/check.ts';
import { formatAnalysis, formatGameability, formatLibraryGameability, formatLibrarySecondEdition, formatSecondEdition } from './analysis-report.ts';
import { checkLibraryGameability, secondEditionAdvice } from '../lib/engine/content.ts';
import { checkLibrarySecondEdition, secondEditionSummary, type SecondEditionSummary } from '../lib/engine/content-second-edition.ts';
import type { Scenario } from '../lib/engine/schema.ts';
import type { GameabilityReport } from '../lib/engine/gameability.ts';

type FileResult =
  | { file: string; valid: false; problems: Finding[]; warnings: Finding[] }
  | {
      file: string;
      valid: true;
      /** Valid, with no errors: every outcome from every seat, no dead end or trap, fully explored. */
      complete: boolean;
      scenario: Scenario;
      analysis: ScenarioAnalysis;
      /** Why the file is not complete (empty when it is). */
      errors: Finding[];
      warnings: Finding[];
      /** Left out while the scenario has a trap (random play would never end). */
      gameability?: GameabilityReport;
      content: string[];
      /** The second-edition figures; `advice` holds the second-edition rules an older-format file breaks. */
      secondEdition: SecondEditionSummary & { advice: string[] };
    };

export function checkFiles(files: string[]): FileResult[] {
  return files.map((file) => {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      return { file, valid: false, problems: [{ where: 'the file', message: 'cannot be read (does it exist?)', path: [] }], warnings: [] };
    }
    const check = checkScenarioText(source, { fileName: file });
    if (!check.ok) return { file, valid: false, problems: check.problems, warnings: check.warnings };
    const { scenario, analysis, errors, warnings, content } = check;
    const secondEdition = { ...secondEditionSummary(scenario, analysis), advice: secondEditionAdvice(scenario, analysis) };
    return {
      file,
      valid: true,
      complete: isComplete(check),
      scenario,
      analysis,
      errors,
      warnings,
      ...(check.gameability ? { gameability: check.gameability } : {}),
      content,
      secondEdition,
    };
  });
}

/**
 * The command: check the files named in `args` (default: the library) and write the report through `print`,
 * one call per line (or the JSON document); returns the exit code. Tests call it in-process.
 */
export function runScenariosCommand(args: string[], print: (text: string) => void = console.log): number {
  const json = args.includes('--json');
  let files = args.filter((a) => !a.startsWith('--'));
  if (!files.length) files = scenarioFiles();
  const results = checkFiles(files.map((f) => relative(process.cwd(), f) || f));
  const failed = results.filter((r) => !r.valid || !r.complete).length;
  const estimated = results.filter((r) => r.valid && r.complete && r.analysis.seats.some((s) => s.shares.method === 'estimate')).length;
  const reports = results.flatMap((r) => (r.valid && r.gameability ? [r.gameability] : []));
  // The library-level rule means something only over more than one file.
  const scenarios = results.flatMap((r) => (r.valid ? [r.scenario] : []));
  const library = results.length > 1 ? { gameability: checkLibraryGameability(reports), secondEdition: checkLibrarySecondEdition(scenarios) } : undefined;
  if (json) {
    const files = results.map((r) => (r.valid ? { ...r, scenario: undefined } : r));
    print(JSON.stringify({ ok: failed === 0, files, library }, null, 2));
  } else {
    for (const r of results) {
      if (!r.valid) {
        print(formatProblems(r.file, r.problems));
        if (r.warnings.length) print(formatProblems(r.file, r.warnings, 'warning'));
        continue;
      }
      print(formatAnalysis(r.file, r.analysis));
      if (r.errors.length) print(formatProblems(r.file, r.errors));
      if (r.warnings.length) print(formatProblems(r.file, r.warnings, 'warning'));
      print(r.gameability ? formatGameability(r.gameability) : '  gameability: not measured while the scenario has a trap (random play would never end)');
      print(formatSecondEdition(r.secondEdition));
      for (const problem of r.content) print(`  content: ${problem}`);
      for (const advice of r.secondEdition.advice) print(`  advice: ${advice}`);
    }
    if (library) {
      print(`\n${formatLibraryGameability(reports)}`);
      for (const problem of library.gameability) print(`  content: ${problem}`);
      print(formatLibrarySecondEdition(scenarios, library.secondEdition.strict));
      for (const problem of library.secondEdition.problems) print(`  content: ${problem}`);
      for (const advice of library.secondEdition.advice) print(`  advice: ${advice}`);
    }
    print(`\n${finalLine(results.length, failed, estimated)}`);
  }
  return failed ? 1 : 0;
}

/**
 * The last line: how many files are valid and complete with exact figures, how many only with estimated
 * outcome shares (never called complete), and how many failed.
 */
function finalLine(total: number, failed: number, estimated: number): string {
  const exact = total - failed - estimated;
  const parts = [`${exact} of ${total} scenario files valid and complete`];
  if (estimated) parts.push(`${estimated} valid, with outcome shares only estimated by random play (loops make the paths endless; see the intervals above)`);
  if (failed) parts.push(`${failed} with errors (see above)`);
  return `${parts.join('; ')}.`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = runScenariosCommand(process.argv.slice(2));
}
