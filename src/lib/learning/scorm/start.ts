/**
 * The SCORM runtime, loaded only when an LMS launched the page (`launch.ts` found its API): opens the
 * session, puts back the run the LMS kept (so the learner resumes where they left, even on another
 * device), opens the package's scenario or that run, and ends the session when the page goes away.
 *
 *     const lms = findScormApi(window, launchSettings(document).version);
 *     const props = lms ? startScorm(lms, window) : undefined; // { saved, learning } for App
 */
import { SavedData } from '../../state/saved.svelte.ts';
import { ScormConnection } from './connection.ts';
import { launchSettings, type FoundApi } from './launch.ts';
import { ScormReporter } from './scorm-reporter.ts';

/** The app's saved data and the reporter the run screen tells about each run. */
export interface ScormStart {
  saved: SavedData;
  learning: ScormReporter;
}

/** Start reporting to the LMS; undefined when it refuses to initialise (the app then runs as without one). */
export function startScorm(found: FoundApi, win: Window, saved: SavedData = new SavedData()): ScormStart | undefined {
  const lms = new ScormConnection(found);
  if (!lms.initialize()) return undefined;
  const learning = new ScormReporter(lms);
  const suspended = learning.start();
  const atHome = win.location.hash === '' || win.location.hash === '#' || win.location.hash === '#/';
  if (suspended) {
    // The LMS's copy wins unless this browser has a later one of the same run.
    const local = saved.run(suspended.id);
    if (!local || local.updatedAt <= suspended.updatedAt) saved.saveRun(suspended);
    if (atHome) win.location.hash = `#/run/${suspended.id}`;
  } else {
    const { scenario } = launchSettings(win.document);
    if (scenario && atHome) win.location.hash = `#/scenario/${scenario}`;
  }
  win.addEventListener('pagehide', () => learning.end());
  return { saved, learning };
}
