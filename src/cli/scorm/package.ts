/**
 * A SCORM package: a zip with `imsmanifest.xml` at its root and the app's single HTML file as the SCO,
 * told its SCORM version and scenario by a meta tag (`launch.ts` reads it). Pure: the command line
 * (`src/cli/scorm.ts`) reads the built file and writes the zips.
 */
import { strToU8, zipSync } from 'fflate';
import { LAUNCH_META, type ScormVersion } from '../../lib/learning/scorm/launch.ts';
import { scormManifest, xmlEscape } from './manifest.ts';

/** The SCO's file name inside a package. */
export const SCO_FILE = 'index.html';

/** What one package holds: the whole library, or one scenario (which it opens at). */
export interface PackageTarget {
  /** Used in the package's identifier and file name. */
  name: string;
  title: string;
  /** The scenario the package opens at; none for the whole library. */
  scenario?: string;
}

/** The single file with the package's launch settings in a meta tag (a meta tag needs no change to the page's CSP). */
export function withLaunchSettings(html: string, version: ScormVersion, scenario?: string): string {
  const content = `version=${version}${scenario ? `; scenario=${scenario}` : ''}`;
  const meta = `<meta name="${LAUNCH_META}" content="${xmlEscape(content)}">`;
  if (!/<head>/i.test(html)) throw new Error('The single file has no <head>.');
  return html.replace(/<head>/i, `<head>\n    ${meta}`);
}

/** The package's file name, e.g. `phone-screen-scorm2004.zip`. */
export function packageFileName(target: PackageTarget, version: ScormVersion): string {
  return `${target.name}-scorm${version === '1.2' ? '12' : '2004'}.zip`;
}

/** The zip of a package: the manifest and the SCO, compressed (level 9; the page is text). */
export function scormPackage(html: string, target: PackageTarget, version: ScormVersion): Uint8Array {
  const manifest = scormManifest({
    version,
    identifier: `osotd-${target.name}-scorm${version === '1.2' ? '12' : '2004'}`,
    title: target.title,
    href: SCO_FILE,
    files: [SCO_FILE],
  });
  // A fixed date, so the same build gives the same bytes.
  const mtime = new Date('2026-01-01T00:00:00Z');
  return zipSync(
    {
      'imsmanifest.xml': [strToU8(manifest), { mtime }],
      [SCO_FILE]: [strToU8(withLaunchSettings(html, version, target.scenario)), { mtime }],
    },
    { level: 9 },
  );
}
