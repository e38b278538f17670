/**
 * A built-in scenario's commentary comes in two chunks of its own: the coach's part (feedback, reasons),
 * fetched once a coach-mode run's first scene is shown, and the debrief's part (the other side's thoughts,
 * the facilitator's notes), fetched with the debrief's code once the run is under way and the coach's part is
 * in. The first scene
 * comes without either; a choice made before the coach's part has arrived waits for it, so the coach never
 * shows a missing note; realistic mode never fetches the coach's part; and nothing the other side privately
 * thought is shown while the run is played.
 */
import type { Page } from '@playwright/test';
import { axeViolations, expect, test } from './fixtures.ts';
import { OUTCOMES, openScenario, outcomeHeading, plan, playMoves, scenario, startPlaying, stepLine, type Plan } from './support.ts';

// The page's own requests, not the service worker's cache, so that a part can be held back.
test.use({ serviceWorkers: 'block' });

const part = (id: string, name: 'coach' | 'notes') => new RegExp(`/assets/${id}-${name}-[\\w-]+\\.js$`);

/** Every request for a scenario's chunks, by part, as the page makes them. */
function watchParts(page: Page, id: string) {
  const asked = { coach: 0, notes: 0 };
  page.on('request', (request) => {
    if (part(id, 'coach').test(request.url())) asked.coach++;
    if (part(id, 'notes').test(request.url())) asked.notes++;
  });
  return asked;
}

test('a choice made before the coach’s notes have arrived waits for them (the debrief’s part is not asked for meanwhile), then the coach explains it; no thoughts during play', async ({
  page,
}) => {
  const s = scenario('adjustment-request');
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const asked = watchParts(page, s.id);
  await page.route(part(s.id, 'coach'), async (route) => {
    await held;
    await route.continue();
  });
  const playChunk = page.waitForResponse(/\/assets\/adjustment-request-(?!coach|notes)[\w-]+\.js$/);

  // Straight to a new run (coach mode, the default), as a shared link or the benchmark opens it.
  await page.goto(`/#/play/${s.id}/employer`);
  await expect(stepLine(page)).toHaveText(/Coach mode · step 1$/);
  const choices = page.getByRole('region', { name: /, what do you do\?$/ }).getByRole('button');
  const label = (await choices.first().innerText()).replace(/^\d+\s*/, '').trim();
  const choice = Object.values(s.machine.states[s.machine.initial]!.on ?? {}).find((c) => 'meta' in c && c.meta.label === label);
  expect(choice && 'meta' in choice, `“${label}” is a choice of the first scene`).toBe(true);
  const { feedback, thoughts } = (choice as { meta: { feedback: string; thoughts: string } }).meta;

  // What play loaded holds no commentary; the coach's part was asked for once the scene was there.
  const text = await (await playChunk).text();
  expect(text).not.toContain(JSON.stringify(feedback).slice(1, -1));
  expect(text).not.toContain(JSON.stringify(thoughts).slice(1, -1));
  await expect.poll(() => asked.coach).toBe(1);

  // The number key waits while the coach's part is held back…
  await page.keyboard.press('1');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await expect(stepLine(page)).toHaveText(/step 1$/);
  // Nor does the debrief's part compete with it on a slow network: even once the page is idle, it waits.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve))));
  expect(asked.notes).toBe(0);
  // …and goes through once it is in: the coach shows the choice's feedback, and none of the thoughts.
  release();
  await expect(stepLine(page)).toHaveText(/step 2$/);
  await expect.poll(() => asked.notes).toBe(1);
  await expect(page.getByRole('complementary', { name: 'Coach' })).toContainText(feedback);
  await expect(page.getByText(thoughts, { exact: false })).toHaveCount(0);
});

test('realistic mode plays to the end with none of the commentary; the debrief waits for it, then shows the other side’s thoughts', async ({ page }) => {
  const s = scenario('scheduling');
  const route = OUTCOMES.map((outcome) => plan(s, 'candidate', outcome)).find((p): p is Plan => p !== undefined)!;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  for (const name of ['coach', 'notes'] as const) {
    await page.route(part(s.id, name), async (r) => {
      await held;
      await r.continue();
    });
  }
  const asked = watchParts(page, s.id);
  await page.goto('/');
  await openScenario(page, s);
  await startPlaying(page, 'realistic', 'candidate');
  // Every move goes through while both parts are held back: realistic mode explains nothing during play.
  await playMoves(page, route.moves);
  await expect(page.getByRole('status')).toHaveText('Loading the debrief…');

  release();
  await expect(outcomeHeading(page, route.outcome)).toBeVisible();
  expect(asked).toEqual({ coach: 1, notes: 1 });
  // The debrief quotes what the employer privately thought of a choice the candidate made.
  const chosen = route.path.find((step) => step.by === 'player')!;
  const { thoughts } = (s.machine.states[chosen.scene]!.on![chosen.event] as { meta: { thoughts: string } }).meta;
  await expect(page.getByText(thoughts, { exact: false }).first()).toBeAttached();
});

test('when the debrief’s notes fail to load during play (a network blip), the run’s end asks for them again', async ({ page, problems }) => {
  const s = scenario('scheduling');
  const route = OUTCOMES.map((outcome) => plan(s, 'candidate', outcome)).find((p): p is Plan => p !== undefined)!;
  let failures = 0;
  await page.route(part(s.id, 'notes'), async (r) => {
    if (failures++ === 0) await r.abort('internetdisconnected');
    else await r.continue();
  });
  await page.goto('/');
  await openScenario(page, s);
  await startPlaying(page, 'realistic', 'candidate');
  await expect.poll(() => failures, { message: 'the notes were asked for while playing, and failed' }).toBeGreaterThan(0);
  await playMoves(page, route.moves);
  await expect(outcomeHeading(page, route.outcome)).toBeVisible();
  expect(failures).toBe(2);
  // The one console error is the browser's own line about the request that failed; nothing else went wrong.
  expect(problems.console).toEqual([expect.stringMatching(/^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/)]);
  problems.console.length = 0;
});

test('when the coach’s notes fail to load, the run says so in words and the next choice asks for them again', async ({ page, problems }) => {
  const s = scenario('adjustment-request');
  let requests = 0;
  await page.route(part(s.id, 'coach'), async (r) => {
    if (requests++ === 0) await r.abort('internetdisconnected');
    else await r.continue();
  });
  await page.goto(`/#/play/${s.id}/employer`);
  await expect(page.getByRole('alert')).toContainText('The coach’s notes could not be loaded');
  await expect(stepLine(page)).toHaveText(/Coach mode · step 1$/);
  expect(await axeViolations(page)).toEqual([]);

  const first = page
    .getByRole('region', { name: /, what do you do\?$/ })
    .getByRole('button')
    .first();
  const label = (await first.innerText()).replace(/^\d+\s*/, '').trim();
  const choice = Object.values(s.machine.states[s.machine.initial]!.on ?? {}).find((c) => 'meta' in c && c.meta.label === label) as {
    meta: { feedback: string };
  };
  await first.click();
  await expect(stepLine(page)).toHaveText(/step 2$/);
  await expect(page.getByRole('complementary', { name: 'Coach' })).toContainText(choice.meta.feedback);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(requests).toBe(2);
  expect(problems.console).toEqual([expect.stringMatching(/^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/)]);
  problems.console.length = 0;
});
