// @vitest-environment jsdom
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { OUTCOME_INFO } from '../../src/lib/engine/ledger.ts';
import { allKeys, memoryStorage } from '../../src/lib/persistence/storage.ts';
import { KEYS } from '../../src/lib/persistence/store.ts';
import { builtInScenarios, loadBuiltIn } from '../../src/lib/scenarios/catalog.ts';
import { SavedData } from '../../src/lib/state/saved.svelte.ts';
import { render } from '@testing-library/svelte';
import App from '../../src/app/App.svelte';
import { axeViolations } from '../support/axe.ts';
import { playPath } from '../support/play.ts';
import { fake, LAZY, renderApp } from './harness.ts';

const scenario = fake();
const employerPath = (outcome: keyof typeof OUTCOME_INFO) => analyseScenario(scenario).seats[0]!.outcomes[outcome].shortestPath!;

describe('<App> routes', () => {
  it('goes from the library to a scenario to its first scene', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('link', { name: 'A short call' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'A short call' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Play as the employer' }));
    expect(await screen.findByRole('region', { name: 'Priya, what do you do?' }, { timeout: LAZY })).toBeInTheDocument();
    // The address becomes the saved run's once the run is stored (it may follow the first screen).
    await vi.waitFor(() => expect(window.location.hash).toMatch(/^#\/run\/r[a-z0-9]+$/), { timeout: LAZY });
  });

  it.each([
    ['#/nowhere/at/all', 'Page not found', 'There is nothing at “#/nowhere/at/all”. The link may be mistyped or out of date.'],
    ['#/play/fake-call/manager', 'Page not found', 'There is nothing at “#/play/fake-call/manager”. The link may be mistyped or out of date.'],
    [
      '#/scenario/ghost',
      'Scenario not found',
      'There is no scenario called “ghost” in this app. It may have been renamed or removed, or the address may be mistyped.',
    ],
    [
      '#/play/ghost/employer',
      'Scenario not found',
      'There is no scenario called “ghost” in this app. It may have been renamed or removed, or the address may be mistyped.',
    ],
    [
      '#/run/r123',
      'Run not found',
      'This run is not saved on this device. It may have been erased, or made in another browser. You can start a new run from the library.',
    ],
  ])('explains %s in words, with a way back', async (hash, title, message) => {
    renderApp({ hash });
    expect(await screen.findByRole('heading', { level: 1, name: title }, { timeout: LAZY })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    expect(screen.getByRole('link', { name: 'Go to the library' })).toHaveAttribute('href', '#/');
  });

  it('says when a scenario cannot be played from the seat in the address', async () => {
    renderApp({ hash: '#/play/fake-call/both', scenarios: [fake((s) => void (s.seats = ['employer']))] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Seat not available' }, { timeout: LAZY })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('“A short call” cannot be played with two players on one device. Choose a seat it offers.');
  });

  it('is accessible on the scenario screen and on a message screen', async () => {
    const { container, unmount } = renderApp({ hash: '#/scenario/fake-call' });
    await screen.findByRole('heading', { level: 1, name: 'A short call' });
    expect(await axeViolations(container)).toEqual([]);
    unmount();
    const other = renderApp({ hash: '#/scenario/ghost' });
    await screen.findByRole('heading', { level: 1, name: 'Scenario not found' });
    expect(await axeViolations(other.container)).toEqual([]);
  });
});

describe('<App> saved progress', () => {
  it('resumes an interrupted run after a reload, where it was', async () => {
    const user = userEvent.setup();
    const first = renderApp({ hash: '#/play/fake-call/employer' });
    await screen.findByRole('region', { name: 'Priya, what do you do?' }, { timeout: LAZY });
    await user.click(screen.getByRole('button', { name: /Call ten minutes late/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const address = window.location.hash;
    const ledger = screen.getByRole('region', { name: 'How the candidate sees the employer' }).textContent;
    first.unmount();

    renderApp({ hash: address, storage: first.storage });
    expect(await screen.findByText('The call winds down.', {}, { timeout: LAZY })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Priya, what do you do?' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'How the candidate sees the employer' }).textContent).toBe(ledger);
    expect(screen.getByText(/step 3$/)).toBeInTheDocument();
  });

  it('offers to resume an unfinished run from the library', async () => {
    const user = userEvent.setup();
    const first = renderApp({ hash: '#/play/fake-call/candidate' });
    await screen.findByRole('button', { name: 'Continue' }, { timeout: LAZY });
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const address = window.location.hash;
    first.unmount();

    renderApp({ storage: first.storage });
    const resume = screen.getByRole('link', { name: 'Resume “A short call”, as the candidate' });
    expect(resume).toHaveAttribute('href', address);
    await user.click(resume);
    expect(await screen.findByRole('region', { name: 'Tomás, what do you do?' }, { timeout: LAZY })).toBeInTheDocument();
  });

  it('tells the player what could not be restored, sets it aside, and keeps everything else', async () => {
    const user = userEvent.setup();
    const storage = memoryStorage({
      [KEYS.run('r1')]: '{"version":1,"id":"r1","scenarioTitle":"A short call","snapshots":[{"status":',
      [KEYS.history]: JSON.stringify({
        version: 1,
        runs: [{ runId: 'r0', scenarioId: 'fake-call', scenarioTitle: 'A short call', seat: 'candidate', outcome: 'noFit', finishedAt: 1_700_000_000_000 }],
      }),
      [KEYS.discovered]: JSON.stringify({ version: 1, scenarios: { 'fake-call': { employer: [], candidate: ['noFit'] } } }),
    });
    renderApp({ storage });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'Your run of “A short call” could not be read (it is not valid JSON). It was set aside, not deleted: “Your data” lets you download it or try to restore it.',
    );
    expect(screen.getByText('As the candidate: 1 of 4 outcomes found')).toBeInTheDocument();
    // The history is shown a few frames after the first screen.
    expect(await screen.findByRole('region', { name: 'Your finished runs' })).toHaveTextContent(
      `“A short call”, as the candidate: ${OUTCOME_INFO.noFit.title}`,
    );
    const aside = allKeys(storage).find((k) => k.startsWith('osotd:set-aside:'))!;
    expect(storage.getItem(aside)).toContain('"snapshots\\":[{\\"status\\":');
    await user.click(within(alert).getByRole('button', { name: 'Got it' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('migrates progress saved by an older version', async () => {
    const storage = memoryStorage({
      [KEYS.discovered]: JSON.stringify({ 'fake-call': { employer: ['noFit', 'mutualFit'], candidate: [] } }),
      [KEYS.history]: JSON.stringify([{ scenarioId: 'fake-call', seat: 'employer', outcome: 'mutualFit', finishedAt: '2025-02-28T09:30:00Z' }]),
      [KEYS.settings]: JSON.stringify({ coach: false }),
    });
    renderApp({ storage });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('As the employer: 2 of 4 outcomes found')).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Your finished runs' })).toHaveTextContent(`as the employer: ${OUTCOME_INFO.mutualFit.title}`);
    expect(JSON.parse(storage.getItem(KEYS.settings)!)).toEqual({ version: 1, mode: 'realistic' });
  });

  it('sets aside a saved run that no longer fits its scenario, and says so', async () => {
    // Saved while the scenario had a choice "choice.smallTalk" at its first decision.
    const run = {
      version: 2,
      id: 'rold',
      scenarioId: 'fake-call',
      scenarioTitle: 'A short call',
      seat: 'employer',
      mode: 'coach',
      seed: 1,
      startedAt: 1,
      updatedAt: 2,
      holder: null,
      choices: ['choice.smallTalk'],
      stepCount: 1,
      outcome: null,
    };
    const storage = memoryStorage({ [KEYS.run('rold')]: JSON.stringify(run) });
    renderApp({ hash: '#/run/rold', storage });
    expect(await screen.findByRole('heading', { level: 1, name: 'This run cannot be resumed' }, { timeout: LAZY })).toBeInTheDocument();
    expect(
      screen
        .getAllByRole('alert')
        .map((a) => a.textContent)
        .join(' '),
    ).toContain('its choices no longer lead through “A short call” the way they did');
    expect(storage.getItem(KEYS.run('rold'))).toBeNull();
    expect(allKeys(storage).some((k) => k.startsWith('osotd:set-aside:'))).toBe(true);
  });
});

describe('<App> share links', () => {
  it('replays a shared run exactly', async () => {
    const first = await (async () => {
      const user = userEvent.setup();
      const app = renderApp({ hash: '#/play/fake-call/employer' });
      await screen.findByRole('region', { name: 'Priya, what do you do?' }, { timeout: LAZY });
      await playPath(user, scenario, employerPath('employerDeclines'));
      await screen.findByRole('heading', { level: 2, name: OUTCOME_INFO.employerDeclines.title });
      return app;
    })();
    const link = ((await screen.findByRole('textbox', { name: 'Share this run: the link replays it exactly' }, { timeout: LAZY })) as HTMLInputElement).value;
    expect(link).toMatch(/^http:\/\/localhost(:\d+)?\/#\/replay\/1\.fake-call\.e\.[0-9a-z]+\.e\.[0-9a-z]+$/);
    const timeline = screen.getByRole('region', { name: 'Step by step: what each side did and thought' }).textContent;
    first.unmount();

    const { container } = renderApp({ hash: link.slice(link.indexOf('#')) });
    expect(await screen.findByText(/^A run shared with you/, {}, { timeout: LAZY })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: OUTCOME_INFO.employerDeclines.title })).toBeInTheDocument();
    expect((await screen.findByRole('region', { name: 'Step by step: what each side did and thought' })).textContent).toBe(timeline);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says a damaged link cannot be opened', async () => {
    renderApp({ hash: '#/replay/1.fake-call' });
    expect(await screen.findByRole('heading', { level: 1, name: 'This link cannot be opened' }, { timeout: LAZY })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('This link is incomplete or damaged');
  });

  it('says a link for a scenario that is not here cannot be opened', async () => {
    renderApp({ hash: '#/replay/1.night-shift.c.012.m' });
    expect(await screen.findByRole('alert', {}, { timeout: LAZY })).toHaveTextContent(
      'This link is for a scenario called “night-shift”, which is not in this app. It may have been renamed or removed.',
    );
  });

  it('says when a link no longer fits the scenario', async () => {
    const { container } = renderApp({ hash: '#/replay/1.fake-call.e.07.n' });
    expect(await screen.findByRole('heading', { level: 1, name: 'This link no longer fits' }, { timeout: LAZY })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('(choice 2 was option 8, which is not offered there now)');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('branches a shared run into a run of your own', async () => {
    const user = userEvent.setup();
    const { saved } = renderApp({ hash: '#/replay/1.fake-call.e.00.m' });
    await screen.findByText(/^A run shared with you/, {}, { timeout: LAZY });
    await user.click(await screen.findByRole('button', { name: 'Rewind to step 3 and choose differently' }, { timeout: LAZY }));
    expect(await screen.findByRole('region', { name: 'Priya, what do you do?' }, { timeout: LAZY })).toBeInTheDocument();
    expect(screen.getByText('The call winds down.')).toBeInTheDocument();
    expect([...saved.store.runs.values()]).toHaveLength(1);
  });
});

describe('<App> built-in library', () => {
  it('plays the first built-in scenario from the library to an outcome', async () => {
    const [summary] = builtInScenarios();
    expect(summary, 'there is a built-in scenario').toBeDefined();
    const builtIn = (await loadBuiltIn(summary!.id))!;
    const seat = builtIn.seats[0]!;
    const path = analyseScenario(builtIn).seats.find((s) => s.seat === seat)!.outcomes.mutualFit.shortestPath!;
    const user = userEvent.setup();
    window.history.replaceState(null, '', '#/');
    render(App, { saved: new SavedData(memoryStorage()) });
    await user.click(screen.getByRole('link', { name: summary!.title }));
    await user.click(await screen.findByRole('button', { name: `Play as the ${seat}` }, { timeout: LAZY }));
    await screen.findByText(/^Playing as the/, {}, { timeout: LAZY });
    await playPath(user, builtIn, path);
    expect(await screen.findByRole('heading', { level: 2, name: OUTCOME_INFO.mutualFit.title })).toBeInTheDocument();
  });

  it('is accessible on the library screen', async () => {
    window.history.replaceState(null, '', '#/');
    const { container } = render(App, { saved: new SavedData(memoryStorage()) });
    await screen.findByRole('heading', { name: 'Your scenarios' }, { timeout: LAZY });
    expect(await axeViolations(container)).toEqual([]);
  });
});
