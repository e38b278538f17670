/**
 * `npm test`: every test in the project. Type-checks (beside the lint, the format check and the builds), runs the
 * unit and component tests (vitest), then the browser tests when present, and ends with one line that totals all
 * runners: `N passed, N failed`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'osotd-tests-'));
let passed = 0;
let failed = 0;
let broken = false;

function run(title: string, command: string, args: string[], env: Record<string, string> = {}): number {
  if (title) console.log(`\n── ${title} ──`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/** Start a command in the background with its output kept, to print when it ends (so outputs do not mix). */
function background(title: string, command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      console.log(`\n── ${title} ──\n${output.trimEnd()}`);
      resolve(code ?? 1);
    });
  });
}

// The type check (one CPU, about a minute) runs beside the lint, the format check and the builds.
const typeCheck = background('Type check (svelte-check)', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human']);
if (run('Lint (ESLint, no warnings allowed)', 'npm', ['run', '--silent', 'lint']) !== 0) broken = true;
if (run('Format (Prettier)', 'npm', ['run', '--silent', 'format:check']) !== 0) broken = true;

// The production builds, once: the build tests (tests/engine/budget.test.ts) and the browser tests use them
// instead of building their own (each build takes half a minute on a busy 2-CPU machine).
const builds = { OSOTD_APP_BUILD: join(out, 'app'), OSOTD_SINGLE_BUILD: join(out, 'single') };
const buildArgs = (dir: string, mode?: string) => ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error', ...(mode ? ['--mode', mode] : [])];
if (run('Production builds (the app, and the single file)', 'npx', buildArgs(builds.OSOTD_APP_BUILD)) !== 0) broken = true;
if (run('', 'npx', buildArgs(builds.OSOTD_SINGLE_BUILD, 'single')) !== 0) broken = true;
if ((await typeCheck) !== 0) broken = true;
process.env.OSOTD_APP_BUILD = builds.OSOTD_APP_BUILD;
process.env.OSOTD_SINGLE_BUILD = builds.OSOTD_SINGLE_BUILD;

/** Debian's Chromium for the browser tests: installed here when missing and allowed (root with apt-get). */
function ensureChromium(): void {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(chromium) || process.env.CHROMIUM_PATH) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) return; // playwright.config.ts then says how to install it
  run('Installing Debian’s Chromium for the browser tests (apt-get)', 'sh', [
    '-c',
    'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null',
  ]);
}

const browserTests = existsSync('tests/e2e');
if (browserTests) ensureChromium();

const vitestJson = join(out, 'vitest.json');
const vitestCode = run('Unit and component tests (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}
if (vitestCode !== 0) broken = true;

if (browserTests) {
  const playwrightJson = join(out, 'playwright.json');
  const code = run('Browser tests (Playwright)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
  });
  if (existsSync(playwrightJson)) {
    const stats = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats;
    // A test that passed only on a retry is not a pass: flaky counts as failed.
    passed += stats.expected;
    failed += stats.unexpected + stats.flaky;
  }
  if (code !== 0) broken = true;
}

if (broken && failed === 0) failed = 1; // a runner that broke before counting still fails the run
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = broken || failed ? 1 : 0;
