/**
 * Vite plugin: the installable, offline app.
 *
 * - Links the web app manifest (`public/manifest.webmanifest`), the theme colour and the touch icon from
 *   index.html (dev and build).
 * - Builds `src/pwa/sw.ts` into `sw.js` at the root of the output and writes into it the precache list:
 *   every file of the build (the page, all script and style chunks, so each built-in scenario's lazy chunk
 *   too) and the public files the app uses (manifest, icons, favicon), with a version that is a hash of all
 *   their contents. Files matching `exclude` (source maps, build reports, the JSON Schema for editors) are left out.
 *
 * The page registers the worker with `registerServiceWorker()` from `src/pwa/register.ts`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plugin, ResolvedConfig, Rolldown } from 'vite';
import { SERVICE_WORKER_CHUNK } from './bundle-report.ts';

type OutputBundle = Rolldown.OutputBundle;

export const SERVICE_WORKER_FILE = 'sw.js';
/** The service worker's source, relative to the project root. */
export const SERVICE_WORKER_SOURCE = 'src/pwa/sw.ts';
const PLACEHOLDER = /(["'`])__PRECACHE_MANIFEST__\1/;

export interface PwaOptions {
  /** Output files (relative paths, `/` separators) not to precache. */
  exclude?: RegExp[];
  /** The browser UI colour (matches the app's accent). */
  themeColor?: string;
}

export const DEFAULT_EXCLUDE = [/^\.vite\//, /\.map$/, /\.schema\.json$/, /^sw\.js$/];

/** The list the service worker precaches and its version. */
export interface PrecacheManifest {
  version: string;
  files: string[];
  page: string;
}

function listFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(folder, path).split('\\').join('/'));
    }
  };
  walk(folder);
  return out;
}

function contentOf(output: OutputBundle[string]): string | Uint8Array {
  return output.type === 'chunk' ? output.code : output.source;
}

/** The precache manifest for a bundle plus the public folder's files. */
export function precacheManifest(bundle: OutputBundle, publicDir: string | false, exclude: RegExp[] = DEFAULT_EXCLUDE): PrecacheManifest {
  const contents = new Map<string, string | Uint8Array>();
  if (publicDir) {
    try {
      for (const file of listFiles(publicDir)) contents.set(file, readFileSync(join(publicDir, file)));
    } catch {
      // no public folder: nothing to add
    }
  }
  for (const output of Object.values(bundle)) contents.set(output.fileName, contentOf(output));
  const files = [...contents.keys()].filter((f) => !exclude.some((re) => re.test(f))).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(contents.get(file)!).update('\0');
  return { version: hash.digest('hex').slice(0, 16), files, page: 'index.html' };
}

export function pwaPlugin(options: PwaOptions = {}): Plugin {
  const exclude = options.exclude ?? DEFAULT_EXCLUDE;
  const themeColor = options.themeColor ?? '#1f5fa8';
  let config: ResolvedConfig;
  return {
    name: 'pwa',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml(html) {
      const base = config.base;
      const tags = [
        { tag: 'link', attrs: { rel: 'manifest', href: `${base}manifest.webmanifest` }, injectTo: 'head' as const },
        { tag: 'meta', attrs: { name: 'theme-color', content: themeColor }, injectTo: 'head' as const },
        { tag: 'link', attrs: { rel: 'apple-touch-icon', href: `${base}icons/apple-touch-icon.png` }, injectTo: 'head' as const },
      ];
      // A page that already declares one of these keeps its own.
      return tags.filter(({ attrs }) => !html.includes(attrs.rel ? `rel="${attrs.rel}"` : `name="${attrs.name}"`));
    },
    buildStart() {
      if (config.command !== 'build') return;
      this.emitFile({ type: 'chunk', id: resolve(config.root, SERVICE_WORKER_SOURCE), name: SERVICE_WORKER_CHUNK, fileName: SERVICE_WORKER_FILE });
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        if (config.command !== 'build') return;
        const worker = bundle[SERVICE_WORKER_FILE];
        if (!worker || worker.type !== 'chunk') this.error(`The service worker (${SERVICE_WORKER_SOURCE}) was not built.`);
        if (worker.imports.length || worker.dynamicImports.length) {
          this.error(
            `The service worker must not import anything (it is a classic script); it imports ${[...worker.imports, ...worker.dynamicImports].join(', ')}.`,
          );
        }
        if (!PLACEHOLDER.test(worker.code)) this.error(`The service worker has no __PRECACHE_MANIFEST__ placeholder.`);
        const manifest = precacheManifest(bundle, config.publicDir ? config.publicDir : false, exclude);
        if (!manifest.files.includes(manifest.page)) this.error(`The precache list has no ${manifest.page}.`);
        worker.code = worker.code.replace(PLACEHOLDER, () => JSON.stringify(JSON.stringify(manifest)));
      },
    },
  };
}
