/**
 * The single-file build (`vite build --mode single`) the browser tests share: built once by the global
 * setup into `<E2E_OUT>-single/` (so two test sessions side by side do not clash), and reused while it is
 * newer than every source file. `npm test` builds it beforehand and names the folder in OSOTD_SINGLE_BUILD.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A single-file build made beforehand (`npm test` builds once, into OSOTD_SINGLE_BUILD), used as it is. */
const PREBUILT = process.env.OSOTD_SINGLE_BUILD;
/** The folder of the shared single-file build. */
export const SINGLE_DIR = PREBUILT ?? `${process.env.E2E_OUT ?? 'dist'}-single`;
/** The built file. */
export const SINGLE_FILE = join(SINGLE_DIR, 'index.html');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

/** Build the single file unless a build newer than the sources is there already. */
export function buildSingleFile(): void {
  if (PREBUILT) return;
  const sources = Math.max(...['src', 'scenarios', 'public', 'index.html', 'vite.config.ts', 'package.json'].filter(existsSync).map(newest));
  if (existsSync(SINGLE_FILE) && statSync(SINGLE_FILE).mtimeMs > sources) return;
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|NODE_ENV$)/.test(key)));
  const build = spawnSync('npx', ['vite', 'build', '--mode', 'single', '--outDir', SINGLE_DIR, '--emptyOutDir', '--logLevel', 'error'], {
    env,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`The single-file build failed:\n${build.stderr}`);
}
