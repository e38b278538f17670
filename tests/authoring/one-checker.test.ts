// @vitest-environment node
/**
 * One checker: the command line (`npm run scenarios`) and the importer give the same findings, in the same
 * words and at the same lines, for the same broken files (issue 12).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkImport } from '../../src/lib/authoring/import.ts';
import { BROKEN, writeFiles } from './broken-files.ts';

interface Found {
  where: string;
  message: string;
  line?: number;
}
type CliFile = { file: string; valid: boolean; problems?: Found[]; errors?: Found[]; warnings: Found[] };

/** Every broken file checked by one run of the command line, as JSON. */
function cliResults(): CliFile[] {
  const paths = writeFiles(BROKEN);
  let stdout: string;
  try {
    stdout = execFileSync('node_modules/.bin/tsx', ['src/cli/scenarios.ts', '--json', ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    stdout = (error as { stdout: string }).stdout;
  }
  return JSON.parse(stdout).files;
}

const lines = (found: Found[]) => found.map((f) => `${f.line ?? '-'}: ${f.where}: ${f.message}`);

describe('the command line and the importer', () => {
  const cli = cliResults();

  it.each(BROKEN.map((c, i) => [c.name, c, i] as const))('say the same about %s', (_name, broken, i) => {
    const fromCli = cli[i]!;
    const imported = checkImport(broken.text);
    // The file name is the importer's business only through the id rule, which the command line adds.
    const cliFindings = fromCli.valid ? [...fromCli.errors!, ...fromCli.warnings] : fromCli.problems!;
    const importFindings = imported.ok ? imported.warnings : imported.problems;
    const idRule = (f: Found) => f.where !== 'id' || !f.message.includes('the file is called');
    expect(lines(cliFindings.filter(idRule))).toEqual(lines(importFindings));
    expect(imported.ok ? imported.status : 'invalid').toBe(broken.importVerdict ?? broken.verdict);
    const all = [...cliFindings, ...(fromCli.valid ? [] : fromCli.warnings)];
    expect(all).toContainEqual(expect.objectContaining({ where: broken.expected.where, message: expect.stringMatching(pattern(broken.expected.message)) }));
  });
});

function pattern(message: string | RegExp): RegExp {
  return typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : message;
}
