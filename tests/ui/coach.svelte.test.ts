// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mergeCommentary, splitCommentary } from '../../src/lib/scenarios/commentary.ts';
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

describe('on a phone, the coach box starts folded', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names the latest move in its summary line, and explains every move once opened', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('max-width'), media: query }));
    const { user, coach } = play('candidate');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: /Walk through a real alert/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const summary = within(coach()).getByText('Coach').closest('summary')!;
    expect(summary).toHaveTextContent('Coach: The story moved on');
    expect(summary.closest('details')).not.toHaveAttribute('open');
    // Folded, the notes are not built (a step on a slow phone then changes one line).
    expect(coach().querySelectorAll('.note')).toHaveLength(0);
    await user.click(summary);
    const notes = within(coach())
      .getAllByText(/./, { selector: '.what' })
      .map((n) => n.textContent);
    expect(notes).toEqual(['Tomás chose “Walk through a real alert”', 'The story moved on']);
    expect(coach()).toHaveTextContent('Tomás’s view of Priya: communication -1');
  });
});

describe('a run opened before its commentary is in', () => {
  /** The scenario without its notes, and a way to put them in when the test says so. */
  function opening(mode: 'coach' | 'realistic') {
    const { play, coach } = splitCommentary(withBridge('Priya left the line silent without a word.'));
    let arrive!: () => void;
    const coming = new Promise<void>((resolve) => (arrive = () => (mergeCommentary(play, coach), resolve())));
    const session = new RunSession({ scenario: play, seat: 'candidate', mode, seed: 1, commentary: () => coming });
    render(PlayScreen, { session });
    return { session, arrive, user: userEvent.setup() };
  }

  it('in coach mode, keeps the move made meanwhile and takes it once the notes are in, explained', async () => {
    const { session, arrive, user } = opening('coach');
    expect(session.waitsForCommentary).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    // Nothing moved: the coach would have had nothing to say.
    expect(session.steps).toHaveLength(0);
    expect(screen.queryByRole('complementary', { name: 'Coach' })).not.toBeInTheDocument();
    arrive();
    await vi.waitFor(() => expect(session.steps).toHaveLength(1));
    expect(screen.getByRole('complementary', { name: 'Coach' })).toHaveTextContent('Feedback on: Call on time');
    expect(session.waitsForCommentary).toBe(false);
  });

  it('in realistic mode, plays on at once: nothing on screen needs the notes before the debrief', async () => {
    const { session, user } = opening('realistic');
    expect(session.waitsForCommentary).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(session.steps).toHaveLength(1);
    expect(session.commentary).toBe('coming');
  });

  it('takes no move while the notes cannot come, and the next move asks for them again', async () => {
    const { play, coach } = splitCommentary(withBridge('Priya left the line silent without a word.'));
    let calls = 0;
    const load = () => (++calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(mergeCommentary(play, coach)));
    const session = new RunSession({ scenario: play, seat: 'candidate', mode: 'coach', seed: 1, commentary: load });
    await vi.waitFor(() => expect(session.commentary).toBeInstanceOf(Error));
    expect(session.steps).toHaveLength(0);
    session.proceed();
    expect(calls).toBe(2);
    await vi.waitFor(() => expect(session.steps).toHaveLength(1));
    expect(session.commentary).toBe('in');
    expect(session.coaching.map((note) => note.kind)).toEqual(['simulated']);
  });
});
