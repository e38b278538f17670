import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/lib/engine/json-schema.ts';

/** Run `npm run scenarios -- args` (through tsx, as the script does); return its exit code and output. */
function scenarios(...args: string[]): { code: number; stdout: string } {
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
    const { code, stdout } = scenarios('--json', 'tests/fixtures/valid-call.json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const seat = report.files[0].analysis.seats.find((s: { seat: string }) => s.seat === 'candidate');
    expect(seat.outcomes.noFit).toMatchObject({ reachable: true, choices: ['choice.vague'] });
    expect(Object.keys(seat.shares.byOutcome)).toEqual(['mutualFit', 'candidateDeclines', 'employerDeclines', 'noFit']);
  });

  it('exits 1 for a scenario where a seat cannot reach every outcome', () => {
    const { code, stdout } = scenarios('tests/fixtures/incomplete.json');
    expect(code).toBe(1);
    expect(stdout).toContain("INCOMPLETE: from the candidate's seat, candidateDeclines, noFit cannot be reached");
  });

  it('exits 1 with one clear line for a typo in a target scene', () => {
    const { code, stdout } = scenarios('tests/fixtures/typo-target.json');
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toBe(
      'tests/fixtures/typo-target.json: scene "start" → choice "choice.late" → target: there is no scene called "answr" (did you mean "answer"?)',
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

describe('the JSON Schema for editors', () => {
  it('in public/ matches the format (run `npm run schema` after changing it)', () => {
    expect(readFileSync('public/scenario.schema.json', 'utf8')).toBe(scenarioJsonSchema());
  });
});
