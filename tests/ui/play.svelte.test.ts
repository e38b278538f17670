import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import PlayScreen from '../../src/app/PlayScreen.svelte';
import type { PlaySeat } from '../../src/lib/engine/machine.ts';
import type { PlayMode } from '../../src/lib/persistence/records.ts';
import { RunSession } from '../../src/lib/state/run.svelte.ts';
import { axeViolations } from '../support/axe.ts';
import { fake } from './harness.ts';

function renderComponent(options: { seat?: PlaySeat; mode?: PlayMode } = {}) {
  const session = new RunSession({ scenario: fake(), seat: options.seat ?? 'employer', mode: options.mode ?? 'coach' });
  return { ...render(PlayScreen, { session }), session };
}

describe('<PlayScreen>', () => {
  it('shows who speaks, what they say, and numbered choices', () => {
    renderComponent();
    expect(screen.getByRole('heading', { level: 2, name: 'Priya Raman, SOC manager' })).toBeInTheDocument();
    expect(screen.getByText('The call is due at ten.')).toBeInTheDocument();
    const choices = screen.getByRole('region', { name: 'Priya, what do you do?' });
    expect(within(choices).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual([
      '1 Call on time',
      '2 Call ten minutes late',
      '3 Open with a snide remark',
      '4 Start with a hard question',
    ]);
    expect(screen.getByText('A phone call about a security analyst role.')).toBeInTheDocument();
  });

  it('lets the keyboard pick a choice by its number', async () => {
    const user = userEvent.setup();
    renderComponent();
    await user.keyboard('3');
    // The snide remark; the simulated candidate answers next, shown with a Continue button.
    expect(screen.getByText('Tomás Okafor:')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Continue' })).toBeInTheDocument();
    expect(screen.getByText('Deal-breaker for Tomás: The interviewer mocked them.')).toBeInTheDocument();
  });

  it('ignores number keys while the player types in a field', async () => {
    const user = userEvent.setup();
    renderComponent();
    const field = document.body.appendChild(document.createElement('input'));
    field.setAttribute('aria-label', 'notes');
    await user.click(field);
    await user.keyboard('2');
    expect(screen.getByRole('region', { name: 'Priya, what do you do?' })).toBeInTheDocument();
    field.remove();
  });

  it('in coach mode, shows both ledgers moving and feedback after each choice', async () => {
    const user = userEvent.setup();
    renderComponent({ seat: 'candidate' });
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(within(screen.getByRole('region', { name: 'How the candidate sees the employer' })).getByText('Total').nextElementSibling).toHaveTextContent('+2');
    await user.click(screen.getByRole('button', { name: /Walk through a real alert/ }));
    const coach = screen.getByRole('complementary', { name: 'Coach' });
    expect(coach).toHaveTextContent('Tomás chose “Walk through a real alert”');
    expect(coach).toHaveTextContent('Feedback on: Walk through a real alert');
    expect(coach).toHaveTextContent('Priya’s view of Tomás: common sense +2');
    const employerView = screen.getByRole('region', { name: 'How the employer sees the candidate' });
    expect(within(employerView).getByText('Common sense').nextElementSibling).toHaveTextContent('+2');
  });

  it('in realistic mode, shows neither ledgers nor feedback', async () => {
    const user = userEvent.setup();
    renderComponent({ seat: 'candidate', mode: 'realistic' });
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(screen.getByRole('button', { name: /Walk through a real alert/ }));
    expect(screen.queryByRole('region', { name: /sees the/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('complementary', { name: 'Coach' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo my last choice' })).not.toBeInTheDocument();
    expect(screen.queryByText(/Feedback on/)).not.toBeInTheDocument();
  });

  it('undoes the last choice, back to exactly the state before it', async () => {
    const user = userEvent.setup();
    const { session } = renderComponent();
    await user.click(screen.getByRole('button', { name: /Call on time/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const atWrap = session.record.snapshots;
    expect(atWrap).toHaveLength(3);
    // Undo the candidate's simulated answer and Priya's opening together: back to Priya's first decision.
    await user.click(screen.getByRole('button', { name: 'Undo my last choice' }));
    expect(session.record.snapshots).toEqual(atWrap.slice(0, 1));
    expect(session.snapshot.value).toBe('start');
    expect(session.snapshot.context).toEqual(atWrap[0]!.context);
    expect(screen.getByRole('region', { name: 'Priya, what do you do?' })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'How the candidate sees the employer' })).getByText('Total').nextElementSibling).toHaveTextContent('0');
    expect(screen.queryByRole('button', { name: 'Undo my last choice' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Call ten minutes late/ }));
    expect(within(screen.getByRole('region', { name: 'How the candidate sees the employer' })).getByText('Total').nextElementSibling).toHaveTextContent('-1');
  });

  it('moves focus to the new scene after a choice', async () => {
    const user = userEvent.setup();
    renderComponent();
    await user.keyboard('1');
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement).toBe(screen.getByRole('article'));
  });

  it('is accessible', async () => {
    const user = userEvent.setup();
    const { container } = renderComponent();
    await user.keyboard('1');
    expect(await axeViolations(container)).toEqual([]);
  });
});
