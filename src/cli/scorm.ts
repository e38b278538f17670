/**
 * `npm run build:scorm`: packages the single-file build as SCORM 1.2 and SCORM 2004 (4th edition) zips
 * for a learning management system (see docs/lms.md).
 *
 *     npm run build:scorm                                  # the whole library, one package per version
 *     npm run build:scorm -- --scenario phone-screen       # one scenario (repeat the option for more)
 *     npm run build:scorm -- --each                        # one package per scenario
 *     npm run build:scorm -- --version 2004 --out packages # only SCORM 2004, into packages/
 *     npm run build:scorm -- --single dist-single/index.html   # reuse a single-file build
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ScormVersion } from '../lib/learning/scorm/launch.ts';
import { validateScenarioText } from '../lib/engine/validate.ts';
import { scenarioFiles } from './library.ts';
import { packageFileName, scormPackage, type PackageTarget } from './scorm/package.ts';
import { SINGLE_FILE_OUT_DIR } from '../build/single-file-plugin.ts';

const USAGE = 'usage: npm run build:scorm -- [--scenario <id>]… [--each] [--version 1.2|2004] [--out <dir>] [--single <index.html>]';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', multiple: true },
    each: { type: 'boolean' },
    version: { type: 'string', multiple: true },
    out: { type: 'string', default: 'dist-scorm' },
    single: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(1);
}

const versions = (values.version ?? ['1.2', '2004']).map((v) => (v === '1.2' || v === '2004' ? (v as ScormVersion) : fail(`Unknown SCORM version "${v}".`)));

const library = scenarioFiles().map((file) => {
  const result = validateScenarioText(readFileSync(file, 'utf8'));
  if (!result.ok) fail(`${file} is not a valid scenario: run "npm run scenarios ${file}".`);
  return result.scenario;
});
const byId = new Map(library.map((s) => [s.id, s]));

const targets: PackageTarget[] = values.each
  ? library.map((s) => ({ name: s.id, title: s.title, scenario: s.id }))
  : values.scenario
    ? values.scenario.map((id) => {
        const found = byId.get(id) ?? fail(`There is no scenario "${id}" in scenarios/ (there are: ${[...byId.keys()].join(', ')}).`);
        return { name: found.id, title: found.title, scenario: found.id };
      })
    : [{ name: 'library', title: 'Other Side of the Desk: interview practice' }];

let single = values.single;
if (!single) {
  const build = spawnSync('npx', ['vite', 'build', '--mode', 'single', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) fail('The single-file build (vite build --mode single) failed.');
  single = join(SINGLE_FILE_OUT_DIR, 'index.html');
}
const html = readFileSync(single, 'utf8');

mkdirSync(values.out, { recursive: true });
for (const target of targets) {
  for (const version of versions) {
    const file = join(values.out, packageFileName(target, version));
    const zip = scormPackage(html, target, version);
    writeFileSync(file, zip);
    console.log(`wrote ${file} (${(zip.length / 1000).toFixed(1)} kB): ${target.title}, SCORM ${version === '1.2' ? '1.2' : '2004 4th edition'}`);
  }
}
