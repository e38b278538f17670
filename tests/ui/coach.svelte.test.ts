// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import PlayScreen from '../../src/app/PlayScreen.svelte';
import { RunSession } from '../../src/lib/state/run.svelte.ts';
import { fake } from './harness.ts';

/** The fake call with a scene between the answer and the goodbye whose continue moves a ledger. */
const withBridge = (reason?: string) =>
  fake((input) => {
    for (const choice of Object.values<any>(input.machine.states.answer.on)) choice.target = 'bridge';
    input.machine.states.bridge = {
      meta: { speaker: 'narrator', text: ['Priya’s line goes quiet for a moment.'] },
      on: {
        continue: {
          target: 'wrap',
          actions: [{ type: 'impress', params: { ledger: 'candidate', dimension: 'communication', by: -1 } }],
          ...(reason ? { reason } : {}),
        },
      },
    };
  });

function play(seat: 'employer' | 'candidate', scenario = withBridge('Priya left the line silent without a word.')) {
  const session = new RunSession({ scenario, seat, mode: 'coach', seed: 1 });
  render(PlayScreen, { session });
  return { session, user: userEvent.setup(), coach: () => screen.getByRole('complementary', { name: 'Coach' }) };
}

describe('coach mode explains every ledger move', () => {
  it('says what the other side did, as the player could see it, and why it moved their view', async () => {
    const { user, coach } = play('candidate');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    // Priya's simulated call: what Tomás could see, the reason, and whose view moved how.
    expect(coach()).toHaveTextContent('The phone rings at ten exactly.');
    expect(coach()).toHaveTextContent('Feedback on: Call on time');
    expect(coach()).toHaveTextContent('Tomás’s view of Priya: courtesy +2');
    expect(coach()).not.toHaveTextContent('Call on time”');
  });

  it('explains a continue that moves a ledger with the author’s reason, after the player’s own choice', async () => {
    const { user, coach } = play('candidate');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: /Walk through a real alert/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const notes = within(coach())
      .getAllByText(/./, { selector: '.what' })
      .map((n) => n.textContent);
    expect(notes).toEqual(['Tomás chose “Walk through a real alert”', 'The story moved on']);
    expect(coach()).toHaveTextContent('Priya left the line silent without a word.');
    expect(coach()).toHaveTextContent('Tomás’s view of Priya: communication -1');
  });

  it('still names the move when an older file gives no reason', async () => {
    const { user, coach } = play('candidate', withBridge());
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: /Walk through a real alert/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(coach()).toHaveTextContent('Because of what happened earlier in this run.');
    expect(coach()).toHaveTextContent('Tomás’s view of Priya: communication -1');
  });
});
