// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { displayOrder } from '../../src/lib/engine/random.ts';
import PlayScreen from '../../src/app/PlayScreen.svelte';
import type { PlaySeat } from '../../src/lib/engine/machine.ts';
import type { PlayMode } from '../../src/lib/persistence/records.ts';
import { RunSession } from '../../src/lib/state/run.svelte.ts';
import { axeViolations } from '../support/axe.ts';
import { fake } from './harness.ts';

const FILE_ORDER = ['Call on time', 'Call ten minutes late', 'Open with a snide remark', 'Start with a hard question'];

function renderComponent(options: { seat?: PlaySeat; mode?: PlayMode; seed?: number; scenario?: ReturnType<typeof fake> } = {}) {
  const session = new RunSession({
    scenario: options.scenario ?? fake(),
    seat: options.seat ?? 'employer',
    mode: options.mode ?? 'coach',
    seed: options.seed ?? 1,
  });
  return { ...render(PlayScreen, { session }), session };
}

describe('<PlayScreen>', () => {
  it('shows who speaks, what they say, and numbered choices in the run’s own order', () => {
    renderComponent({ seed: 1 });
    expect(screen.getByRole('heading', { level: 2, name: 'Priya Raman, SOC manager' })).toBeInTheDocument();
    expect(screen.getByText('The call is due at ten.')).toBeInTheDocument();
    const choices = screen.getByRole('region', { name: 'Priya, what do you do?' });
    const shown = within(choices)
      .getAllByRole('button')
      .map((b) => b.textContent?.trim());
    expect(shown).toEqual(displayOrder(FILE_ORDER, 1, 'start').map((label, i) => `${i + 1} ${label}`));
    expect(screen.getByText('A phone call about a security analyst role.')).toBeInTheDocument();
  });

  it('shuffles the options per run, so the author’s first option is not always number 1', () => {
    const firsts = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const { unmount } = renderComponent({ seed });
      const choices = within(screen.getByRole('region', { name: 'Priya, what do you do?' })).getAllByRole('button');
      firsts.add(choices[0]!.textContent!.trim());
      expect(choices.map((b) => b.textContent!.replace(/^\d+\s*/, '').trim()).sort()).toEqual([...FILE_ORDER].sort());
      unmount();
    }
    expect(firsts.size).toBeGreaterThan(2);
  });

  it('lets the keyboard pick a choice by its displayed number', async () => {
    const user = userEvent.setup();
    renderComponent({ seed: 1 });
    const snide = displayOrder(FILE_ORDER, 1, 'start').indexOf('Open with a snide remark');
    await user.keyboard(String(snide + 1));
    // The snide remark; the simulated candidate answers next: what Priya can see of it, with a Continue button.
    expect(screen.getByText('Tomás describes a phishing alert, step by step.')).toBeInTheDocument();
    expect(screen.queryByText(/Walk through a real alert|Answer in generalities/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Continue' })).toBeInTheDocument();
    expect(screen.getByText('Deal-breaker for Tomás: The interviewer mocked them.')).toBeInTheDocument();
  });

  it('shows a neutral line, never the private label, for a file written before observed lines were required', async () => {
    const user = userEvent.setup();
    const older = fake((input) => {
      input.format = 1;
      delete input.machine.states.answer.on['choice.prepared'].meta.observed;
    });
    renderComponent({ scenario: older });
    await user.click(screen.getByRole('button', { name: /Call on time/ }));
    expect(screen.getByText('Tomás decides.')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('Walk through a real alert');
  });

  it('shows the portrait of whoever speaks, one at a time, and none for the narrator', async () => {
    const user = userEvent.setup();
    const shownPortraits = () => [...document.querySelectorAll('.speaker svg')].filter((svg) => !svg.closest('[hidden]'));
    renderComponent({ seed: 1, scenario: fake((input) => (input.machine.states.wrap.meta.speaker = 'narrator')) });
    const first = shownPortraits();
    expect(first).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: /Open with a snide remark/ }));
    expect(screen.getByRole('heading', { level: 2, name: /^Tomás/ })).toBeInTheDocument();
    const second = shownPortraits();
    expect(second).toHaveLength(1);
    expect(second[0]).not.toBe(first[0]);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Narrator' })).toBeInTheDocument();
    expect(shownPortraits()).toHaveLength(0);
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
    expect(session.record).toMatchObject({ choices: ['choice.onTime'], stepCount: 2 });
    // Undo the candidate's simulated answer and Priya's opening together: back to Priya's first decision.
    await user.click(screen.getByRole('button', { name: 'Undo my last choice' }));
    expect(session.record).toMatchObject({ choices: [], stepCount: 0, outcome: null });
    expect(session.snapshot.value).toBe('start');
    expect(session.snapshot.context).toMatchObject({
      ledgers: { employer: { courtesy: 0, communication: 0, commonSense: 0 }, candidate: { courtesy: 0, communication: 0, commonSense: 0 } },
      steps: [],
    });
    expect(screen.getByRole('region', { name: 'Priya, what do you do?' })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'How the candidate sees the employer' })).getByText('Total').nextElementSibling).toHaveTextContent('0');
    expect(screen.queryByRole('button', { name: 'Undo my last choice' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Call ten minutes late/ }));
    expect(within(screen.getByRole('region', { name: 'How the candidate sees the employer' })).getByText('Total').nextElementSibling).toHaveTextContent('-1');
  });

  it('moves focus to the next thing to do: Continue after the other side moves, else the new scene', async () => {
    const user = userEvent.setup();
    renderComponent({ seed: 1 });
    await user.click(screen.getByRole('button', { name: /Call on time/ }));
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Continue' })));
    await user.keyboard('{Enter}');
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('article')));
    expect(screen.getByRole('region', { name: 'Priya, what do you do?' })).toBeInTheDocument();
  });

  it('is accessible', async () => {
    const user = userEvent.setup();
    const { container } = renderComponent();
    await user.keyboard('1');
    expect(await axeViolations(container)).toEqual([]);
  });
});
