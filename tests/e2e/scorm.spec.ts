/**
 * The SCORM packages (`npm run build:scorm`) in a test LMS: a page that provides the SCORM runtime API
 * with scorm-again (a real implementation of SCORM 1.2 and 2004) and launches the package's SCO in a
 * frame, as an LMS does. Everything is served from the zip itself through Playwright's routing, on an
 * origin of its own. The LMS keeps its data (the CMI) in sessionStorage at every commit, like a server.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { SINGLE_FILE } from './single-build.ts';
import { outcomeHeading, plan, playMoves, scenario, startPlaying, stepLine, type Plan } from './support.ts';
import { scormPackage, SCO_FILE, type PackageTarget } from '../../src/cli/scorm/package.ts';
import type { ScormVersion } from '../../src/lib/learning/scorm/launch.ts';

const require = createRequire(import.meta.url);
// The browser build (`window.Scorm12API`, `window.Scorm2004API`), minified.
const SCORM_AGAIN = readFileSync(join(dirname(require.resolve('scorm-again')), 'scorm-again.min.js'), 'utf8');
const LMS = 'http://lms.test';

const LMS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title><script src="/scorm-again.js"></script></head>
<body><main>
<script>
  const version = new URLSearchParams(location.search).get('v');
  const api = version === '1.2' ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
  const kept = sessionStorage.getItem('cmi');
  if (kept) api.loadFromJSON(JSON.parse(kept).cmi);
  api.on(version === '1.2' ? 'LMSCommit' : 'Commit', () => sessionStorage.setItem('cmi', JSON.stringify(api.renderCMIToJSONObject())));
  window[version === '1.2' ? 'API' : 'API_1484_11'] = api;
  window.lms = api;
  const frame = document.createElement('iframe');
  frame.title = 'Course';
  frame.style.cssText = 'width: 100%; height: 90vh; border: 0';
  frame.src = '/sco/${SCO_FILE}';
  document.querySelector('main').append(frame);
</script>
</main></body></html>`;

/** Serve the test LMS and a package's files (read from its zip) on the LMS's origin; open the LMS. */
async function openLms(page: Page, target: PackageTarget, version: ScormVersion): Promise<void> {
  const zip = unzipSync(scormPackage(readFileSync(SINGLE_FILE, 'utf8'), target, version));
  expect(Object.keys(zip).sort()).toEqual(['imsmanifest.xml', SCO_FILE]);
  await page.route(`${LMS}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/lms.html') return route.fulfill({ contentType: 'text/html', body: LMS_PAGE });
    if (path === '/scorm-again.js') return route.fulfill({ contentType: 'text/javascript', body: SCORM_AGAIN });
    const file = zip[path.replace(/^\/sco\//, '')];
    return file ? route.fulfill({ contentType: 'text/html', body: strFromU8(file) }) : route.fulfill({ status: 404 });
  });
  await page.goto(`${LMS}/lms.html?v=${version}`);
}

/** What the LMS holds (scorm-again's CMI as JSON). */
async function cmi(page: Page): Promise<any> {
  return page.evaluate(() => (window as any).lms.renderCMIToJSONObject().cmi);
}

/** The interactions a plan's choices should leave: scene and choice key, in order. */
function choicesOf(run: Plan): { id: string; response: string; label: string }[] {
  return run.path
    .filter((step) => step.by === 'player')
    .map((step) => ({
      id: `${run.scenario.id}/${step.scene}`,
      response: step.event.slice('choice.'.length),
      label: (run.scenario.machine.states[step.scene]!.on![step.event] as { meta: { label: string } }).meta.label,
    }));
}

test('SCORM 2004: a scenario package records each choice, completion and success, and resumes on another device', async ({ page }) => {
  // Short roads (8 and 5 steps), so the tests stay quick.
  const run = plan(scenario('recruiter-middle'), 'employer', 'mutualFit')!;
  await openLms(page, { name: run.scenario.id, title: run.scenario.title, scenario: run.scenario.id }, '2004');
  const course = page.frameLocator('iframe[title="Course"]') as unknown as Page;
  // The package opens at its scenario.
  await expect(course.getByRole('heading', { level: 1, name: run.scenario.title })).toBeVisible();
  await startPlaying(course, 'realistic', run.seat);
  const cut = run.moves.findIndex((move) => move.kind === 'choose') + 1;
  await playMoves(course, run.moves.slice(0, cut));
  await expect(stepLine(course)).toHaveText(new RegExp(`step ${cut + 1}$`));
  const scene = course.getByRole('article').first();
  const reached = (await scene.textContent()) ?? '';
  let held = await cmi(page);
  expect(held.completion_status).toBe('incomplete');
  expect(Object.keys(held.interactions)).toHaveLength(1);

  // Another device: nothing saved in this browser; the LMS's suspend data brings the run back.
  await page.evaluate(() => Object.keys(localStorage).forEach((key) => key.startsWith('osotd:') && localStorage.removeItem(key)));
  await page.reload();
  await expect(scene).toHaveText(reached);
  expect((await cmi(page)).exit).toBe('suspend');
  await playMoves(course, run.moves.slice(cut), cut + 1);
  await expect(outcomeHeading(course, 'mutualFit')).toBeVisible();

  held = await cmi(page);
  const expected = choicesOf(run);
  const interactions = Object.values(held.interactions) as any[];
  expect(interactions.map((i) => ({ id: i.id, response: i.learner_response, label: i.description }))).toEqual(expected);
  for (const interaction of interactions) {
    expect(interaction).toMatchObject({ type: 'choice', result: 'neutral' });
    expect(interaction.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,2})?Z$/);
  }
  expect(held).toMatchObject({ completion_status: 'completed', success_status: 'passed', location: expect.stringMatching(/^recruiter-middle\//) });
  expect(held.score).toMatchObject({ raw: '100', min: '0', max: '100', scaled: '1' });
  const suspended = JSON.parse(held.suspend_data);
  expect(suspended).toMatchObject({ v: 1, run: { scenarioId: 'recruiter-middle', seat: 'employer', outcome: 'mutualFit' } });
  expect(suspended.run.choices).toEqual(expected.map((c) => `choice.${c.response}`));
});

test('SCORM 1.2: the library package records a run that ends without a fit as failed', async ({ page }) => {
  const run = plan(scenario('adjustment-request'), 'employer', 'noFit')!;
  await openLms(page, { name: 'library', title: 'Other Side of the Desk' }, '1.2');
  const course = page.frameLocator('iframe[title="Course"]') as unknown as Page;
  // The library package opens at the library.
  await course.getByRole('link', { name: run.scenario.title, exact: true }).click();
  await startPlaying(course, 'realistic', run.seat);
  await playMoves(course, run.moves);
  await expect(outcomeHeading(course, 'noFit')).toBeVisible();

  const held = await cmi(page);
  const interactions = Object.values(held.interactions) as any[];
  expect(interactions.map((i) => ({ id: i.id, response: i.student_response }))).toEqual(choicesOf(run).map(({ id, response }) => ({ id, response })));
  for (const interaction of interactions) {
    expect(interaction).toMatchObject({ type: 'choice', result: 'neutral' });
    expect(interaction.time).toMatch(/^\d\d:\d\d:\d\d$/);
  }
  expect(held.core).toMatchObject({ lesson_status: 'failed', score: { raw: '0', min: '0', max: '100' } });
  expect(JSON.parse(held.suspend_data).run).toMatchObject({ scenarioId: 'adjustment-request', outcome: 'noFit' });
});
