/**
 * Every screen and state a player reaches, checked with axe-core (WCAG 2.0–2.2 A and AA, colour contrast
 * included) on a phone (390×844) in the light scheme and on a projector (1920×1080) in the dark scheme,
 * with zero violations allowed, and for sideways scrolling at 360 px. Each state is also saved as a
 * full-page screenshot on a phone, a laptop (1366×768) and a projector under test-results/screenshots/
 * (e.g. `debrief-390x844.png`) for review.
 */
import { encodeShare } from '../../src/lib/share/link.ts';
import { sceneChoiceEvents } from '../../src/lib/engine/playthrough.ts';
import { expect, test } from './fixtures.ts';
import { checkScreen, fork, OUTCOME_INFO, openScenario, outcomeHeading, plan, playMoves, scenario, startPlaying, stepLine } from './support.ts';

test.use({ serviceWorkers: 'block' });

const phoneScreen = scenario('phone-screen');

test.describe.configure({ timeout: 120_000 }); // each checkScreen() takes screenshots and runs axe at three sizes

test('library, scenario screen, and play in coach mode with feedback and undo', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Other Side of the Desk' })).toBeVisible();
  // On a phone, twelve scenarios fit in two screens: each card's facts (time, a 2×2 per seat, the workshop) on one line.
  await page.setViewportSize({ width: 390, height: 844 });
  const cards = page
    .getByRole('region', { name: 'Scenarios' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3 }) });
  await expect(cards).toHaveCount(12);
  const lastBottom = await cards.last().evaluate((card) => card.getBoundingClientRect().bottom + window.scrollY);
  expect(lastBottom, 'bottom of the twelfth card').toBeLessThanOrEqual(2 * 844);
  const first = cards.first();
  await expect(first.getByRole('link', { name: /^Run a workshop with “/ })).toHaveText('Workshop', { useInnerText: true });
  await expect(first.getByText('As the employer: 0 of 4 outcomes found')).toHaveCSS('position', 'absolute');
  await checkScreen(page, 'library');

  await openScenario(page, phoneScreen);
  await checkScreen(page, 'scenario');

  const run = plan(phoneScreen, 'candidate', 'mutualFit')!;
  await startPlaying(page, 'coach', 'candidate');
  const firstChoice = run.moves.findIndex((m) => m.kind === 'choose');
  await playMoves(page, [...run.moves.slice(0, firstChoice + 1), run.moves[firstChoice + 1]!]);
  await expect(page.getByRole('complementary', { name: 'Coach' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo my last choice' })).toBeVisible();
  await checkScreen(page, 'play-coach');
});

test('the "How it works" page, from the library', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'How it works' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'How it works' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Four outcomes' }).getByRole('listitem')).toHaveCount(4);
  await checkScreen(page, 'how-it-works');
});

test('play in realistic mode, the debrief, a branched run with its comparison, and the library with progress', async ({ page }) => {
  const { first, second, at } = fork(phoneScreen, 'employer');
  await page.goto('/');
  await openScenario(page, phoneScreen);
  await startPlaying(page, 'realistic', 'employer');
  await playMoves(page, first.moves.slice(0, 3));
  await expect(stepLine(page)).toHaveText(/Realistic mode · step 4$/);
  await checkScreen(page, 'play-realistic');

  await playMoves(page, first.moves.slice(3), 4);
  await expect(outcomeHeading(page, first.outcome)).toBeVisible();
  await checkScreen(page, 'debrief');

  await page.getByRole('button', { name: `Rewind to step ${at + 1} and choose differently` }).click();
  await playMoves(page, second.moves.slice(at), at + 1);
  await expect(page.getByRole('heading', { name: 'The road not taken: your two runs compared' })).toBeVisible();
  await checkScreen(page, 'comparison');

  // An unfinished run too, so the library shows both "carry on" and the history.
  await page.getByRole('link', { name: 'Back to the library' }).click();
  await openScenario(page, phoneScreen);
  await startPlaying(page, 'realistic', 'candidate');
  await page.getByRole('link', { name: '← Library' }).click();
  await expect(page.getByRole('heading', { name: 'Carry on where you left off' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your finished runs' }).getByRole('listitem')).toHaveCount(2);
  await checkScreen(page, 'library-progress');

  await page.getByRole('button', { name: 'Erase my progress…' }).click();
  await expect(page.getByRole('button', { name: 'Erase everything' })).toBeVisible();
  await checkScreen(page, 'library-erase');
});

test('pass-and-play: the hand-over and a player’s turn with a private note', async ({ page }) => {
  await page.goto('/');
  await openScenario(page, phoneScreen);
  await startPlaying(page, 'coach', 'both');
  const handover = page.getByRole('heading', { name: `Pass the device to ${phoneScreen.cast.employer.name}, the employer` });
  await expect(handover).toBeVisible();
  await checkScreen(page, 'handover');
  await page.getByRole('button', { name: `I am ${phoneScreen.cast.employer.name}: show my turn` }).click();
  await expect(page.getByText('Only you can see this:', { exact: true })).toBeVisible();
  await checkScreen(page, 'play-pass-and-play');
});

test('a shared run, with the notice that the scenario has changed since', async ({ page }) => {
  const run = plan(phoneScreen, 'candidate', 'employerDeclines')!;
  const picks = run.path.filter((step) => step.by === 'player').map((step) => sceneChoiceEvents(phoneScreen.machine.states[step.scene]!).indexOf(step.event));
  // The link says the run ended differently when it was made, as if the scenario had changed since.
  const code = encodeShare({ scenarioId: phoneScreen.id, seat: 'candidate', picks, outcome: 'mutualFit' });
  await page.goto(`/#/replay/${code}`);
  await expect(outcomeHeading(page, 'employerDeclines')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'The scenario has changed since this link was made' })).toHaveText(
    `The scenario has changed since this link was made: the run ended “${OUTCOME_INFO.mutualFit.title}” then, and ends “${OUTCOME_INFO.employerDeclines.title}” now.`,
  );
  await checkScreen(page, 'shared-run');
});

test('message screens: a page that does not exist, a damaged link, and damaged saved data', async ({ page }) => {
  await page.goto('/#/nowhere');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await checkScreen(page, 'message-not-found');

  await page.goto('/#/replay/1.phone');
  await expect(page.getByRole('heading', { level: 1, name: 'This link cannot be opened' })).toBeVisible();
  await checkScreen(page, 'message-bad-link');

  await page.evaluate(() => localStorage.setItem('osotd:v1:discovered', 'not json at all'));
  await page.goto('/');
  await expect(page.getByRole('alert').filter({ hasText: 'About your saved progress' })).toContainText(
    'The outcomes you have discovered could not be read (it is not valid JSON). It was set aside, not deleted',
  );
  await checkScreen(page, 'notice-damaged-data');
});

test('"Your data", from the notice about damaged saved data: what was set aside, to download or restore', async ({ page }) => {
  await page.goto('/#/your-data');
  await expect(page.getByRole('region', { name: 'Set aside' })).toContainText('Nothing has been set aside.');
  await page.evaluate(() => localStorage.setItem('osotd:v1:discovered', 'not json at all'));
  await page.goto('/');
  await page.getByRole('alert').filter({ hasText: 'About your saved progress' }).getByRole('link', { name: 'Your data' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your data' })).toBeVisible();
  const item = page.getByRole('region', { name: 'Set aside' }).getByRole('listitem');
  await expect(item).toContainText('The outcomes you have discovered');
  await expect(item.getByRole('button', { name: /^Download/ })).toBeVisible();
  await item.getByRole('button', { name: /^Try to restore/ }).click();
  await expect(page.getByRole('status')).toContainText('still cannot be read: it is not valid JSON.');
  await checkScreen(page, 'your-data');
});

test('the scenario map, from the scenario screen and with the run’s path on the debrief', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/');
  await openScenario(page, phoneScreen);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('link', { name: 'See its map' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Map: ${phoneScreen.title}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Map/ })).toHaveCount(1);
  // It opens at actual size on the start scene, whole on a phone's screen, named by who speaks and the first words.
  const initial = phoneScreen.machine.states[phoneScreen.machine.initial]!;
  const start = page.getByRole('button', { name: new RegExp(`Scene id: ${phoneScreen.machine.initial}\\.$`) });
  await expect(start).toHaveText(new RegExp(`^${phoneScreen.cast[initial.meta.speaker]?.name ?? 'Narrator'}: ${initial.meta.text[0]!.slice(0, 8)}`));
  await expect(page.getByText('100%', { exact: true })).toBeVisible();
  const box = (await start.boundingBox())!;
  expect(box.x, 'start scene not cut off on the left').toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, 'start scene not cut off on the right').toBeLessThanOrEqual(390);
  // Its choices are labelled on its arrows while it has keyboard focus, and an arrow's under the pointer.
  const labels = page.locator('.edge-labels text');
  const firstLabel = Object.values(initial.on ?? {}).find((t) => !Array.isArray(t) && 'meta' in t) as { meta: { label: string } };
  await page.mouse.move(0, 0);
  await start.focus();
  await expect(labels.first()).toBeVisible();
  await expect(labels).toContainText([firstLabel.meta.label.slice(0, 20)]);
  await start.blur();
  await expect(labels).toHaveCount(0);
  // Point at the middle of the first arrow's line (the middle of its box can lie off a curved line).
  const middle = await page
    .locator('.edge-hit')
    .first()
    .evaluate((path: SVGPathElement) => {
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      const m = path.getScreenCTM()!;
      return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
    });
  await page.mouse.move(middle.x, middle.y);
  await expect(labels.first()).toBeVisible();
  await checkScreen(page, 'map', []);

  const run = plan(phoneScreen, 'candidate', 'noFit')!;
  await page.goto(`/#/scenario/${phoneScreen.id}`);
  await startPlaying(page, 'realistic', 'candidate');
  await playMoves(page, run.moves);
  await expect(outcomeHeading(page, 'noFit')).toBeVisible();
  await page.getByText('See your path on the scenario map').click();
  await expect(page.getByRole('heading', { level: 3, name: `Map of “${phoneScreen.title}”` })).toBeVisible();
  await checkScreen(page, 'debrief-map', []);
});
