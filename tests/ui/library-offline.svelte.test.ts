// @vitest-environment jsdom
/**
 * The library when the finished runs' code cannot be fetched (the connection dropped after the first screen):
 * the rest of the library stays, and saved data the app could not read stays reachable.
 */
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import LibraryScreen from '../../src/app/LibraryScreen.svelte';
import { memoryStorage } from '../../src/lib/persistence/storage.ts';
import { summarise } from '../../src/lib/scenarios/summary.ts';
import { SavedData } from '../../src/lib/state/saved.svelte.ts';
import { fake } from './harness.ts';

vi.mock('../../src/app/History.svelte', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});

describe('the library without its finished runs’ code', () => {
  it('says in words that this part could not load, and still links to Your data', async () => {
    render(LibraryScreen, { scenarios: [fake()].map(summarise), saved: new SavedData(memoryStorage()) });
    const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(alert).toHaveTextContent('This part of the page could not be loaded');
    expect(screen.getByRole('link', { name: 'Your data' })).toHaveAttribute('href', '#/your-data');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.queryByRole('heading', { name: 'Your finished runs' })).toBeNull();
  });
});
