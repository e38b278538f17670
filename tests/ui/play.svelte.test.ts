import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import App from '../../src/app/App.svelte';
import PlayScreen from '../../src/app/PlayScreen.svelte';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { OUTCOME_INFO, OUTCOMES } from '../../src/lib/engine/ledger.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { builtInScenarios, loadBuiltIn } from '../../src/lib/scenarios/catalog.ts';
import { RunSession } from '../../src/lib/state/run.svelte.ts';
import { axeViolations } from '../support/axe.ts';
import { fakeScenario } from '../support/fakes.ts';
import { playPath } from '../support/play.ts';

function fake() {
  const v = validateScenario(fakeScenario());
  if (!v.ok) throw new Error('fake invalid');
  return v.scenario;
}

describe('<PlayScreen>', () => {
  it('shows who speaks, what they say, and numbered choices', () => {
    render(PlayScreen, { session: new RunSession(fake(), 'employer'), onexit: () => {} });
    expect(screen.getByText('Priya Raman, SOC manager')).toBeInTheDocument();
    expect(screen.getByText('The call is due at ten.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Priya Raman, what do you do?' })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(4);
  });

  it('lets the keyboard pick a choice by its number', async () => {
    const user = userEvent.setup();
    render(PlayScreen, { session: new RunSession(fake(), 'employer'), onexit: () => {} });
    await user.keyboard('3');
    // Opening 3 is the snide remark: the simulated candidate answers, shown with a Continue button.
    expect(screen.getByText('Tomás Okafor:')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Continue' })).toBeInTheDocument();
  });

  it.each(OUTCOMES)('plays to %s and names it with both ledgers', async (outcome) => {
    const scenario = fake();
    const path = analyseScenario(scenario).seats[0]!.outcomes[outcome].shortestPath!;
    const user = userEvent.setup();
    render(PlayScreen, { session: new RunSession(scenario, 'employer'), onexit: () => {} });
    await playPath(user, scenario, path);
    expect(screen.getByRole('heading', { level: 2, name: OUTCOME_INFO[outcome].title })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'How the employer sees the candidate' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'How the candidate sees the employer' })).toBeInTheDocument();
  });

  it('is accessible', async () => {
    const { container } = render(PlayScreen, { session: new RunSession(fake(), 'candidate'), onexit: () => {} });
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe('<App>', () => {
  it('plays the first built-in scenario from the library to an outcome', async () => {
    const [first] = builtInScenarios();
    expect(first, 'there is a built-in scenario').toBeDefined();
    const scenario = (await loadBuiltIn(first!.id))!;
    const seat = scenario.seats[0]!;
    const path = analyseScenario(scenario).seats.find((s) => s.seat === seat)!.outcomes.mutualFit.shortestPath!;
    const user = userEvent.setup();
    render(App);
    const card = screen.getByRole('heading', { name: first!.title }).closest('li')!;
    await user.click(card.querySelector(`button`)!);
    await screen.findByRole('heading', { level: 1, name: first!.title });
    await playPath(user, scenario, path);
    expect(screen.getByRole('heading', { level: 2, name: OUTCOME_INFO.mutualFit.title })).toBeInTheDocument();
  });

  it('is accessible on the library screen', async () => {
    const { container } = render(App);
    expect(await axeViolations(container)).toEqual([]);
  });
});
