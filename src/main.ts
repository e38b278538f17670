import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/app.css';
import { registerServiceWorker } from './pwa/register.ts';
import { findScormApi, launchSettings } from './lib/learning/scorm/launch.ts';
import { whenIdle } from './lib/ui/schedule.ts';

/** The single file packaged for an LMS (npm run build:scorm): when an LMS launched it, report to it; without one, nothing changes. */
async function lmsProps() {
  const lms = findScormApi(window, launchSettings(document).version);
  return (lms && (await import('./lib/learning/scorm/start.ts')).startScorm(lms, window)) || {};
}

mount(App, { target: document.getElementById('app')!, props: import.meta.env.MODE === 'single' ? await lmsProps() : {} });
// Registering (and, on later visits, the worker's update check) waits until the first screen is up.
whenIdle(() => void registerServiceWorker(), 2000);
