/**
 * `npx tsx src/cli/gameability.ts [files…]` (default: every file in scenarios/): can these scenarios be
 * won without reading? Prints, per file and seat, where each label-only strategy ends, the random-play
 * mutualFit rate, how often the longest label is the best option, and every judgement word in a label,
 * then the gameability rules each file breaks and (for more than one file) the library-level line.
 * Exits 1 when a file is invalid or a gameability rule is broken.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scenarioFiles } from './library.ts';
import { formatProblems, validateScenarioText } from '../lib/engine/validate.ts';
import { gameability, type GameabilityReport } from '../lib/engine/gameability.ts';
import { checkGameability, checkLibraryGameability } from '../lib/engine/content.ts';
import { formatGameability, formatLibraryGameability } from './analysis-report.ts';

/** The command: the gameability report of the files in `args` (default: the library), one `print` call per line; the exit code. */
export function runGameabilityCommand(args: string[], print: (text: string) => void = console.log): number {
  let files = args.filter((a) => !a.startsWith('--'));
  if (!files.length) files = scenarioFiles();
  const reports: GameabilityReport[] = [];
  let failed = 0;
  for (const file of files.map((f) => relative(process.cwd(), f) || f)) {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      print(`${file}: cannot be read (does it exist?)`);
      failed++;
      continue;
    }
    const validation = validateScenarioText(source);
    if (!validation.ok) {
      print(formatProblems(file, validation.problems));
      failed++;
      continue;
    }
    const report = gameability(validation.scenario);
    reports.push(report);
    const problems = checkGameability(report);
    print(`${file}: "${report.title}"`);
    print(formatGameability(report));
    for (const p of problems) print(`  FAIL: ${p}`);
    if (problems.length) failed++;
    print('');
  }
  if (reports.length > 1) {
    print(formatLibraryGameability(reports));
    const library = checkLibraryGameability(reports);
    for (const p of library) print(`  FAIL: ${p}`);
    if (library.length) failed++;
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = runGameabilityCommand(process.argv.slice(2));
}
