/**
 * Before the browser tests: empty test-results/screenshots/, so the screenshots there are exactly this
 * run's screens (see checkScreen() in support.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { SCREENSHOT_DIR } from './screenshot-dir.ts';

export default function globalSetup(): void {
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
}
