/** Prints the build's sizes: first load per asset against the budget, on-demand chunks, scenarios, single file. */
import { FIRST_LOAD_BUDGET_GZIP, kB, measureBuild, scenarioFiles, sizeOf, weightByPackage, type BuildSizes } from '../../build/budget.ts';
import { table } from './format.ts';

export interface SizeFigures {
  firstLoad: { fileName: string; raw: number; gzip: number }[];
  firstLoadTotal: { raw: number; gzip: number };
  budget: number;
  onDemand: { fileName: string; raw: number; gzip: number }[];
  /** Each scenario's play chunk, `coach`, its coach's part, and `notes`, its debrief's part. */
  scenarios: { id: string; raw: number; gzip: number; coach?: { raw: number; gzip: number }; notes?: { raw: number; gzip: number } }[];
  weight: { name: string; share: number; gzip: number }[];
  serviceWorker: { raw: number; gzip: number };
  singleFile?: { raw: number; gzip: number };
}

export function benchSizes(appDir: string, singleDir?: string): SizeFigures {
  const sizes: BuildSizes = measureBuild(appDir);
  const row = (f: { fileName: string; raw: number; gzip: number }) => [f.fileName, kB(f.raw), kB(f.gzip)];

  console.log('  First load (the page, its entry script, static imports and CSS):');
  console.log(table([['file', 'raw', 'gzip'], ...sizes.firstLoad.map(row), ['total', kB(sizes.firstLoadTotal.raw), kB(sizes.firstLoadTotal.gzip)]], '    '));
  const within = sizes.firstLoadTotal.gzip <= FIRST_LOAD_BUDGET_GZIP;
  console.log(
    `    budget ${kB(FIRST_LOAD_BUDGET_GZIP)} gzip: ${within ? 'within' : 'OVER'} by ${kB(Math.abs(FIRST_LOAD_BUDGET_GZIP - sizes.firstLoadTotal.gzip))}`,
  );

  const weight = weightByPackage(sizes.report, sizes.firstLoad);
  console.log('  What the first-load script is made of (share of unminified code, applied to its gzip size):');
  console.log(
    table(
      weight.map((w) => [w.name, `${(w.share * 100).toFixed(0)}%`, `≈ ${kB(w.gzip)}`]),
      '    ',
    ),
  );

  const ofScenarios = new Set(scenarioFiles(sizes).map((s) => s.fileName));
  const others = sizes.onDemand.filter((f) => !ofScenarios.has(f.fileName));
  console.log('  Loaded on demand (screens and shared chunks):');
  console.log(others.length ? table([['file', 'raw', 'gzip'], ...others.map(row)], '    ') : '    none');
  // The scenario editor (#/editor): its screen, its map (Svelte Flow; dagre in `layout`, shared with the debrief map) and its play-test, each loaded on demand.
  const editor = others.filter((f) => /\/(EditorRoute|Canvas|PlayTest|layout)-/.test(f.fileName));
  const editorTotal = editor.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip }), { raw: 0, gzip: 0 });
  console.log(`  The scenario editor, on demand: ${kB(editorTotal.raw)} raw, ${kB(editorTotal.gzip)} gzip (${editor.map((f) => f.fileName).join(', ')})`);
  console.log(
    '  Built-in scenarios, three chunks each: what play needs, the coach’s notes (fetched after the first scene, in coach mode) and the debrief’s (fetched when the run is over):',
  );
  const sized = (s: { raw: number; gzip: number } | undefined) => s && { raw: s.raw, gzip: s.gzip };
  const scenarios = [...sizes.scenarios]
    .map(([id, s]) => ({ id, raw: s.raw, gzip: s.gzip, coach: sized(sizes.scenarioCoach.get(id)), notes: sized(sizes.scenarioNotes.get(id)) }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const dash = (n: number | undefined) => (n === undefined ? '–' : kB(n));
  console.log(
    table(
      [
        ['scenario', 'play raw', 'play gzip', 'coach raw', 'coach gzip', 'debrief raw', 'debrief gzip'],
        ...scenarios.map((s) => [s.id, kB(s.raw), kB(s.gzip), dash(s.coach?.raw), dash(s.coach?.gzip), dash(s.notes?.raw), dash(s.notes?.gzip)]),
      ],
      '    ',
    ),
  );

  const page = sizeOf(appDir, 'index.html');
  console.log(`  The page itself, index.html: ${kB(page.raw)} raw, ${kB(page.gzip)} gzip`);
  const sw = sizeOf(appDir, 'sw.js');
  console.log(`  Service worker sw.js: ${kB(sw.raw)} raw, ${kB(sw.gzip)} gzip`);
  let singleFile: SizeFigures['singleFile'];
  if (singleDir) {
    const single = sizeOf(singleDir, 'index.html');
    singleFile = { raw: single.raw, gzip: single.gzip };
    console.log(`  Single file (npm run build:single), everything inlined: ${kB(single.raw)} raw, ${kB(single.gzip)} gzip`);
  }
  return {
    firstLoad: sizes.firstLoad,
    firstLoadTotal: sizes.firstLoadTotal,
    budget: FIRST_LOAD_BUDGET_GZIP,
    onDemand: sizes.onDemand,
    scenarios,
    weight,
    serviceWorker: { raw: sw.raw, gzip: sw.gzip },
    singleFile,
  };
}
