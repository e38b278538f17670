/**
 * Importing never blocks the page. The check runs in a Web Worker with a time budget, and sizes are checked
 * before anything is parsed; these tests watch the page's long tasks (PerformanceObserver 'longtask') from
 * the moment the import screen is ready, and allow none over 50 ms while a looping file (two scenes whose
 * choices lead to each other: the analyser's worst case) or a 10 MB paste is imported. The page stays usable:
 * a looping check can be cancelled, and each case ends with a message in words.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** tests/fixtures/valid-call.json with a loop: "answer" leads back to "start", save for one way on. */
function loopingFile(): string {
  const data = JSON.parse(readFileSync('tests/fixtures/valid-call.json', 'utf8'));
  const choices = Object.values<{ target: string }>(data.machine.states.answer.on);
  for (const choice of choices.slice(1)) choice.target = 'start';
  return JSON.stringify(data, null, 2);
}

/**
 * Opens the import screen and, once it is ready, starts watching the page's thread: long tasks as the page
 * sees them (PerformanceObserver 'longtask', wall-clock time) and a DevTools trace of the same tasks with the
 * CPU time the page's thread spent in each. On this shared 2-CPU machine a task can take 50 ms of wall-clock
 * time while the thread waits for a CPU; a task is the import's only when the thread itself worked for 50 ms.
 */
async function openImport(page: Page): Promise<Watch> {
  await page.goto('/#/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import a scenario' })).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,blink.user_timing', transferMode: 'ReturnAsStream' });
  // The page's own start-up work is done: from here on, every task is the import's.
  await page.evaluate(() => {
    const tasks: LongTask[] = [];
    (window as unknown as { __longTasks: LongTask[] }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: Math.round(entry.startTime), duration: Math.round(entry.duration) });
    }).observe({ type: 'longtask' });
  });
  return { page, cdp };
}

interface Watch {
  page: Page;
  cdp: Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;
}

interface LongTask {
  start: number;
  duration: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/** Marks the moment the import starts (tasks before it are not counted). */
const markStart = (watch: Watch) => watch.page.evaluate(() => performance.mark('import-start'));

/**
 * The page's tasks since the mark: every long task the page saw (wall clock, ms), and those in which the
 * page's thread worked (CPU time) for more than 50 ms.
 */
async function tasksSinceStart(watch: Watch): Promise<{ longTasks: LongTask[]; busy: { wallMs: number; cpuMs: number }[] }> {
  const { page, cdp } = watch;
  const since = await page.evaluate(() => performance.getEntriesByName('import-start')[0]!.startTime);
  // One more frame, so that late long-task entries arrive.
  const all = await page.evaluate(
    () =>
      new Promise<LongTask[]>((resolve) =>
        requestAnimationFrame(() => setTimeout(() => resolve((window as unknown as { __longTasks: LongTask[] }).__longTasks), 100)),
      ),
  );
  const complete = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream! });
    text += chunk.data;
    if (chunk.eof) break;
  }
  const parsed = JSON.parse(text) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mark = events.find((e) => e.name === 'import-start');
  expect(mark, 'the start mark in the trace').toBeDefined();
  const busy = events
    .filter(
      (e) => e.pid === mark!.pid && e.tid === mark!.tid && e.name.endsWith('RunTask') && e.ts + (e.dur ?? 0) >= mark!.ts && (e.tdur ?? e.dur ?? 0) > 50_000,
    )
    .map((e) => ({ wallMs: Math.round((e.dur ?? 0) / 1000), cpuMs: Math.round((e.tdur ?? e.dur ?? 0) / 1000) }));
  const longTasks = all.filter((task) => task.start + task.duration >= since);
  test.info().annotations.push({ type: 'long tasks seen by the page (wall clock)', description: JSON.stringify(longTasks) });
  return { longTasks, busy };
}

const fileInput = (page: Page) => page.getByLabel('Choose a scenario file, or drop one here');

test('a looping file is checked without blocking the page, and ends with a message in words', async ({ page }) => {
  test.setTimeout(60_000);
  const watch = await openImport(page);
  await markStart(watch);
  await fileInput(page).setInputFiles({ name: 'loop.json', mimeType: 'application/json', buffer: Buffer.from(loopingFile()) });
  await expect(page.getByRole('status')).toHaveText('Checking the file “loop.json”…');
  // While the worker checks, the page answers: the Cancel button is there and takes focus.
  await page.getByRole('button', { name: 'Cancel' }).focus();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // Either the analysis ran past its budget and was stopped, or it finished: both are said in words.
  const heading = page.getByRole('heading', {
    name: /^The file “loop\.json” (could not be checked: the analysis took longer than 5 seconds\.|is valid|cannot be imported)/,
  });
  await expect(heading).toBeVisible({ timeout: 20_000 });
  if (/took longer/.test((await heading.textContent()) ?? '')) {
    await expect(page.getByText(/This usually means a loop .* or a very large scenario\./)).toBeVisible();
  }
  expect((await tasksSinceStart(watch)).busy, 'tasks in which the page worked over 50 ms').toEqual([]);
});

test('a check in progress can be cancelled, and the next file is checked', async ({ page }) => {
  test.setTimeout(60_000);
  const watch = await openImport(page);
  await markStart(watch);
  await fileInput(page).setInputFiles({ name: 'loop.json', mimeType: 'application/json', buffer: Buffer.from(loopingFile()) });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toHaveText('Stopped checking the file “loop.json”. Nothing was saved.');
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await fileInput(page).setInputFiles({ name: 'call.json', mimeType: 'application/json', buffer: readFileSync('tests/fixtures/valid-call.json') });
  await expect(page.getByRole('heading', { name: /^The file “call\.json” is valid/ })).toBeVisible({ timeout: 20_000 });
  expect((await tasksSinceStart(watch)).busy, 'tasks in which the page worked over 50 ms').toEqual([]);
});

test('a 10 MB paste is refused at once, without blocking the page', async ({ page }) => {
  test.setTimeout(60_000);
  const watch = await openImport(page);
  const box = page.getByLabel("Or paste the file's text");
  // The clipboard's content is made in a task of its own (it is not the import's work)...
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', `{"title": "${'x'.repeat(10 * 1024 * 1024)}"}`);
    (window as unknown as { __clipboard: DataTransfer }).__clipboard = data;
  });
  await markStart(watch);
  // ...and pasted in another, as the browser does when the person presses Ctrl+V.
  await box.evaluate((element) =>
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: (window as unknown as { __clipboard: DataTransfer }).__clipboard, bubbles: true, cancelable: true }),
    ),
  );
  await expect(page.getByRole('heading', { name: 'The pasted text cannot be imported: 1 problem.' })).toBeFocused();
  await expect(page.getByRole('list', { name: 'Problems' })).toHaveText(/the text:\s+is at least 10\.0 MB; the largest file that can be imported is 400 KB/);
  await expect(box).toHaveValue('');
  expect((await tasksSinceStart(watch)).busy, 'tasks in which the page worked over 50 ms').toEqual([]);
});
