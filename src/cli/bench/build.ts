/** Builds the app (and the single file) for measuring, into a temporary folder. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Builds {
  root: string;
  /** `vite build` output: what `npm run build` produces. */
  app: string;
  /** `vite build --mode single` output: what `npm run build:single` produces. */
  single: string;
}

function viteBuild(outDir: string, mode?: string): number {
  const args = ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn', ...(mode ? ['--mode', mode] : [])];
  const started = performance.now();
  const result = spawnSync('npx', args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`vite build${mode ? ` --mode ${mode}` : ''} failed`);
  return performance.now() - started;
}

/** Builds the app, and the single file unless `single` is false (only the sizes need it). */
export function buildForBench(single = true): Builds {
  const root = mkdtempSync(join(tmpdir(), 'osotd-bench-'));
  const builds = { root, app: join(root, 'dist'), single: join(root, 'dist-single') };
  const appMs = viteBuild(builds.app);
  const singleMs = single ? viteBuild(builds.single, 'single') : undefined;
  const singleWords = singleMs === undefined ? '' : ` and the single file in ${(singleMs / 1000).toFixed(1)} s`;
  console.log(`  built the app in ${(appMs / 1000).toFixed(1)} s${singleWords} (into ${root})`);
  return builds;
}
