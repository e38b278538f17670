/**
 * Before the browser tests: empty test-results/screenshots/, so the screenshots there are exactly this
 * run's screens (see checkScreen() in support.ts); build the single file the single-file and SCORM tests share.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { SCREENSHOT_DIR } from './screenshot-dir.ts';
import { buildSingleFile } from './single-build.ts';

export default function globalSetup(): void {
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // The single-file build, shared by the single-file and SCORM tests (see single-build.ts).
  buildSingleFile();
}
