// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { scenarioJsonSchema } from '../../src/cli/json-schema.ts';
import { runGameabilityCommand } from '../../src/cli/gameability.ts';
import { runScenariosCommand } from '../../src/cli/scenarios.ts';
import { BROKEN, LEAVABLE_LOOP, writeFiles } from '../authoring/broken-files.ts';

// The few tests that start the command line in its own process (tsx compiles on start) allow for a busy machine.
vi.setConfig({ testTimeout: 60_000 });

/** A fixture copied under its id as file name (the checker requires the id to match the file name). */
function fixture(name: string): string {
  const text = readFileSync(`tests/fixtures/${name}`, 'utf8');
  return writeFiles([{ file: `${JSON.parse(text).id}.json`, text }])[0]!;
}

/** Run the command of `npm run scenarios -- args` in this process; its exit code and output. */
function scenarios(...args: string[]): { code: number; stdout: string } {
  const lines: string[] = [];
  const code = runScenariosCommand(args, (text) => lines.push(text));
  return { code, stdout: lines.map((line) => `${line}\n`).join('') };
}

/** Run `npm run scenarios -- args` as the script does, in its own process (through tsx); its exit code and output. */
function scenariosProcess(...args: string[]): { code: number; stdout: string } {
  try {
    const stdout = execFileSync('node_modules/.bin/tsx', ['src/cli/scenarios.ts', ...args], { encoding: 'utf8' });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { code: e.status, stdout: e.stdout };
  }
}

describe('npm run scenarios', () => {
  it('prints, per seat, each outcome with a shortest path as JSON, and exits 0 for a complete file', () => {
    const { code, stdout } = scenarios('--json', fixture('valid-call.json'));
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const seat = report.files[0].analysis.seats.find((s: { seat: string }) => s.seat === 'candidate');
    expect(seat.outcomes.noFit).toMatchObject({ reachable: true, choices: ['choice.vague'] });
    expect(Object.keys(seat.shares.byOutcome)).toEqual(['mutualFit', 'candidateDeclines', 'employerDeclines', 'noFit']);
  });

  it('exits 1 for a scenario where a seat cannot reach every outcome (as its own process, as authors run it)', () => {
    const { code, stdout } = scenariosProcess(fixture('incomplete.json'));
    expect(code).toBe(1);
    expect(stdout).toContain(
      ":1:1: the scenario: from the candidate's seat, no path ends in candidateDeclines (the candidate walks away), noFit (neither side likes the other); every seat should reach all four outcomes",
    );
    expect(stdout).toContain('0 of 1 scenario files valid and complete; 1 with errors (see above).');
  });

  it('exits 1 with one clear line for a typo in a target scene', () => {
    const { code, stdout } = scenarios('tests/fixtures/typo-target.json');
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toBe(
      'tests/fixtures/typo-target.json:70:13: scene "start" → choice "choice.late" → target: there is no scene called "answr" (did you mean "answer"?)',
    );
  });

  it('exits 1 with one clear line for an effect on an unknown dimension', () => {
    const { code, stdout } = scenarios('--json', 'tests/fixtures/unknown-dimension.json');
    expect(code).toBe(1);
    const [file] = JSON.parse(stdout).files;
    expect(file.problems).toHaveLength(1);
    expect(file.problems[0].where).toBe('scene "answer" → choice "choice.prepared" → effect 1 → dimension');
  });

  it('says so when a file cannot be read', () => {
    const { code, stdout } = scenarios('tests/fixtures/no-such-file.json');
    expect(code).toBe(1);
    expect(stdout).toContain('no-such-file.json: the file: cannot be read');
  });
});

describe('npm run scenarios on the files authors get wrong (issue 12)', () => {
  it.each(BROKEN.map((c) => [c.name, c] as const))('explains %s in words, and exits as it should', (_name, broken) => {
    const [path] = writeFiles([broken]);
    const { code, stdout } = scenarios(path!);
    expect(code).toBe(broken.exit);
    const line = stdout.split('\n').find((l) => l.includes(`: ${broken.expected.where}: `));
    expect(line, stdout.slice(0, 2000)).toBeDefined();
    const message = line!.slice(line!.indexOf(`: ${broken.expected.where}: `) + broken.expected.where.length + 4);
    if (typeof broken.expected.message === 'string') expect(message.startsWith(broken.expected.message), message).toBe(true);
    else expect(message).toMatch(broken.expected.message);
    expect(stdout).not.toContain('Invalid input');
    expect(stdout).not.toContain('Cannot read properties');
    expect(stdout).not.toMatch(/\d+ of \d+ scenario files valid and complete\.$/m);
  });

  it('gives a JSON syntax error with its line and column, in words', () => {
    const broken = BROKEN.find((c) => c.file === 'comma-call.json')!;
    const [path] = writeFiles([broken]);
    const { stdout } = scenarios(path!);
    expect(stdout).toMatch(/comma-call\.json:\d+:\d+: the file: is not valid JSON: expected a key in double quotes, found ","\./);
    expect(stdout).not.toMatch(/at position \d+/);
  });

  it('never calls a file with a trap or a dead end complete', () => {
    const paths = writeFiles(BROKEN.filter((c) => ['dead-end.json', 'self-loop.json'].includes(c.file)));
    const { code, stdout } = scenarios(...paths);
    expect(code).toBe(1);
    expect(stdout).toContain('0 of 2 scenario files valid and complete; 2 with errors (see above).');
  });

  it('passes a loop that can be left, but says its shares are estimated, how, and how sure', () => {
    const [path] = writeFiles([LEAVABLE_LOOP]);
    const { code, stdout } = scenarios(path!);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /employer's seat: \d+ states, \d+ distinct endings, shares ESTIMATED from 4000 random plays, each offered option equally likely \(loops make the paths endless\), ± the 95% bound, 95% interval/,
    );
    expect(stdout).toMatch(/mutualFit\s+\d+\.\d% estimated ± \d+\.\d% \(\d+\.\d%–\d+\.\d%\)/);
    expect(stdout).toContain('0 of 1 scenario files valid and complete; 1 valid, with outcome shares only estimated by random play');
    expect(stdout).not.toContain('1 of 1 scenario files valid and complete');
  });
});

describe('the gameability report in npm run scenarios', () => {
  it('gives each file its label-only strategies, random play, best positions and judged labels as JSON', () => {
    const { stdout } = scenarios('--json', fixture('valid-call.json'));
    const [file] = JSON.parse(stdout).files;
    const seat = file.gameability.seats.find((s: { seat: string }) => s.seat === 'employer');
    expect(Object.keys(seat.strategies)).toEqual(['longest', 'shortest', 'courteous', 'first']);
    expect(seat.random.method).toBe('exact');
    expect(seat.bestPosition.decisions).toBe(2);
    expect(file.gameability.judgedLabels.map((j: { words: string[] }) => j.words[0])).toEqual(['snide', 'ramble', 'warmly', 'abruptly']);
    expect(file.content).toContain('scene "wrap" → choice "choice.warm": the label judges instead of saying what is said or done ("warmly")');
  });

  it('prints a gameability section for a file, without the library line for one file', () => {
    const { stdout } = scenarios(fixture('valid-call.json'));
    expect(stdout).toContain('  gameability (can it be won without reading?):');
    expect(stdout).toContain('judgement words in wrap → choice.warm: warmly');
    expect(stdout).not.toContain('library: label-only strategies');
  });

  it('prints the library line when more than one file is checked', () => {
    const { stdout } = scenarios('tests/fixtures/valid-call.json', 'tests/fixtures/incomplete.json');
    expect(stdout).toMatch(/library: label-only strategies reaching mutualFit, by seat: longest \d+\/\d+, shortest \d+\/\d+, courteous \d+\/\d+/);
  });
});

describe('npx tsx src/cli/gameability.ts', () => {
  function gameabilityCli(...args: string[]): { code: number; stdout: string } {
    const lines: string[] = [];
    const code = runGameabilityCommand(args, (text) => lines.push(text));
    return { code, stdout: lines.map((line) => `${line}\n`).join('') };
  }

  it("prints each seat's strategy outcomes and every judgement word, and exits 1 when a rule is broken", () => {
    const { code, stdout } = gameabilityCli('tests/fixtures/valid-call.json');
    expect(code).toBe(1);
    expect(stdout).toMatch(/employer's seat:\n\s+always the longest label\s+→ employerDeclines/);
    expect(stdout).toContain('random play (exact): mutualFit');
    expect(stdout).toContain('FAIL: scene "start" → choice "choice.rude": the label judges instead of saying what is said or done ("snide")');
  });
});

describe('the JSON Schema for editors', () => {
  it('in public/ matches the format (run `npm run schema` after changing it)', () => {
    expect(readFileSync('public/scenario.schema.json', 'utf8')).toBe(scenarioJsonSchema());
  });
});
