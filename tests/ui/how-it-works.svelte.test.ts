// @vitest-environment jsdom
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { OUTCOME_INFO, OUTCOMES } from '../../src/lib/engine/ledger.ts';
import { axeViolations } from '../support/axe.ts';
import { playPath } from '../support/play.ts';
import { fake, LAZY, renderApp } from './harness.ts';

const scenario = fake();

async function openPage() {
  const app = renderApp({ hash: '#/how-it-works' });
  await screen.findByRole('heading', { level: 1, name: 'How it works' }, { timeout: LAZY });
  return app;
}

describe('<HowItWorks>', () => {
  it('explains the game in titled sections', async () => {
    await openPage();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Two ledgers',
      'Three dimensions',
      'When does one side like the other?',
      'Four outcomes',
      'Coach and realistic modes',
      'Two players, one device',
      'The order of the options is shuffled',
      'The other side’s thoughts',
    ]);
    expect(document.title).toBe('How it works · Other Side of the Desk');
  });

  it('names both ledgers and the three dimensions', async () => {
    await openPage();
    const ledgers = screen.getByRole('region', { name: 'Two ledgers' });
    expect(ledgers).toHaveTextContent('How the employer sees the candidate');
    expect(ledgers).toHaveTextContent('How the candidate sees the employer');
    const dimensions = within(screen.getByRole('region', { name: 'Three dimensions' })).getAllByRole('listitem');
    expect(dimensions.map((li) => li.textContent!.split(':')[0])).toEqual(['Courtesy', 'Communication', 'Common sense']);
  });

  it('states the rule: more than zero, a total of 0 is "does not like", only the total counts, one deal-breaker sinks it', async () => {
    await openPage();
    const rule = screen.getByRole('region', { name: 'When does one side like the other?' });
    expect(rule).toHaveTextContent('A side likes the other when its three dimensions add up to more than zero and no deal-breaker was marked.');
    expect(rule).toHaveTextContent('A total of exactly 0 means does not like.');
    expect(rule).toHaveTextContent('Only the total counts, not any single dimension');
    expect(rule).toHaveTextContent('One deal-breaker sinks an otherwise good run, whatever the total.');
    // The worked examples are judged by the engine's own rule.
    const examples = within(rule)
      .getAllByRole('listitem')
      .map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(examples).toEqual(
      expect.arrayContaining([
        'Courtesy +1, Communication +1, Common sense -2: total 0, so this side does not like the other.',
        'Courtesy -2, Communication +1, Common sense +3: total +2, so this side likes the other.',
        'Courtesy +3, Communication +2, Common sense +2, and a deal-breaker was marked: total +7, so this side does not like the other.',
      ]),
    );
  });

  it('lists the four outcomes with their titles and descriptions', async () => {
    await openPage();
    const outcomes = within(screen.getByRole('region', { name: 'Four outcomes' })).getAllByRole('listitem');
    expect(outcomes.map((li) => li.textContent)).toEqual(OUTCOMES.map((o) => `${OUTCOME_INFO[o].title}: ${OUTCOME_INFO[o].description}`));
  });

  it('explains the modes, pass-and-play, the shuffled options and the other side’s thoughts', async () => {
    await openPage();
    const modes = screen.getByRole('region', { name: 'Coach and realistic modes' });
    expect(modes).toHaveTextContent('Coach: after each choice you see both ledgers and feedback on what you chose, and you can undo it.');
    expect(modes).toHaveTextContent('Realistic: like a real interview, nothing is shown until the end.');
    expect(screen.getByRole('region', { name: 'Two players, one device' })).toHaveTextContent('each side’s private notes stay private');
    expect(screen.getByRole('region', { name: 'The order of the options is shuffled' })).toHaveTextContent('so the first option is not a hint');
    expect(screen.getByRole('region', { name: 'The other side’s thoughts' })).toHaveTextContent(
      'what the other person privately thought of it. These thoughts are revealed only after the run, never during play.',
    );
  });

  it('is linked from the library, and leads back to it', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('link', { name: 'How it works' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'How it works' }, { timeout: LAZY })).toHaveFocus();
    expect(window.location.hash).toBe('#/how-it-works');
    await user.click(screen.getByRole('link', { name: '← Library' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Other Side of the Desk' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'How it works' })).toHaveAttribute('href', '#/how-it-works');
  });

  it('is linked from the debrief, next to the outcome', async () => {
    const user = userEvent.setup();
    renderApp({ hash: '#/play/fake-call/employer' });
    await screen.findByRole('heading', { level: 1, name: 'A short call' }, { timeout: LAZY });
    await playPath(user, scenario, analyseScenario(scenario).seats[0]!.outcomes.mutualFit.shortestPath!);
    const outcome = (await screen.findByRole('heading', { level: 2, name: OUTCOME_INFO.mutualFit.title })).closest('section')!;
    await user.click(within(outcome).getByRole('link', { name: 'How the outcome is decided' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'How it works' }, { timeout: LAZY })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/how-it-works');
  });

  it('is accessible', async () => {
    const { container } = await openPage();
    expect(await axeViolations(container)).toEqual([]);
  });
});
