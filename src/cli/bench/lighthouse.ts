/**
 * Lighthouse (the version pinned in package.json, 12.2.3) on the preview build with its default mobile
 * preset: an emulated mid-range phone, simulated slow 4G and 4× CPU slowdown. Prints the four category
 * scores, the lab metrics and any audit that did not pass.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_FLAGS, requireChromium } from './browser.ts';
import { table } from './format.ts';

interface Audit {
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
}
interface LighthouseResult {
  lighthouseVersion: string;
  configSettings: { formFactor: string; throttlingMethod: string };
  categories: Record<string, { title: string; score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
}

export interface LighthouseFigures {
  version: string;
  formFactor: string;
  scores: Record<string, number>;
  metrics: Record<string, string>;
  notPassed: string[];
}

const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

/** Runs a command without blocking this process (the preview server answers from it). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

async function lighthouseOnce(url: string, chromium: string, output: string): Promise<LighthouseResult> {
  const result = await run(
    'node_modules/.bin/lighthouse',
    [
      url,
      '--output=json',
      `--output-path=${output}`,
      '--quiet',
      `--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`,
      '--only-categories=performance,accessibility,best-practices,seo',
    ],
    { ...process.env, CHROME_PATH: chromium },
    180_000,
  );
  if (result.code !== 0) throw new Error(`lighthouse failed (exit ${result.code}): ${result.stderr.trim().split('\n').pop() ?? ''}`);
  return JSON.parse(readFileSync(output, 'utf8')) as LighthouseResult;
}

const scoresOf = (report: LighthouseResult) => Object.fromEntries(Object.entries(report.categories).map(([id, c]) => [id, Math.round((c.score ?? 0) * 100)]));

/**
 * Lighthouse `runs` times (its scores vary with the machine's load); prints every run's scores and the
 * details of the median run by performance score, as Lighthouse's own documentation advises.
 */
export async function benchLighthouse(url: string, runs = 3): Promise<LighthouseFigures & { runs: Record<string, number>[] }> {
  const chromium = requireChromium();
  const dir = mkdtempSync(join(tmpdir(), 'osotd-lighthouse-'));
  try {
    const reports: LighthouseResult[] = [];
    for (let i = 0; i < runs; i++) reports.push(await lighthouseOnce(url, chromium, join(dir, `report-${i}.json`)));
    const byPerformance = [...reports].sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
    const report = byPerformance[Math.floor(byPerformance.length / 2)]!;
    const scores = scoresOf(report);
    const metrics = Object.fromEntries(METRICS.map((id) => [report.audits[id]?.title ?? id, report.audits[id]?.displayValue ?? '–']));
    const notPassed = Object.values(report.categories).flatMap((c) =>
      c.auditRefs
        .map((ref) => report.audits[ref.id]!)
        .filter((audit) => audit && audit.score !== null && audit.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode))
        .map((audit) => `${c.title}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`),
    );
    const all = reports.map(scoresOf);
    console.log(
      `  Lighthouse ${report.lighthouseVersion}, ${report.configSettings.formFactor} preset, ${report.configSettings.throttlingMethod} throttling, ${url}`,
    );
    console.log(`  ${runs} runs; the median run by performance score:`);
    console.log(
      table([
        ['category', 'median run', ...all.map((_, i) => `run ${i + 1}`)],
        ...Object.entries(report.categories).map(([id, c]) => [c.title, scores[id]!, ...all.map((r) => r[id]!)]),
      ]),
    );
    console.log(table(Object.entries(metrics)));
    if (notPassed.length) console.log(`  Not at full marks in the median run:\n${notPassed.map((line) => `    - ${line}`).join('\n')}`);
    return { version: report.lighthouseVersion, formFactor: report.configSettings.formFactor, scores, metrics, notPassed, runs: all };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
