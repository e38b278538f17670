// @vitest-environment jsdom
import { screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { OUTCOME_INFO } from '../../src/lib/engine/ledger.ts';
import { axeViolations } from '../support/axe.ts';
import { LAZY, renderApp } from './harness.ts';

const EMPLOYER_NOTE = 'You have three more calls after this one.';
const CANDIDATE_NOTE = 'You rehearsed this answer on the bus.';
const live = () => document.querySelector('[aria-live="polite"]')!.textContent ?? '';

describe('pass-and-play', () => {
  it('asks to pass the device at each hand-over and never shows one side’s notes to the other', async () => {
    const user = userEvent.setup();
    renderApp({ hash: '#/play/fake-call/both' });
    expect(await screen.findByRole('heading', { name: 'Pass the device to Priya Raman, the employer' }, { timeout: LAZY })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /what do you do/ })).not.toBeInTheDocument();
    expect(live()).toBe('Pass the device to Priya Raman, the employer.');
    await user.click(screen.getByRole('button', { name: 'I am Priya Raman: show my turn' }));

    await user.click(screen.getByRole('button', { name: /Call on time/ }));
    // Priya reads her own feedback first; nothing of Tomás's next scene is shown yet.
    expect(screen.getByRole('complementary', { name: 'Coach' })).toHaveTextContent('Priya chose “Call on time”');
    expect(screen.getByRole('complementary', { name: 'Coach' })).toHaveTextContent('Feedback on: Call on time');
    expect(document.body).not.toHaveTextContent('Tell me about an alert you handled.');
    expect(document.body).not.toHaveTextContent(CANDIDATE_NOTE);
    expect(screen.queryByRole('heading', { name: /^Pass the device/ })).not.toBeInTheDocument();
    // Before passing the device, Priya may still take her choice back.
    await user.click(screen.getByRole('button', { name: 'Undo my last choice' }));
    expect(screen.getByRole('region', { name: 'Priya, what do you do?' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Call on time/ }));
    await user.click(screen.getByRole('button', { name: 'I have read this: pass the device on' }));

    expect(screen.getByRole('heading', { name: 'Pass the device to Tomás Okafor, the candidate' })).toBeInTheDocument();
    expect(screen.getByText('Priya, please hand over now: what comes next is for Tomás Okafor only.')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(EMPLOYER_NOTE);
    expect(document.body).not.toHaveTextContent('Feedback on: Call on time');
    expect(document.body).not.toHaveTextContent('Tell me about an alert you handled.');
    // Whoever holds the device now cannot undo Priya's choice.
    expect(screen.queryByRole('button', { name: /^Undo/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'I am Tomás Okafor: show my turn' }));

    expect(screen.getByRole('region', { name: 'Tomás, what do you do?' })).toBeInTheDocument();
    expect(screen.getByText(CANDIDATE_NOTE)).toBeInTheDocument();
    expect(live()).toContain(CANDIDATE_NOTE);
    expect(document.body).not.toHaveTextContent(EMPLOYER_NOTE);
    expect(screen.queryByRole('complementary', { name: 'Coach' })).not.toBeInTheDocument();
    // Priya's choice is hers to undo, not Tomás's.
    expect(screen.queryByRole('button', { name: /^Undo/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Walk through a real alert/ }));
    expect(screen.getByRole('complementary', { name: 'Coach' })).toHaveTextContent('Feedback on: Walk through a real alert');
    await user.click(screen.getByRole('button', { name: 'I have read this: pass the device on' }));
    expect(screen.getByRole('heading', { name: 'Pass the device to Priya Raman, the employer' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'I am Priya Raman: show my turn' }));
    expect(document.body).not.toHaveTextContent(CANDIDATE_NOTE);
    expect(document.body).not.toHaveTextContent('Feedback on: Walk through a real alert');
    expect(screen.getByRole('region', { name: 'Priya, what do you do?' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Explain the next steps warmly/ }));
    // The debrief's code is fetched while the run is played; the outcome comes first, the rest after paint.
    expect(await screen.findByRole('heading', { level: 2, name: OUTCOME_INFO.mutualFit.title }, { timeout: LAZY })).toBeInTheDocument();
    await screen.findByRole('heading', { level: 2, name: 'What next' });
    // The debrief is for both: each side's notes are shown.
    expect(screen.getByText(EMPLOYER_NOTE)).toBeInTheDocument();
    expect(screen.getByText(CANDIDATE_NOTE)).toBeInTheDocument();
  });

  it('keeps the hand-over after a reload, so nothing private is revealed', async () => {
    const user = userEvent.setup();
    const first = renderApp({ hash: '#/play/fake-call/both' });
    await user.click(await screen.findByRole('button', { name: 'I am Priya Raman: show my turn' }, { timeout: LAZY }));
    await user.click(screen.getByRole('button', { name: /Call on time/ }));
    const address = window.location.hash;
    first.unmount();
    renderApp({ hash: address, storage: first.storage });
    expect(await screen.findByRole('heading', { name: 'Pass the device to Tomás Okafor, the candidate' }, { timeout: LAZY })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(CANDIDATE_NOTE);
  });

  it('is accessible at a hand-over', async () => {
    const { container } = renderApp({ hash: '#/play/fake-call/both' });
    await screen.findByRole('heading', { name: /^Pass the device/ }, { timeout: LAZY });
    expect(await axeViolations(container)).toEqual([]);
  });
});
