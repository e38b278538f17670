// @vitest-environment node
/**
 * The production builds, checked by their bytes: the first load stays within budget, heavy code and
 * scenario content load on demand, the service worker precaches everything the app can need, and the
 * single-file build refers to nothing outside itself. Builds run once, into temporary folders.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIRST_LOAD_BUDGET_GZIP, kB, measureBuild, scenarioFiles, type BuildSizes } from '../../src/build/budget.ts';
import { firstLoad, type BundleReport } from '../../src/build/bundle-report.ts';
import { escapeInlineScript } from '../../src/build/single-file-plugin.ts';
import { COMPILE_HINT } from '../../src/build/compile-hints-plugin.ts';
import { registerServiceWorker, type OfflineStatus } from '../../src/pwa/register.ts';

const scenarioIds = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

/** `vite build` in a child process, without the test runner's environment (which changes how Vite resolves). */
function viteBuild(outDir: string, mode?: string): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|NODE_ENV$|TEST$|MODE$)/.test(key)));
  const args = ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error', ...(mode ? ['--mode', mode] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`vite build${mode ? ` --mode ${mode}` : ''} failed:\n${stderr}`))));
  });
}

// `npm test` builds once and names the folders (OSOTD_APP_BUILD, OSOTD_SINGLE_BUILD); alone, this file builds its own.
const prebuilt = Boolean(process.env.OSOTD_APP_BUILD && process.env.OSOTD_SINGLE_BUILD);
const root = mkdtempSync(join(tmpdir(), 'osotd-budget-'));
const appDir = prebuilt ? process.env.OSOTD_APP_BUILD! : join(root, 'app');
const singleDir = prebuilt ? process.env.OSOTD_SINGLE_BUILD! : join(root, 'single');
let sizes: BuildSizes;
let report: BundleReport;

beforeAll(async () => {
  if (!prebuilt) await Promise.all([viteBuild(appDir), viteBuild(singleDir, 'single')]);
  sizes = measureBuild(appDir);
  report = sizes.report;
}, 180_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Source modules bundled into the first load. */
const firstLoadModules = () => firstLoad(report).flatMap((f) => f.modules.map((m) => m.id));

describe('the first load', () => {
  it(`downloads at most ${kB(FIRST_LOAD_BUDGET_GZIP)} of JS and CSS (gzip) before the library screen runs`, () => {
    const lines = sizes.firstLoad.map((f) => `${f.fileName}: ${kB(f.gzip)}`).join(', ');
    expect(sizes.firstLoad.some((f) => f.fileName.endsWith('.js'))).toBe(true);
    expect(sizes.firstLoadTotal.gzip, `first load: ${lines}`).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_GZIP);
  });

  it("leaves zod's full build, the validator, the analyser, the map and the import code to load on demand", () => {
    const heavy = firstLoadModules().filter(
      (id) =>
        /^node_modules\/zod\/(v4\/classic|v3)\//.test(id) ||
        /^src\/lib\/engine\/(schema|validate|analyse|gameability)\.ts$/.test(id) ||
        /^src\/lib\/authoring\/(import|json-locate)\.ts$/.test(id) ||
        /^src\/app\/authoring\/(Import\w*|Map\w*|ScenarioMap)\.svelte$/.test(id) ||
        /^src\/lib\/map\//.test(id),
    );
    expect(heavy).toEqual([]);
  });

  it('asks V8 to compile the entry script while it downloads (the compile hint on its first line)', () => {
    const entry = report.files.find((f) => f.kind === 'entry')!;
    expect(readFileSync(join(appDir, entry.fileName), 'utf8').split('\n', 1)[0]).toBe(COMPILE_HINT);
  });

  it('holds no scenario content, only the index the library shows', () => {
    expect(firstLoadModules().filter((id) => /^virtual:scenario(-notes)?\//.test(id))).toEqual([]);
  });
});

describe('the built-in scenarios', () => {
  it('each load on demand from a chunk of their own', () => {
    expect([...sizes.scenarios.keys()].sort()).toEqual(scenarioIds);
    expect([...sizes.scenarioCoach.keys()].sort()).toEqual(scenarioIds);
    expect([...sizes.scenarioNotes.keys()].sort()).toEqual(scenarioIds);
    const files = scenarioFiles(sizes).map((s) => s.fileName);
    expect(files).toHaveLength(3 * scenarioIds.length);
    expect(new Set(files).size).toBe(files.length);
  });
});

describe('the service worker', () => {
  const precache = () => {
    const code = readFileSync(join(appDir, 'sw.js'), 'utf8');
    const json = /JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(code)?.[1];
    expect(json, 'sw.js carries its precache list').toBeDefined();
    return JSON.parse(JSON.parse(json!)) as { version: string; files: string[]; page: string };
  };

  it('precaches the page, every script and stylesheet, and every scenario', () => {
    const { files, page } = precache();
    expect(page).toBe('index.html');
    const built = report.files.map((f) => f.fileName).filter((f) => /\.(js|css|html)$/.test(f) && f !== 'sw.js');
    expect(files).toEqual(expect.arrayContaining(built));
    for (const scenario of scenarioFiles(sizes)) expect(files).toContain(scenario.fileName);
  });

  it('precaches the manifest and every icon it names, and only files that exist', () => {
    const { files } = precache();
    const manifest = JSON.parse(readFileSync(join(appDir, 'manifest.webmanifest'), 'utf8')) as { icons: { src: string }[] };
    expect(files).toContain('manifest.webmanifest');
    for (const icon of manifest.icons) expect(files).toContain(icon.src);
    for (const file of files) expect(existsSync(join(appDir, file)), file).toBe(true);
  });

  it('names its cache after the content, so a new build replaces the old cache', () => {
    const { version, files } = precache();
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    const hash = createHash('sha256');
    for (const file of files)
      hash
        .update(file)
        .update('\0')
        .update(readFileSync(join(appDir, file)))
        .update('\0');
    expect(hash.digest('hex').slice(0, 16)).toBe(version);
  });

  it('is linked from the page with the manifest and a theme colour', () => {
    const html = readFileSync(join(appDir, 'index.html'), 'utf8');
    expect(html).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest">/);
    expect(html).toMatch(/<meta name="theme-color" content="#[0-9a-f]{6}">/i);
  });
});

describe('the installable app', () => {
  it('has a manifest with a name, a start URL, standalone display and 192 px, 512 px and maskable PNG icons', () => {
    const manifest = JSON.parse(readFileSync('public/manifest.webmanifest', 'utf8'));
    expect(manifest).toMatchObject({ name: 'Other Side of the Desk', start_url: './', display: 'standalone' });
    const png = (size: string, purpose: string) =>
      manifest.icons.find((i: { sizes: string; type: string; purpose: string }) => i.sizes === size && i.type === 'image/png' && i.purpose === purpose);
    for (const [size, purpose] of [
      ['192x192', 'any'],
      ['512x512', 'any'],
      ['512x512', 'maskable'],
    ] as const) {
      const icon = png(size, purpose);
      expect(icon, `${size} ${purpose} icon`).toBeDefined();
      const bytes = readFileSync(join('public', icon.src));
      // PNG signature, then the IHDR chunk's width and height
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(size);
    }
  });
});

describe('the single-file build', () => {
  const html = () => readFileSync(join(singleDir, 'index.html'), 'utf8');

  it('is one HTML file', () => {
    expect(readdirSync(singleDir)).toEqual(['index.html']);
  });

  it('refers to no other file: scripts, styles and icons are inline', () => {
    const page = html();
    expect(page).not.toMatch(/<script\b[^>]*\bsrc=/);
    expect(page).not.toMatch(/<link\b[^>]*\brel="(stylesheet|modulepreload|manifest)"/);
    expect(page).toMatch(/<link rel="icon" href="data:image\/svg\+xml;base64,/);
    expect(page).toContain('<script type="module">');
  });

  it('carries every built-in scenario', () => {
    const page = html();
    expect(scenarioIds.length).toBeGreaterThan(0);
    for (const id of scenarioIds) expect(page).toMatch(new RegExp(`\\\\?"id\\\\?":\\\\?"${id}\\\\?"`));
  });

  it('allows exactly its own inline script and style by hash, and no eval', () => {
    const page = html();
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const scripts = [...page.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => hash(m[1]!));
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => hash(m[1]!));
    expect(scripts.length).toBe(1);
    expect(policy).toContain(`script-src ${scripts.join(' ')};`);
    expect(policy).toContain(`style-src ${styles.join(' ')};`);
    expect(policy).not.toMatch(/unsafe-(eval|inline)/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
  });

  it('escapes text that would end the inline script early', () => {
    expect(escapeInlineScript('a="</script><!--";b=/<\\/SCRIPT/')).toBe('a="\\x3C/script>\\x3C!--";b=/<\\/SCRIPT/');
    expect(escapeInlineScript('x="</Script>"')).toBe('x="\\x3C/Script>"');
  });
});

describe('registering the service worker at start-up', () => {
  /** A fake browser whose worker goes through `states` once registered. */
  function fakeBrowser(states: ServiceWorkerState[], active = false) {
    const listeners = new Set<() => void>();
    const worker = {
      state: 'installing' as ServiceWorkerState,
      addEventListener: (_: string, listener: () => void) => listeners.add(listener),
      removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    };
    const register = vi.fn(async () => {
      setTimeout(() => {
        for (const state of states) {
          worker.state = state;
          listeners.forEach((l) => l());
        }
      });
      return { installing: worker, waiting: null, active: active ? {} : null };
    });
    return { register, navigator: { serviceWorker: { register } } as unknown as Navigator };
  }

  it('reports "installing" and then "ready" once the worker is active', async () => {
    const { register, navigator } = fakeBrowser(['installed', 'activating', 'activated']);
    const statuses: OfflineStatus[] = [];
    const result = await registerServiceWorker({ enabled: true, navigator, location: { protocol: 'https:' }, onStatus: (s) => statuses.push(s) });
    expect(register).toHaveBeenCalledWith('/sw.js', { scope: '/' });
    expect(statuses).toEqual(['installing', 'ready']);
    expect(result).toBe('ready');
  });

  it('reports "failed" when the worker cannot install', async () => {
    const { navigator } = fakeBrowser(['redundant']);
    expect(await registerServiceWorker({ enabled: true, navigator, location: { protocol: 'http:' } })).toBe('failed');
  });

  it('warns, without an error, when registration is refused', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const navigator = { serviceWorker: { register: async () => Promise.reject(new Error('refused')) } } as unknown as Navigator;
    expect(await registerServiceWorker({ enabled: true, navigator, location: { protocol: 'https:' } })).toBe('failed');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Offline use is not available'), expect.any(Error));
    warn.mockRestore();
  });

  it('does nothing from a file on disk, in a browser without service workers, or outside a production build', async () => {
    const { register, navigator } = fakeBrowser(['activated']);
    expect(await registerServiceWorker({ enabled: true, navigator, location: { protocol: 'file:' } })).toBe('unsupported');
    expect(await registerServiceWorker({ enabled: true, navigator: {} as Navigator, location: { protocol: 'https:' } })).toBe('unsupported');
    expect(await registerServiceWorker({ navigator, location: { protocol: 'https:' } })).toBe('unsupported');
    expect(register).not.toHaveBeenCalled();
  });
});
