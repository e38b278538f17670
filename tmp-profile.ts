import { chromium } from '@playwright/test';
import { mulberry32 } from './src/lib/engine/analyse.ts';
import { CHROMIUM_FLAGS, requireChromium } from './src/cli/bench/browser.ts';
import { clickButton, clicksRecorded, nextClick, GO_ON, OUTCOME_TITLES, PAGE_HELPERS, playable, type PageState } from './src/cli/bench/latency.ts';
import { serve } from './src/cli/bench/server.ts';

const server = await serve(process.argv[2]!);
const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_FLAGS });
const context = await browser.newContext({ viewport: { width: 412, height: 915 }, serviceWorkers: 'block' });
await context.addInitScript({ content: PAGE_HELPERS });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
const state = (): Promise<PageState> => page.evaluate(`window.__bench.state(${JSON.stringify(GO_ON.source)}, ${JSON.stringify(OUTCOME_TITLES)})`);
async function settled() { for (;;) { const s = await state(); if (s.kind !== 'waiting') return s; await page.waitForTimeout(20); } }
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
const agg = { choice: new Map<string, number>(), end: new Map<string, number>() };
const total = { choice: 0, end: 0 };
const pick = mulberry32(8);
const games = playable();
const ends: number[] = []; const choiceMs: number[] = [];
for (let run = 0; run < Number(process.argv[3] ?? 4); run++) {
  const g = games[run % games.length]!;
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.goto('about:blank');
  await page.goto(`${server.url}#/play/${g.id}/${g.seat}`);
  await settled();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  for (;;) {
    const now = await settled();
    if (now.kind === 'ended') break;
    const before = (await clicksRecorded(page)).length;
    const events: { name: string; ph: string; dur?: number; tid: number; args?: any }[] = [];
    const onData = (d: { value: typeof events }) => events.push(...d.value);
    cdp.on('Tracing.dataCollected', onData);
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    await clickButton(page, now.kind === 'choices' ? 'choices' : 'goOn', now.kind === 'choices' ? Math.floor(pick() * now.count) : 0);
    const last = await nextClick(page, before);
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
    const ended = (await settled()).kind === 'ended';
    if (!ended && last.kind !== 'choice') continue;
    const key = ended ? 'end' : 'choice';
    (ended ? ends : choiceMs).push(last.ms);
    for (const e of events) {
      if (e.ph !== 'X' || !e.dur) continue;
      let name = e.name;
      if (name === 'FunctionCall') name += ' ' + (e.args?.data?.functionName || '') + ' ' + String(e.args?.data?.url || '').split('/').pop();
      if (name === 'EventDispatch') name += ' ' + e.args?.data?.type;
      agg[key].set(name, (agg[key].get(name) ?? 0) + e.dur / 1000);
    }
    total[key]++;
  }
}
console.log('ends', ends.map((x) => x.toFixed(0)).join(' '), 'choices median', choiceMs.sort((a, b) => a - b)[Math.floor(choiceMs.length / 2)]);
for (const key of ['end', 'choice'] as const) {
  console.log(`== ${key} clicks ${total[key]} (sums, inclusive)`);
  for (const [n, ms] of [...agg[key]].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(ms.toFixed(1).padStart(8), n);
}
await browser.close();
await server.close();
