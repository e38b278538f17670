/**
 * Lighthouse (the version pinned in package.json, 12.2.3) on the preview build with its default mobile
 * preset: an emulated mid-range phone, simulated slow 4G and 4× CPU slowdown. Prints the four category
 * scores, the lab metrics and any audit that did not pass.
 *
 * Two modes: cold (Lighthouse's own Chromium, storage cleared) and a second visit (`secondVisit`): a
 * Chromium with a profile of its own, where the app was opened once (its service worker installed) and the
 * saved data of `second-visit.ts` put in place; Lighthouse connects to it (`--port`) and leaves its storage
 * alone (`--disable-storage-reset`), so the page is served by the service worker with ten finished runs and
 * three imported scenarios saved.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium as playwrightChromium } from '@playwright/test';
import { CHROMIUM_FLAGS, requireChromium } from './browser.ts';
import { table } from './format.ts';
import { savedData } from './second-visit.ts';

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

/** `port`: a running Chromium to use (with its storage kept); otherwise Lighthouse starts its own. */
export async function lighthouseOnce(url: string, chromium: string, output: string, port?: number): Promise<LighthouseResult> {
  const result = await run(
    'node_modules/.bin/lighthouse',
    [
      url,
      '--output=json',
      `--output-path=${output}`,
      '--quiet',
      ...(port ? [`--port=${port}`, '--disable-storage-reset'] : [`--chrome-flags=${CHROMIUM_FLAGS.join(' ')}`]),
      '--only-categories=performance,accessibility,best-practices,seo',
    ],
    { ...process.env, CHROME_PATH: chromium },
    180_000,
  );
  if (result.code !== 0) throw new Error(`lighthouse failed (exit ${result.code}): ${result.stderr.trim().split('\n').pop() ?? ''}`);
  return JSON.parse(readFileSync(output, 'utf8')) as LighthouseResult;
}

const scoresOf = (report: LighthouseResult) => Object.fromEntries(Object.entries(report.categories).map(([id, c]) => [id, Math.round((c.score ?? 0) * 100)]));

/** A free local TCP port. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A Chromium with a profile of its own, listening for DevTools on a port, where the app has been opened once
 * (so its service worker is installed) and `data` is in its localStorage. Stopped when `work` is done.
 */
export async function withSavedProfile<T>(url: string, data: Record<string, string>, work: (port: number) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'osotd-lighthouse-profile-'));
  const port = await freePort();
  const child = spawn(requireChromium(), [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: 'ignore',
  });
  try {
    let browser;
    for (let attempt = 0; !browser; attempt++) {
      try {
        browser = await playwrightChromium.connectOverCDP(`http://127.0.0.1:${port}`);
      } catch (error) {
        if (attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    const page = await browser.contexts()[0]!.newPage();
    await page.goto(url);
    await page.evaluate(async () => (await navigator.serviceWorker?.ready)?.active?.state);
    await page.evaluate((entries) => {
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }, data);
    // One visit with the data in place, served by the service worker, as a returning player's would be.
    await page.reload();
    await page.getByText('(imported 1)').first().waitFor({ timeout: 60_000 });
    await page.close();
    await browser.close(); // disconnects; the browser goes on for Lighthouse
    return await work(port);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
    } catch {
      // Chromium's helper processes may still be writing; a folder left in the temp directory is harmless.
    }
  }
}

/**
 * Lighthouse `runs` times (its scores vary with the machine's load); prints every run's scores and the
 * details of the median run by performance score, as Lighthouse's own documentation advises.
 * `secondVisit`: on a second visit with saved data (see the top of this file) instead of cold.
 */
export async function benchLighthouse(
  url: string,
  runs = 3,
  secondVisit = false,
): Promise<LighthouseFigures & { runs: Record<string, number>[]; secondVisit: boolean }> {
  const chromium = requireChromium();
  const dir = mkdtempSync(join(tmpdir(), 'osotd-lighthouse-'));
  try {
    const reports: LighthouseResult[] = [];
    const runAll = async (port?: number) => {
      for (let i = 0; i < runs; i++) reports.push(await lighthouseOnce(url, chromium, join(dir, `report-${i}.json`), port));
    };
    if (secondVisit) await withSavedProfile(url, await savedData(), runAll);
    else await runAll();
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
      `  Lighthouse ${report.lighthouseVersion}, ${report.configSettings.formFactor} preset, ${report.configSettings.throttlingMethod} throttling, ${url}, ${
        secondVisit ? 'second visit (service worker, 10 finished runs and 3 imported scenarios saved)' : 'cold (storage cleared)'
      }`,
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
    return { version: report.lighthouseVersion, formFactor: report.configSettings.formFactor, scores, metrics, notPassed, runs: all, secondVisit };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
