// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ScenarioScreen from '../../src/app/ScenarioScreen.svelte';
import { memoryStorage } from '../../src/lib/persistence/storage.ts';
import { KEYS } from '../../src/lib/persistence/store.ts';
import { SavedData } from '../../src/lib/state/saved.svelte.ts';
import { axeViolations } from '../support/axe.ts';
import { fake } from './harness.ts';

const scenario = fake();

function renderComponent(saved = new SavedData(memoryStorage())) {
  const onplay = vi.fn();
  const result = render(ScenarioScreen, { scenario, saved, onplay });
  return { ...result, saved, onplay };
}

describe('<ScenarioScreen>', () => {
  it('sets the scene: the setting, the learning objectives and the time', () => {
    renderComponent();
    expect(screen.getByRole('heading', { level: 1, name: 'A short call' })).toBeInTheDocument();
    expect(screen.getByText('A phone call about a security analyst role.')).toBeInTheDocument();
    expect(screen.getByText('See how one choice moves both ledgers.')).toBeInTheDocument();
    expect(screen.getByText('About 3 minutes.')).toBeInTheDocument();
  });

  it('offers each seat, and two players on one device', async () => {
    const user = userEvent.setup();
    const { onplay } = renderComponent();
    expect(screen.getByText('you are Priya Raman, SOC manager.')).toBeInTheDocument();
    expect(screen.getByText(/^Priya Raman and Tomás Okafor take turns/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Play as the candidate' }));
    await user.click(screen.getByRole('button', { name: 'Play with two players on one device' }));
    expect(onplay.mock.calls).toEqual([
      ['candidate', false],
      ['both', false],
    ]);
  });

  it('keeps the chosen mode for the next runs', async () => {
    const user = userEvent.setup();
    const storage = memoryStorage();
    renderComponent(new SavedData(storage));
    expect(screen.getByRole('radio', { name: /^Coach/ })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: /^Realistic/ }));
    expect(JSON.parse(storage.getItem(KEYS.settings)!)).toEqual({ version: 1, mode: 'realistic' });
    expect(new SavedData(storage).mode).toBe('realistic');
  });

  it('offers to resume an unfinished run, or to start again', async () => {
    const user = userEvent.setup();
    const saved = new SavedData(memoryStorage());
    saved.startRun({ scenarioId: 'fake-call', scenarioTitle: 'A short call', seat: 'employer', mode: 'coach', seed: 1 });
    const { onplay } = renderComponent(saved);
    const seat = screen.getByRole('heading', { name: 'As the employer' }).closest('li')!;
    await user.click(within(seat).getByRole('button', { name: 'Resume as the employer (step 1)' }));
    await user.click(within(seat).getByRole('button', { name: 'Start again as the employer' }));
    expect(onplay.mock.calls).toEqual([
      ['employer', false],
      ['employer', true],
    ]);
  });

  it('is accessible', async () => {
    const { container } = renderComponent();
    expect(await axeViolations(container)).toEqual([]);
  });
});
