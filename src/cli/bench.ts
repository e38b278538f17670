/**
 * `npm run bench`: builds the app and prints performance figures. Figures, not assertions: slow numbers
 * never fail it (the size budget is asserted by tests/engine/budget.test.ts).
 *
 * 1. Build: the app and the single file, into a temporary folder.
 * 2. Sizes: first-load bytes per asset (raw and gzip) against the budget (src/build/budget.ts), what the first-load script is
 *    made of, the chunks loaded on demand, each scenario's chunk, the service worker, the single file.
 * 3. Analyser: time over every scenario and over a generated 1,000-scene scenario.
 * 4. In Chromium, on the preview build: what the first load downloads; choice-to-next-scene latency over
 *    200 choices with 4× CPU slowdown (median and p95); Lighthouse's mobile preset, four category scores.
 *
 * 5. Beside the peer (`bench/peer.ts`): the app and a minimal inkjs page in the same Chromium, interleaved, 4×
 *    CPU slowdown: choice → next frame (median, p95), the run-ending click, the bytes before the first choice,
 *    side by side with the ratios.
 * 6. A second visit (`bench/second-visit.ts`): ten finished runs and three imported scenarios saved, the page
 *    served by its service worker, reloaded at 4× slowdown: the long tasks at start-up.
 * 7. Lighthouse (`bench/lighthouse.ts`) cold, then on a second visit with the same saved data.
 *
 * Options: `--no-browser` skips steps 4 and 5; `--only <sections>` runs only some of `sizes`, `analyser`, `load`,
 * `latency`, `peer`, `secondVisit`, `lighthouse` (comma-separated); `--choices <n>` sets the choices made on each page beside
 * the peer (default 150); `--json <file>` also writes every figure as JSON.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { benchAnalyser } from './bench/analyser.ts';
import { buildForBench } from './bench/build.ts';
import { section } from './bench/format.ts';
import { benchBrowserLoad, benchLatency } from './bench/latency.ts';
import { benchLighthouse } from './bench/lighthouse.ts';
import { benchPeer, PEER_CHOICES } from './bench/peer.ts';
import { benchSecondVisit } from './bench/second-visit.ts';
import { serve } from './bench/server.ts';
import { benchSizes } from './bench/sizes.ts';

const args = process.argv.slice(2);
const withBrowser = !args.includes('--no-browser');
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : undefined;
const wanted = (name: string) => !only || only.has(name);
const choicesAt = args.indexOf('--choices');
const peerChoices = choicesAt >= 0 ? Number(args[choicesAt + 1]) : PEER_CHOICES;
const browserWanted = withBrowser && (wanted('load') || wanted('latency') || wanted('peer') || wanted('secondVisit') || wanted('lighthouse'));

const started = performance.now();
const machine = () => `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadavg()[0]!.toFixed(1)}`;
const figures: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, machine: machine() };
console.log(`Bench on ${machine()}, Node ${process.version}. Browser figures vary with the machine's load.`);

const builds = await section('Build', () => buildForBench(wanted('sizes')));
try {
  if (builds && wanted('sizes')) figures.sizes = await section('Sizes', () => benchSizes(builds.app, builds.single));
  if (wanted('analyser')) figures.analyser = await section('Analyser', () => benchAnalyser());
  if (builds && browserWanted) {
    const server = await section('Preview server', async () => {
      const served = await serve(builds.app);
      console.log(`  vite preview at ${served.url}`);
      return served;
    });
    if (server) {
      try {
        if (wanted('load')) figures.browserLoad = await section('First load in the browser', () => benchBrowserLoad(server.url));
        if (wanted('latency')) figures.latency = await section('Choice-to-next-scene latency', () => benchLatency(server.url));
        if (wanted('peer')) figures.peer = await section('Beside a minimal inkjs page', () => benchPeer(server.url, peerChoices));
        if (wanted('secondVisit')) figures.secondVisit = await section('Second visit with saved data', () => benchSecondVisit(server.url));
        if (wanted('lighthouse')) figures.lighthouse = await section('Lighthouse', () => benchLighthouse(server.url));
        if (wanted('lighthouse')) figures.lighthouseSecondVisit = await section('Lighthouse, second visit', () => benchLighthouse(server.url, 3, true));
      } finally {
        await server.close();
      }
    }
  }
} finally {
  if (builds) rmSync(builds.root, { recursive: true, force: true });
}

console.log(`\nBench done in ${((performance.now() - started) / 1000).toFixed(0)} s; ${machine()}.`);
if (jsonFile) {
  writeFileSync(jsonFile, JSON.stringify(figures, (_key, value) => (value instanceof Map ? Object.fromEntries(value) : value), 2) + '\n');
  console.log(`Figures written to ${jsonFile}.`);
}
