/**
 * What a build contains, for the size budget test and `npm run bench`: every emitted file, the chunk graph
 * (static and dynamic imports, the CSS each chunk brings), and which source modules went into each chunk.
 *
 * `bundleReportPlugin()` writes it to `<outDir>/.vite/bundle-report.json`; `firstLoad()` answers which files
 * the browser must download before the first screen runs: the page's entry script, everything it imports
 * statically (transitively), and their CSS. Dynamic imports (screens and scenarios loaded on demand) are not
 * part of it.
 */
import { relative } from 'node:path';
import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;

export const BUNDLE_REPORT_FILE = '.vite/bundle-report.json';

/** One emitted file. Paths are relative to the build's output folder. */
export interface ReportFile {
  fileName: string;
  /** `entry`: the page's script; `dynamic`: loaded on demand; `chunk`: shared code; `worker`: the service worker. */
  kind: 'entry' | 'dynamic' | 'chunk' | 'worker' | 'asset';
  /** Chunks imported statically. */
  imports: string[];
  /** Chunks imported on demand with `import()`. */
  dynamicImports: string[];
  /** CSS files the chunk brings with it. */
  css: string[];
  /** Source modules in the chunk (relative to the project, `\0` ids shown as `virtual:…`), largest first. */
  modules: { id: string; bytes: number }[];
}

export interface BundleReport {
  files: ReportFile[];
}

/** Files a plugin marks as the service worker's entry (by name), so they are not counted as the page's. */
export const SERVICE_WORKER_CHUNK = 'service-worker';

function moduleName(id: string, root: string): string {
  if (id.startsWith('\0')) return id.slice(1);
  const clean = id.split('?')[0]!;
  const nodeModules = clean.lastIndexOf('/node_modules/');
  return nodeModules >= 0 ? clean.slice(nodeModules + 1) : relative(root, clean);
}

/** Build a report from a finished bundle. */
export function reportBundle(bundle: OutputBundle, root: string): BundleReport {
  const files: ReportFile[] = [];
  for (const output of Object.values(bundle)) {
    if (output.type === 'asset') {
      files.push({ fileName: output.fileName, kind: 'asset', imports: [], dynamicImports: [], css: [], modules: [] });
      continue;
    }
    const kind: ReportFile['kind'] = output.name === SERVICE_WORKER_CHUNK ? 'worker' : output.isEntry ? 'entry' : output.isDynamicEntry ? 'dynamic' : 'chunk';
    const modules = Object.entries(output.modules)
      .map(([id, info]) => ({ id: moduleName(id, root), bytes: info.renderedLength }))
      .filter((m) => m.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes);
    files.push({
      fileName: output.fileName,
      kind,
      imports: [...output.imports],
      dynamicImports: [...output.dynamicImports],
      css: [...(output.viteMetadata?.importedCss ?? [])],
      modules,
    });
  }
  files.sort((a, b) => a.fileName.localeCompare(b.fileName));
  return { files };
}

/** Writes `.vite/bundle-report.json` into the build output. */
export function bundleReportPlugin(): Plugin {
  let root = process.cwd();
  return {
    name: 'bundle-report',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const report = reportBundle(bundle, root);
        this.emitFile({ type: 'asset', fileName: BUNDLE_REPORT_FILE, source: JSON.stringify(report, null, 1) });
      },
    },
  };
}

/**
 * The files downloaded before the first screen runs: entry scripts, their static imports (transitively) and
 * the CSS those bring. In download order, without duplicates.
 */
export function firstLoad(report: BundleReport): ReportFile[] {
  const byName = new Map(report.files.map((f) => [f.fileName, f]));
  const seen = new Set<string>();
  const out: ReportFile[] = [];
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const file = byName.get(name);
    if (!file) return;
    out.push(file);
    file.imports.forEach(visit);
    file.css.forEach(visit);
  };
  report.files.filter((f) => f.kind === 'entry').forEach((f) => visit(f.fileName));
  return out;
}

/** Chunks (and their CSS) that are not part of the first load: what loads on demand through `import()`. */
export function onDemand(report: BundleReport): ReportFile[] {
  const first = new Set(firstLoad(report).map((f) => f.fileName));
  const chunks = report.files.filter((f) => (f.kind === 'dynamic' || f.kind === 'chunk') && !first.has(f.fileName));
  const css = new Set(chunks.flatMap((f) => f.css).filter((name) => !first.has(name)));
  return [...chunks, ...report.files.filter((f) => css.has(f.fileName))];
}

/**
 * The chunk holding a built-in scenario's content (`virtual:scenario/<id>`, what play needs), or a part of
 * its commentary: `coach` (`virtual:scenario-notes/<id>-coach`) or `notes`, the debrief's
 * (`virtual:scenario-notes/<id>-notes`), by scenario id.
 */
export function scenarioChunks(report: BundleReport, part: 'play' | 'coach' | 'notes' = 'play'): Map<string, ReportFile> {
  const chunks = new Map<string, ReportFile>();
  const pattern = part === 'play' ? /^virtual:scenario\/(.+)$/ : new RegExp(`^virtual:scenario-notes/(.+)-${part}$`);
  for (const file of report.files) {
    for (const m of file.modules) {
      const match = pattern.exec(m.id);
      if (match) chunks.set(match[1]!, file);
    }
  }
  return chunks;
}
