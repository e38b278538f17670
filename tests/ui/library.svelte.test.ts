// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import LibraryScreen from '../../src/app/LibraryScreen.svelte';
import { memoryStorage } from '../../src/lib/persistence/storage.ts';
import { summarise } from '../../src/lib/scenarios/summary.ts';
import { SavedData } from '../../src/lib/state/saved.svelte.ts';
import { axeViolations } from '../support/axe.ts';
import { fake } from './harness.ts';

const call = fake();
const panel = fake((s) => Object.assign(s, { id: 'panel', title: 'The panel', seats: ['candidate'], tags: ['panel', 'senior'], minutes: 20 }));
const notice = fake((s) => Object.assign(s, { id: 'notice', title: 'Short notice', seats: ['employer'], tags: ['scheduling'] }));

function renderComponent(saved = new SavedData(memoryStorage())) {
  const result = render(LibraryScreen, { scenarios: [call, panel, notice].map(summarise), saved });
  return { ...result, saved };
}

const cardTitles = () =>
  screen
    .getAllByRole('heading', { level: 3 })
    .filter((h) => h.closest('.card'))
    .map((h) => h.textContent);

describe('<LibraryScreen>', () => {
  it('shows a card per scenario with its summary, seats, time and topics', () => {
    renderComponent();
    expect(cardTitles()).toEqual(['A short call', 'The panel', 'Short notice']);
    const card = screen.getByRole('link', { name: 'The panel' }).closest('li')!;
    expect(card).toHaveTextContent('A three-scene call used by the tests.');
    expect(card).toHaveTextContent('About 20 minutes · play as the candidate');
    expect(
      within(within(card).getByRole('list', { name: 'Topics' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['panel', 'senior']);
    expect(screen.getByRole('link', { name: 'A short call' }).closest('li')).toHaveTextContent(
      'play as the employer or the candidate, or two players on one device',
    );
    expect(screen.getByRole('link', { name: 'A short call' })).toHaveAttribute('href', '#/scenario/fake-call');
  });

  it('shows the first cards at once and every card a frame later', async () => {
    const many = Array.from({ length: 7 }, (_, i) => fake((s) => Object.assign(s, { id: `s${i}`, title: `Scenario ${i}` })));
    render(LibraryScreen, { scenarios: many.map(summarise), saved: new SavedData(memoryStorage()) });
    expect(cardTitles().length).toBeLessThan(7);
    expect(screen.getByText('Showing 7 of 7 scenarios.')).toBeInTheDocument();
    await vi.waitFor(() => expect(cardTitles()).toEqual(many.map((s) => s.title)));
  });

  it('shows the outcomes this player has found, per seat', () => {
    const saved = new SavedData(memoryStorage());
    const run = saved.startRun({ scenarioId: 'fake-call', scenarioTitle: 'A short call', seat: 'employer', mode: 'coach', seed: 1 });
    saved.finishRun(run, 'noFit', 2);
    saved.finishRun({ ...run, id: 'r2' }, 'mutualFit', 2);
    saved.finishRun({ ...run, id: 'r3', seat: 'both' }, 'employerDeclines', 3);
    renderComponent(saved);
    const card = screen.getByRole('link', { name: 'A short call' }).closest('li')!;
    expect(card).toHaveTextContent('As the employer: 3 of 4 outcomes found (Both sides like each other; The employer passes; Neither side likes the other)');
    expect(card).toHaveTextContent('As the candidate: 1 of 4 outcomes found (The employer passes)');
    expect(screen.getByRole('link', { name: 'The panel' }).closest('li')).toHaveTextContent('As the candidate: 0 of 4 outcomes found');
  });

  it('filters by seat and by topic', async () => {
    const user = userEvent.setup();
    renderComponent();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Seat' }), 'Candidate');
    expect(cardTitles()).toEqual(['A short call', 'The panel']);
    expect(screen.getByText('Showing 2 of 3 scenarios.')).toHaveAttribute('role', 'status');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Seat' }), 'Two players, one device');
    expect(cardTitles()).toEqual(['A short call']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Seat' }), 'Any seat');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Topic' }), 'scheduling');
    expect(cardTitles()).toEqual(['Short notice']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Seat' }), 'Candidate');
    expect(screen.getByText('No scenario matches these filters.')).toBeInTheDocument();
  });

  it('lists unfinished runs to resume and finished runs with their debriefs', async () => {
    const saved = new SavedData(memoryStorage());
    const open = saved.startRun({ scenarioId: 'panel', scenarioTitle: 'The panel', seat: 'candidate', mode: 'coach', seed: 1 });
    const done = saved.startRun({ scenarioId: 'fake-call', scenarioTitle: 'A short call', seat: 'employer', mode: 'coach', seed: 1 });
    saved.finishRun(done, 'candidateDeclines', 2);
    renderComponent(saved);
    expect(screen.getByRole('link', { name: 'Resume “The panel”, as the candidate' })).toHaveAttribute('href', `#/run/${open.id}`);
    // Shown a few frames after the first screenful.
    const history = await screen.findByRole('region', { name: 'Your finished runs' });
    expect(within(history).getAllByRole('listitem')[0]).toHaveTextContent('“A short call”, as the employer: The candidate walks away');
    expect(within(history).getByRole('link', { name: /See the debrief/ })).toHaveAttribute('href', `#/run/${done.id}`);
  });

  it('lists the ten newest finished runs, newest first, once their part of the screen has loaded', async () => {
    let time = 1_000;
    const saved = new SavedData(memoryStorage(), () => (time += 60_000));
    for (let i = 1; i <= 12; i++) {
      const run = saved.startRun({ scenarioId: 'fake-call', scenarioTitle: `Call ${i}`, seat: 'employer', mode: 'coach', seed: i });
      saved.finishRun(run, 'noFit', 2);
    }
    renderComponent(saved);
    const history = await screen.findByRole('region', { name: 'Your finished runs' });
    await vi.waitFor(() => expect(within(history).getAllByRole('listitem')).toHaveLength(10));
    const titles = within(history)
      .getAllByRole('listitem')
      .map((item) => /“(Call \d+)”/.exec(item.textContent ?? '')?.[1]);
    expect(titles).toEqual(['Call 12', 'Call 11', 'Call 10', 'Call 9', 'Call 8', 'Call 7', 'Call 6', 'Call 5', 'Call 4', 'Call 3']);
  });

  it('erases progress only after the player confirms', async () => {
    const user = userEvent.setup();
    const storage = memoryStorage();
    const saved = new SavedData(storage);
    const run = saved.startRun({ scenarioId: 'fake-call', scenarioTitle: 'A short call', seat: 'employer', mode: 'coach', seed: 1 });
    saved.finishRun(run, 'noFit', 2);
    renderComponent(saved);
    await user.click(await screen.findByRole('button', { name: 'Erase my progress…' }));
    await user.click(screen.getByRole('button', { name: 'Keep my progress' }));
    expect(storage.length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: 'Erase my progress…' }));
    expect(screen.getByRole('button', { name: 'Erase everything' })).toHaveAccessibleDescription(
      'This erases your unfinished runs, your finished runs and the outcomes you have found, on this device only.',
    );
    await user.click(screen.getByRole('button', { name: 'Erase everything' }));
    expect(storage.length).toBe(0);
    expect(screen.getByText('Your progress on this device was erased.')).toBeInTheDocument();
    expect(screen.getByText(/^None yet/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'A short call' }).closest('li')).toHaveTextContent('As the employer: 0 of 4 outcomes found');
  });

  it('is accessible', async () => {
    const saved = new SavedData(memoryStorage());
    const run = saved.startRun({ scenarioId: 'fake-call', scenarioTitle: 'A short call', seat: 'both', mode: 'coach', seed: 1 });
    saved.finishRun({ ...run, id: 'done' }, 'mutualFit', 3);
    const { container } = renderComponent(saved);
    expect(await axeViolations(container)).toEqual([]);
  });
});
