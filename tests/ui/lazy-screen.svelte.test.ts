// @vitest-environment jsdom
/**
 * A part of the app whose code cannot be fetched (the connection dropped) says so in words, without the
 * browser's technical message; a part of a screen leaves the rest of the screen as it was.
 */
import { render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import LazyScreen from '../../src/app/LazyScreen.svelte';

const failing = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1/assets/History-x1.js'));
const children = createRawSnippet(() => ({ render: () => '<p>loaded</p>' }));

describe('<LazyScreen> when its code cannot be loaded', () => {
  it('as a part of a screen: a line in its place, no heading of its own and no address', async () => {
    render(LazyScreen, { load: failing, children, quiet: true });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This part of the page could not be loaded: the connection may be down. Reload the page to try again.');
    expect(screen.queryByRole('heading')).toBeNull();
    expect(document.body.textContent).not.toMatch(/Failed to fetch|assets\//);
  });

  it('as a whole screen: a message screen in words, with a way back to the library', async () => {
    render(LazyScreen, { load: failing, children });
    expect(await screen.findByRole('heading', { level: 1, name: 'This screen could not be loaded' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Part of the app could not be loaded: the connection may be down.');
    expect(screen.getByRole('link', { name: 'Go to the library' })).toHaveAttribute('href', '#/');
    expect(document.body.textContent).not.toMatch(/Failed to fetch|assets\//);
  });
});
