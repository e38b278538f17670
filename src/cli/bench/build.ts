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

export function buildForBench(): Builds {
  const root = mkdtempSync(join(tmpdir(), 'osotd-bench-'));
  const builds = { root, app: join(root, 'dist'), single: join(root, 'dist-single') };
  const appMs = viteBuild(builds.app);
  const singleMs = viteBuild(builds.single, 'single');
  console.log(`  built the app in ${(appMs / 1000).toFixed(1)} s and the single file in ${(singleMs / 1000).toFixed(1)} s (into ${root})`);
  return builds;
}
