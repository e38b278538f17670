/**
 * Start-up on a second visit with saved data: ten finished runs (their history and outcomes) and three
 * imported scenarios in the browser's storage, the app served by its service worker after a first visit.
 * The page is reloaded with the CPU slowed 4× and every long task (over 50 ms) in its first seconds is
 * recorded; the figure is the longest one (the issue's goal: none over 200 ms).
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { saveCustomScenario } from '../../lib/authoring/store.ts';
import { mulberry32 } from '../../lib/engine/analyse.ts';
import { personChoices, playThrough } from '../../lib/engine/playthrough.ts';
import type { PlaySeat } from '../../lib/engine/machine.ts';
import { validateScenario } from '../../lib/engine/validate.ts';
import { SaveStore } from '../../lib/persistence/store.ts';
import { memoryStorage } from '../../lib/persistence/storage.ts';
import { scenarioFiles } from '../library.ts';
import { CHROMIUM_FLAGS, requireChromium } from './browser.ts';
import { CPU_SLOWDOWN } from './latency.ts';

export interface SecondVisitFigures {
  runs: number;
  imported: number;
  longTasks: number[];
  longestMs: number;
  /** Frames over 200 ms and the scripts over 20 ms in them (Long Animation Frames). */
  frames: { ms: number; scripts: { what: string; ms: number }[] }[];
}

/** Saved data as the app writes it: `runs` finished runs (random picks) and `imported` imported scenarios. */
export async function savedData(runs = 10, imported = 3): Promise<Record<string, string>> {
  const storage = memoryStorage();
  const store = new SaveStore(storage);
  const files = scenarioFiles();
  const pick = mulberry32(21);
  const ids: string[] = [];
  for (let i = 0; i < runs; i++) {
    const text = readFileSync(files[i % files.length]!, 'utf8');
    const checked = validateScenario(JSON.parse(text));
    if (!checked.ok) throw new Error(`${files[i % files.length]} does not validate`);
    const scenario = checked.scenario;
    ids.push(scenario.id);
    const seat: PlaySeat = scenario.seats[i % scenario.seats.length]!;
    const run = store.startRun({ scenarioId: scenario.id, scenarioTitle: scenario.title, seat, mode: 'coach', seed: i + 1 });
    const { actor, steps } = playThrough(scenario, seat, ({ offered }) => offered[Math.floor(pick() * offered.length)]!.event, { seed: i + 1 });
    const output = actor.getSnapshot().output;
    actor.stop();
    if (!output) throw new Error(`a random run of ${scenario.id} did not end`);
    const record = { ...run, choices: personChoices(steps), stepCount: steps.length, outcome: output.outcome };
    store.putRun(record);
    store.finishRun(record, output.outcome, record.choices.length);
  }
  for (let i = 0; i < imported; i++) {
    const scenario = JSON.parse(readFileSync(files[i]!, 'utf8')) as { id: string; title: string };
    const text = JSON.stringify({ ...scenario, id: `imported-${i + 1}`, title: `${scenario.title} (imported ${i + 1})` });
    const saved = await saveCustomScenario(text, { storage, builtInIds: ids, asDraft: true });
    if (!saved.ok) throw new Error(`could not import a copy of ${files[i]}: ${saved.message}`);
  }
  const data: Record<string, string> = {};
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)!;
    data[key] = storage.getItem(key)!;
  }
  return data;
}

/** @param data what is saved before the second visit (default: `savedData()`) */
export async function benchSecondVisit(baseUrl: string, data?: Record<string, string>): Promise<SecondVisitFigures> {
  data ??= await savedData();
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext({ viewport: { width: 412, height: 915 } });
    await context.addInitScript({
      content: `window.__longTasks = []; window.__frames = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.duration > 200) window.__frames.push({ ms: Math.round(e.duration), scripts: e.scripts.filter((s) => s.duration > 20).map((s) => ({ what: [s.invoker, s.sourceFunctionName, s.sourceURL.split('/').pop()].filter(Boolean).join(' '), ms: Math.round(s.duration) })) }); }).observe({ type: 'long-animation-frame', buffered: true });`,
    });
    const page = await context.newPage();
    // First visit: the service worker installs and precaches; then the saved data is put in place.
    await page.goto(baseUrl);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker?.ready;
      return registration?.active?.state;
    });
    await page.evaluate((entries) => {
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }, data);
    // Second visit, served by the service worker, with the CPU slowed.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.reload();
    await (Object.keys(data).length ? page.getByText('(imported 1)').first() : page.getByRole('heading', { level: 1 })).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(3000);
    const longTasks = ((await page.evaluate('window.__longTasks')) as number[]).map((ms) => Math.round(ms));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const frames = (await page.evaluate('window.__frames')) as { ms: number; scripts: { what: string; ms: number }[] }[];
    const figures = { runs: 10, imported: 3, longTasks, longestMs: Math.max(0, ...longTasks), frames };
    console.log(
      `  Reload with ${figures.runs} finished runs and ${figures.imported} imported scenarios saved, served by the service worker, CPU slowed ${CPU_SLOWDOWN}×:`,
    );
    console.log(`    long tasks (over 50 ms): ${longTasks.length ? longTasks.map((ms) => `${ms} ms`).join(', ') : 'none'}; longest ${figures.longestMs} ms`);
    for (const frame of frames)
      console.log(`    a ${frame.ms} ms frame: ${frame.scripts.map((s) => `${s.what} ${s.ms} ms`).join('; ') || 'no script over 20 ms'}`);
    return figures;
  } finally {
    await browser.close();
  }
}
