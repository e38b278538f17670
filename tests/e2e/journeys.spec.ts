/**
 * Journeys a person takes through the built app: resuming after a reload, pass-and-play, rewinding and
 * branching from the debrief, sharing a run, and the messages for bad links and damaged saved data.
 * Each plays real scenario files along paths the analyser finds, by clicking what a person would click.
 */
import type { Page } from '@playwright/test';
import { expect, test, watch } from './fixtures.ts';
import { fork, OUTCOME_INFO, openScenario, outcomeHeading, plan, playMoves, scenario, startPlaying, stepLine } from './support.ts';

const phoneScreen = scenario('phone-screen');

test('a run survives a reload mid-way and can be resumed from the library to its outcome', async ({ page }) => {
  const run = plan(phoneScreen, 'candidate', 'mutualFit')!;
  const done = 4;
  await page.goto('/');
  await openScenario(page, phoneScreen);
  await startPlaying(page, 'coach', 'candidate');
  await playMoves(page, run.moves.slice(0, done));
  await expect(stepLine(page)).toHaveText(/Coach mode · step 5$/);
  const scene = page.getByRole('article');
  const reached = (await scene.innerText()).trim();
  const coach = page.getByRole('complementary', { name: 'Coach' });
  await expect(coach).toBeVisible();

  await page.reload();
  await expect(stepLine(page)).toHaveText(/Coach mode · step 5$/);
  await expect(scene).toHaveText(reached);

  // From the library: the unfinished run is offered, and resuming it plays on from the same step.
  await page.getByRole('link', { name: '← Library' }).click();
  await expect(page.getByRole('heading', { name: 'Carry on where you left off' })).toBeVisible();
  await page.getByRole('link', { name: `Resume “${phoneScreen.title}”, as the candidate` }).click();
  await expect(stepLine(page)).toHaveText(/step 5$/);
  await expect(scene).toHaveText(reached);
  await playMoves(page, run.moves.slice(done), done + 1);
  await expect(outcomeHeading(page, 'mutualFit')).toBeVisible();

  // The finished run is in the history, and the seat now shows a fresh start.
  await page.getByRole('link', { name: 'Back to the library' }).click();
  await expect(page.getByRole('heading', { name: 'Carry on where you left off' })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: `“${phoneScreen.title}”, as the candidate: ${OUTCOME_INFO.mutualFit.title}` })).toBeVisible();
});

test('the scenario screen offers to resume an unfinished run or start again', async ({ page }) => {
  const run = plan(phoneScreen, 'employer', 'noFit')!;
  await page.goto('/');
  await openScenario(page, phoneScreen);
  await startPlaying(page, 'realistic', 'employer');
  await playMoves(page, run.moves.slice(0, 3));
  await page.getByRole('link', { name: '← Library' }).click();
  await openScenario(page, phoneScreen);
  await page.getByRole('button', { name: 'Resume as the employer (step 4)' }).click();
  await expect(stepLine(page)).toHaveText(/Realistic mode · step 4$/);
  await page.getByRole('link', { name: '← Library' }).click();
  await openScenario(page, phoneScreen);
  await page.getByRole('button', { name: 'Start again as the employer' }).click();
  await expect(stepLine(page)).toHaveText(/step 1$/);
});

test('pass-and-play: each hand-over hides the run until the next player says who they are, and private notes stay private', async ({ page }) => {
  const cast = phoneScreen.cast;
  await page.goto('/');
  await openScenario(page, phoneScreen);
  await page.getByRole('radio', { name: /^Realistic/ }).check();
  await page.getByRole('button', { name: 'Play with two players on one device' }).click();

  let handovers = 0;
  const seen = { employer: 0, candidate: 0 };
  for (let guard = 0; guard < 60; guard++) {
    const handover = page.getByRole('heading', { name: /^Pass the device to / });
    const choices = page.getByRole('heading', { name: /, what do you do\?$/ });
    const debrief = page.getByRole('heading', { level: 2, name: 'Step by step: what each side did and thought' });
    await expect(
      handover
        .or(choices)
        .or(page.getByRole('button', { name: 'Continue' }))
        .or(debrief)
        .first(),
    ).toBeVisible();
    if (await debrief.isVisible()) break;

    if (await handover.isVisible()) {
      handovers++;
      const side = (await handover.innerText()).endsWith('the employer') ? 'employer' : 'candidate';
      const other = side === 'employer' ? 'candidate' : 'employer';
      await expect(handover).toHaveText(`Pass the device to ${cast[side].name}, the ${side}`);
      // Nothing of the scene, the choices or anyone's notes is on screen during the hand-over.
      await expect(page.getByRole('article')).toHaveCount(0);
      await expect(choices).toHaveCount(0);
      await expect(page.getByText('Only you can see this:')).toHaveCount(0);
      await page.getByRole('button', { name: `I am ${cast[side].name}: show my turn` }).click();
      // The hand-over comes before the scenes that lead to their decision: they read those, then choose.
      const mine = page.getByRole('heading', { name: `${cast[side].name.split(' ')[0]}, what do you do?` });
      const onward = page.getByRole('button', { name: 'Continue', exact: true });
      for (let scenes = 0; scenes < 20; scenes++) {
        await expect(mine.or(onward)).toBeVisible();
        await expect(handover).toHaveCount(0);
        if (await mine.isVisible()) break;
        const before = await stepLine(page).innerText();
        await onward.click();
        await expect(stepLine(page)).not.toHaveText(before);
      }
      await expect(mine).toBeVisible();
      const scene = phoneScreen.machine.states[await currentScene(page)];
      const own = scene?.meta.asides?.[side];
      const theirs = scene?.meta.asides?.[other];
      if (own) {
        await expect(page.getByRole('article')).toContainText(own);
        seen[side]++;
      }
      if (theirs) await expect(page.locator('body')).not.toContainText(theirs);
      continue;
    }
    if (await choices.isVisible()) {
      await page
        .getByRole('region', { name: /, what do you do\?$/ })
        .getByRole('button')
        .first()
        .click();
    } else {
      await page.getByRole('button', { name: 'Continue' }).click();
    }
  }
  expect(handovers, 'hand-overs between the two players').toBeGreaterThanOrEqual(2);
  expect(seen.employer + seen.candidate, 'private notes shown to their owner').toBeGreaterThan(0);
  await expect(page.getByText('Debrief · played with two players on one device')).toBeVisible();
  // After the interview, the debrief shows both sides' private notes to everyone.
  await expect(page.getByText(/’s private note:/).first()).toBeVisible();
});

/** The id of the scene on screen, found from its first line of text. */
async function currentScene(page: Page): Promise<string> {
  const text = (await page.getByRole('article').locator('p').first().innerText()).trim();
  const found = Object.entries(phoneScreen.machine.states).find(([, scene]) => scene.meta.text[0] === text);
  if (!found) throw new Error(`No scene starts with "${text}"`);
  return found[0];
}

test('rewind from the debrief, choose differently, and compare the two runs', async ({ page }) => {
  const { first, second, at } = fork(phoneScreen, 'employer');
  expect(first.outcome).not.toBe(second.outcome);
  await page.goto('/');
  await openScenario(page, phoneScreen);
  await startPlaying(page, 'realistic', 'employer');
  await playMoves(page, first.moves);
  await expect(outcomeHeading(page, first.outcome)).toBeVisible();

  await page.getByRole('button', { name: `Rewind to step ${at + 1} and choose differently` }).click();
  await expect(stepLine(page)).toHaveText(new RegExp(`step ${at + 1}$`));
  const earlier = first.moves[at] as { label: string };
  await expect(page.getByRole('button', { name: earlier.label, exact: true })).toBeVisible();
  await playMoves(page, second.moves.slice(at), at + 1);

  await expect(outcomeHeading(page, second.outcome)).toBeVisible();
  await expect(page.getByText('Debrief of a branched run · played as the employer')).toBeVisible();
  const compare = page.getByRole('region', { name: 'The road not taken: your two runs compared' });
  await expect(compare).toBeVisible();
  await expect(compare).toContainText('The two runs end differently.');
  await expect(compare).toContainText(
    `At step ${at + 1}, your earlier run chose “${earlier.label}”; this run chose “${(second.moves[at] as { label: string }).label}”.`,
  );
  await expect(compare.getByRole('region', { name: 'Your earlier run' })).toContainText(OUTCOME_INFO[first.outcome].title);
  await expect(compare.getByRole('region', { name: 'This run' })).toContainText(OUTCOME_INFO[second.outcome].title);

  // Both runs are kept: the history lists both outcomes.
  await page.getByRole('link', { name: 'Back to the library' }).click();
  const history = page.getByRole('region', { name: 'Your finished runs' });
  await expect(history.getByText(OUTCOME_INFO[first.outcome].title)).toBeVisible();
  await expect(history.getByText(OUTCOME_INFO[second.outcome].title)).toBeVisible();
});

test('a share link replays the run exactly for someone else, and the copy button copies it', async ({ page, context, browser, problems }) => {
  const run = plan(phoneScreen, 'candidate', 'candidateDeclines')!;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await openScenario(page, phoneScreen);
  await startPlaying(page, 'realistic', 'candidate');
  await playMoves(page, run.moves);
  await expect(outcomeHeading(page, 'candidateDeclines')).toBeVisible();

  const field = page.getByRole('textbox', { name: 'Share this run: the link replays it exactly' });
  const link = await field.inputValue();
  // Scenario, seat, the choices, the outcome and the run's seed (which fixes the order its options were shown in).
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/replay\/1\.phone-screen\.c\.[0-9a-z]+\.c\.[0-9a-z]{1,7}$/);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  const timeline = (p: Page) => p.getByRole('region', { name: 'Step by step: what each side did and thought' });
  const steps = await timeline(page).innerText();

  // Someone else, in a browser with nothing saved, opens the link.
  const elsewhere = await browser.newContext({ serviceWorkers: 'block' });
  await watch(elsewhere, problems);
  const other = await elsewhere.newPage();
  await other.goto(link);
  await expect(outcomeHeading(other, 'candidateDeclines')).toBeVisible();
  await expect(other.getByText('A run shared with you · played as the candidate')).toBeVisible();
  // The same steps, choices, effects and thoughts, word for word.
  await expect(timeline(other)).toHaveText(steps, { useInnerText: true });
  for (const move of run.moves) if (move.kind === 'choose') await expect(timeline(other)).toContainText(move.label);
  // They can branch from it into a run of their own.
  await other
    .getByRole('button', { name: /^Rewind to step \d+ and choose differently$/ })
    .first()
    .click();
  await expect(stepLine(other)).toBeVisible();
  await elsewhere.close();
});

const badAddresses: { why: string; hash: string; title: string; says: RegExp }[] = [
  { why: 'a cut-short share link', hash: '#/replay/1.phone-scr', title: 'This link cannot be opened', says: /incomplete or damaged/ },
  {
    why: 'a share link from another version',
    hash: '#/replay/7.phone-screen.c.0120.m',
    title: 'This link cannot be opened',
    says: /different version of the app/,
  },
  {
    why: 'a share link for an unknown scenario',
    hash: '#/replay/1.night-shift.c.01.m',
    title: 'This link cannot be opened',
    says: /“night-shift”, which is not in this app/,
  },
  {
    why: 'a share link whose choices do not fit',
    hash: '#/replay/1.phone-screen.c.zzzzzz.m',
    title: 'This link no longer fits',
    says: /choice 1 was option 36, which is not offered there now/,
  },
  {
    why: 'a share link cut short after its first choice',
    hash: '#/replay/1.phone-screen.c.0.m',
    title: 'This link no longer fits',
    says: /it stops after 1 choice, before the interview ends/,
  },
  { why: 'an unknown page', hash: '#/elsewhere/entirely', title: 'Page not found', says: /There is nothing at “#\/elsewhere\/entirely”/ },
  { why: 'an unknown scenario', hash: '#/scenario/night-shift', title: 'Scenario not found', says: /no scenario called “night-shift”/ },
  { why: 'an unknown seat', hash: '#/play/phone-screen/recruiter', title: 'Page not found', says: /mistyped or out of date/ },
  { why: 'a run not saved here', hash: '#/run/abc123', title: 'Run not found', says: /not saved on this device/ },
];

test('every bad address gets a message in words and a way back to the library', async ({ page }) => {
  await page.goto('/');
  for (const bad of badAddresses) {
    await test.step(bad.why, async () => {
      await page.evaluate((hash) => (location.hash = hash), bad.hash);
      await expect(page.getByRole('heading', { level: 1, name: bad.title }), bad.why).toBeVisible();
      await expect(page.getByRole('alert'), bad.why).toHaveText(bad.says);
      await page.getByRole('link', { name: 'Go to the library' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Other Side of the Desk' }), bad.why).toBeVisible();
    });
  }
});

test('damaged saved data is reported in words, set aside rather than deleted, and the rest still loads', async ({ page }) => {
  const run = plan(phoneScreen, 'candidate', 'noFit')!;
  await page.goto('/');
  await openScenario(page, phoneScreen);
  await startPlaying(page, 'realistic', 'candidate');
  await playMoves(page, run.moves.slice(0, 2));
  const damaged = '{"version":1,"runs":[{"oops"';
  await page.evaluate((text) => localStorage.setItem('osotd:v1:history', text), damaged);

  await page.goto('/');
  const notice = page.getByRole('alert').filter({ hasText: 'About your saved progress' });
  await expect(notice).toContainText('Your list of finished runs could not be read (it is not valid JSON). It was set aside, not deleted');
  await expect(page.getByRole('link', { name: `Resume “${phoneScreen.title}”, as the candidate` })).toBeVisible();
  const setAside = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('osotd:set-aside:'))
      .map((key) => localStorage.getItem(key)),
  );
  expect(setAside.map((text) => JSON.parse(text!).text)).toEqual([damaged]);
  await notice.getByRole('button', { name: 'Got it' }).click();
  await expect(notice).toHaveCount(0);
  await page.getByRole('link', { name: `Resume “${phoneScreen.title}”, as the candidate` }).click();
  await expect(stepLine(page)).toHaveText(/step 3$/);
});
