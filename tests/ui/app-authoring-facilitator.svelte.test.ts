// @vitest-environment jsdom
/**
 * The app's wiring of authoring and facilitator mode: their routes, the library's imported scenarios,
 * and the map of a run in the debrief.
 */
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { parseHash, href } from '../../src/app/routes.ts';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { playPath } from '../support/play.ts';
import { axeViolations } from '../support/axe.ts';
import { fake, LAZY, renderApp } from './harness.ts';

describe('routes for authoring and facilitator mode', () => {
  it.each([
    ['#/import', { name: 'import' }],
    ['#/map/fake-call', { name: 'map', id: 'fake-call' }],
    ['#/facilitate/fake-call', { name: 'facilitate', scenarioId: 'fake-call', view: 'control' }],
    ['#/facilitate/fake-call/presenter?session=s1', { name: 'facilitate', scenarioId: 'fake-call', view: 'presenter', sessionId: 's1' }],
  ])('reads %s and writes it back', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
    expect(href(parseHash(hash))).toBe(hash);
  });

  it('keeps each bad facilitator link apart, so moving between two shows the right message', () => {
    expect(href(parseHash('#/facilitate/a/projector'))).toBe('#/facilitate/a/projector');
    expect(href(parseHash('#/facilitate/b/screen'))).toBe('#/facilitate/b/screen');
  });

  it('explains a facilitator link that cannot work', async () => {
    renderApp({ hash: '#/facilitate/fake-call/projector' });
    expect(await screen.findByRole('heading', { level: 1, name: 'This facilitator link does not work' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('"projector" is not a facilitator view');
  });
});

describe('<App> with authoring and facilitator mode', () => {
  it('opens the import screen from the library', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(await screen.findByRole('button', { name: /import a scenario/i }, { timeout: LAZY }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Import a scenario' }, { timeout: LAZY })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/import');
    // One heading and one introduction, and a guide a browser can open.
    expect(screen.getAllByRole('heading', { name: /import a scenario/i })).toHaveLength(1);
    expect(screen.getAllByText(/kept in this browser only/)).toHaveLength(1);
    expect(screen.queryByText(/docs\/authoring\.md/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'the authoring guide' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Writing scenarios' }, { timeout: LAZY })).toHaveFocus();
    expect(window.location.hash).toBe('#/guide');
  });

  it('shows the authoring guide in the app, a section at a time, and is accessible', async () => {
    const user = userEvent.setup();
    const { container } = renderApp({ hash: '#/guide' });
    await screen.findByRole('heading', { level: 1, name: 'Writing scenarios' }, { timeout: LAZY });
    const contents = screen.getByRole('navigation', { name: 'Contents' });
    expect(within(contents).getByRole('link', { name: 'The content rules' })).toHaveAttribute('href', '#/guide/the-content-rules');
    expect(await axeViolations(container)).toEqual([]);
    // A link in the guide's text to one of its headings stays in the guide and lands on that heading.
    await user.click(within(container.querySelector('.guide')!).getByRole('link', { name: 'Importing a scenario in the app' }));
    await vi.waitFor(() => expect(window.location.hash).toBe('#/guide/importing-a-scenario-in-the-app'));
    await vi.waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Importing a scenario in the app' })).toHaveFocus(), { timeout: LAZY });
    expect(screen.getByRole('navigation', { name: 'Sections' })).toHaveTextContent('← A worked example: from an empty file to four outcomes');
  });

  it('offers a room session, the map and an export on the scenario screen', async () => {
    renderApp({ hash: '#/scenario/fake-call' });
    const more = await screen.findByRole('region', { name: 'More with this scenario' }, { timeout: LAZY });
    expect(within(more).getByRole('link', { name: 'Run it for a room' })).toHaveAttribute('href', '#/facilitate/fake-call');
    expect(within(more).getByRole('link', { name: 'See its map' })).toHaveAttribute('href', '#/map/fake-call');
    expect(within(more).getByRole('button', { name: 'Export it as a file' })).toBeInTheDocument();
  });

  it('shows a scenario map on its own page, and is accessible', async () => {
    const { container } = renderApp({ hash: '#/map/fake-call' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Map: A short call' }, { timeout: LAZY })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { name: /A short call/ })).toHaveLength(1);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('says so when the map names no scenario', async () => {
    renderApp({ hash: '#/map/ghost' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Scenario not found' }, { timeout: LAZY })).toBeInTheDocument();
  });

  it('opens facilitator mode for a scenario', async () => {
    renderApp({ hash: '#/facilitate/fake-call' });
    expect(await screen.findByText(/A short call/, {}, { timeout: LAZY })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: /start|new session/i }, { timeout: LAZY })).toBeInTheDocument();
  });

  it('draws the run on the scenario map from the debrief', async () => {
    const scenario = fake();
    const user = userEvent.setup();
    renderApp({ hash: '#/play/fake-call/candidate' });
    await screen.findByRole('heading', { level: 1, name: 'A short call' }, { timeout: LAZY });
    const path = analyseScenario(scenario).seats.find((s) => s.seat === 'candidate')!.outcomes.mutualFit.shortestPath!;
    await playPath(user, scenario, path);
    await user.click(await screen.findByText('See your path on the scenario map'));
    const map = await screen.findByRole('heading', { name: 'Map of “A short call”' }, { timeout: LAZY });
    expect(map).toBeInTheDocument();
    // Each scene of the run is marked as a step of its path, the final scene last.
    expect(
      screen.getByRole('button', { name: /^Priya Raman: The call is due at… start · .*On the run's path at step 1\..*Scene id: start\.$/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Narrator: The call ends\. ending\..*On the run's path at step 4\..*Scene id: end\.$/ })).toBeInTheDocument();
  });
});

describe('the library without imported scenarios', () => {
  it('knows where imported scenarios are kept, without loading their store', async () => {
    const { IMPORTED_KEY_PREFIX, hasImportedScenarios } = await import('../../src/app/source.ts');
    const { CUSTOM_KEY_PREFIX } = await import('../../src/lib/authoring/store.ts');
    expect(IMPORTED_KEY_PREFIX).toBe(CUSTOM_KEY_PREFIX);
    const storage = (keys: string[]) => ({ length: keys.length, key: (i: number) => keys[i] ?? null });
    expect(hasImportedScenarios(storage(['osotd:v1:history']))).toBe(false);
    expect(hasImportedScenarios(storage(['osotd:v1:history', `${CUSTOM_KEY_PREFIX}my-panel`]))).toBe(true);
  });
});
