/**
 * `npm run scenarios [-- --json] [files…]`: validate and analyse scenario files (default: every file in
 * scenarios/). Prints each file's analysis, its gameability section and the content rules it breaks,
 * then (for more than one file) the library-level gameability line. Exits 1 when a file is invalid or a
 * seat it claims cannot reach all four outcomes.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { scenarioFiles } from './library.ts';
import { analyseScenario, type ScenarioAnalysis } from '../lib/engine/analyse.ts';
import { formatProblems, validateScenarioText, type Problem } from '../lib/engine/validate.ts';
import { formatAnalysis, formatGameability, formatLibraryGameability, formatLibrarySecondEdition, formatSecondEdition } from '../lib/engine/report.ts';
import { checkContent, checkLibraryGameability, secondEditionAdvice } from '../lib/engine/content.ts';
import { checkLibrarySecondEdition, secondEditionSummary, type SecondEditionSummary } from '../lib/engine/content-second-edition.ts';
import type { Scenario } from '../lib/engine/schema.ts';
import { gameability, type GameabilityReport } from '../lib/engine/gameability.ts';

type FileResult =
  | { file: string; valid: false; problems: Problem[] }
  | {
      file: string;
      valid: true;
      scenario: Scenario;
      analysis: ScenarioAnalysis;
      gameability: GameabilityReport;
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
      return { file, valid: false, problems: [{ where: 'the file', message: 'cannot be read (does it exist?)', path: [] }] };
    }
    const validation = validateScenarioText(source);
    if (!validation.ok) return { file, valid: false, problems: validation.problems };
    const analysis = analyseScenario(validation.scenario);
    const report = gameability(validation.scenario);
    const scenario = validation.scenario;
    const secondEdition = { ...secondEditionSummary(scenario, analysis), advice: secondEditionAdvice(scenario, analysis) };
    return { file, valid: true, scenario, analysis, gameability: report, content: checkContent(scenario, analysis, report), secondEdition };
  });
}

function main(args: string[]): number {
  const json = args.includes('--json');
  let files = args.filter((a) => !a.startsWith('--'));
  if (!files.length) files = scenarioFiles();
  const results = checkFiles(files.map((f) => relative(process.cwd(), f) || f));
  const failed = results.filter((r) => !r.valid || !r.analysis.complete).length;
  const reports = results.flatMap((r) => (r.valid ? [r.gameability] : []));
  // The library-level rule means something only over more than one file.
  const scenarios = results.flatMap((r) => (r.valid ? [r.scenario] : []));
  const library = results.length > 1 ? { gameability: checkLibraryGameability(reports), secondEdition: checkLibrarySecondEdition(scenarios) } : undefined;
  if (json) {
    const files = results.map((r) => (r.valid ? { ...r, scenario: undefined } : r));
    process.stdout.write(JSON.stringify({ ok: failed === 0, files, library }, null, 2) + '\n');
  } else {
    for (const r of results) {
      if (!r.valid) {
        console.log(formatProblems(r.file, r.problems));
        continue;
      }
      console.log(formatAnalysis(r.file, r.analysis));
      console.log(formatGameability(r.gameability));
      console.log(formatSecondEdition(r.secondEdition));
      for (const problem of r.content) console.log(`  content: ${problem}`);
      for (const advice of r.secondEdition.advice) console.log(`  advice: ${advice}`);
    }
    if (library) {
      console.log(`\n${formatLibraryGameability(reports)}`);
      for (const problem of library.gameability) console.log(`  content: ${problem}`);
      console.log(formatLibrarySecondEdition(scenarios, library.secondEdition.strict));
      for (const problem of library.secondEdition.problems) console.log(`  content: ${problem}`);
      for (const advice of library.secondEdition.advice) console.log(`  advice: ${advice}`);
    }
    console.log(`\n${results.length - failed} of ${results.length} scenario files valid and complete.`);
  }
  return failed ? 1 : 0;
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = main(process.argv.slice(2));
