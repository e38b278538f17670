// @vitest-environment jsdom
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { analyseScenario, type PathStep } from '../../src/lib/engine/analyse.ts';
import { OUTCOME_INFO, OUTCOMES, type Outcome } from '../../src/lib/engine/ledger.ts';
import { axeViolations } from '../support/axe.ts';
import { playPath } from '../support/play.ts';
import { fake, LAZY, renderApp } from './harness.ts';

const scenario = fake();
const pathTo = (outcome: Outcome, seat: 'employer' | 'candidate' = 'employer') =>
  analyseScenario(scenario).seats.find((s) => s.seat === seat)!.outcomes[outcome].shortestPath!;

const EXPECTED_QUADRANT: Record<Outcome, string> = {
  mutualFit: 'top right',
  candidateDeclines: 'bottom right',
  employerDeclines: 'top left',
  noFit: 'bottom left',
};

/** The quadrant the run's point is drawn in, read from the drawing itself. */
function drawnQuadrant(label = 'This run'): string {
  const svg = screen.getByRole('img');
  const point = svg.querySelector(`circle[data-label="${label}"]`)!;
  const [vertical, horizontal] = svg.querySelectorAll('line.divide');
  const right = Number(point.getAttribute('cx')) > Number(vertical!.getAttribute('x1'));
  const top = Number(point.getAttribute('cy')) < Number(horizontal!.getAttribute('y1'));
  return `${top ? 'top' : 'bottom'} ${right ? 'right' : 'left'}`;
}

/** A snide opening (a deal-breaker for the candidate), a real example, a warm close: the candidate declines. */
const RUDE_PATH: PathStep[] = [
  { scene: 'start', event: 'choice.rude', by: 'player' },
  { scene: 'answer', event: 'choice.prepared', by: 'simulated' },
  { scene: 'wrap', event: 'choice.warm', by: 'player' },
];

async function playTo(outcome: Outcome, seat: 'employer' | 'candidate' = 'employer', path = pathTo(outcome, seat)) {
  const user = userEvent.setup();
  const app = renderApp({ hash: `#/play/fake-call/${seat}` });
  await screen.findByRole('heading', { level: 1, name: 'A short call' }, { timeout: LAZY });
  await playPath(user, scenario, path);
  await screen.findByRole('heading', { level: 2, name: OUTCOME_INFO[outcome].title }, { timeout: LAZY });
  // The first screen (the outcome) comes first; the rest of the debrief follows once it is painted.
  await screen.findByRole('heading', { level: 2, name: 'What next' });
  return { user, ...app };
}

describe('<DebriefScreen>', () => {
  it.each(OUTCOMES)('names %s and places the run in its quadrant', async (outcome) => {
    await playTo(outcome);
    expect(screen.getByText(OUTCOME_INFO[outcome].description)).toBeInTheDocument();
    const picture = screen.getByRole('img');
    expect(picture).toHaveAccessibleName(expect.stringContaining(`This run ended in the ${EXPECTED_QUADRANT[outcome]}: ${OUTCOME_INFO[outcome].title}.`));
    expect(drawnQuadrant()).toBe(EXPECTED_QUADRANT[outcome]);
    expect(screen.getByRole('region', { name: 'How the employer sees the candidate' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'How the candidate sees the employer' })).toBeInTheDocument();
  });

  it('draws a deal-breaker run on the side that does not like, and says why', async () => {
    await playTo('candidateDeclines', 'employer', RUDE_PATH);
    expect(screen.getByRole('region', { name: 'How the candidate sees the employer' })).toHaveTextContent(/Total\s*\+1/);
    expect(screen.getByRole('img')).toHaveAccessibleName(
      expect.stringContaining('A deal-breaker decided the candidate’s side: The interviewer mocked them. It outweighs the candidate’s positive total of +1.'),
    );
    expect(drawnQuadrant()).toBe('bottom right');
    // Marked as such on the drawing, with a legend in words.
    expect(screen.getByRole('img').querySelector('[data-deal-breaker="This run"]')).not.toBeNull();
    expect(screen.getByText(/marks a run that a deal-breaker decided/)).toBeVisible();
  });

  it('shows every step with its effect and the other side’s thoughts, and the turning point', async () => {
    await playTo('candidateDeclines', 'employer', RUDE_PATH);
    const timeline = screen.getByRole('region', { name: 'Step by step: what each side did and thought' });
    const steps = within(timeline)
      .getAllByRole('listitem')
      .filter((li) => li.matches('.timeline > li'));
    expect(steps).toHaveLength(RUDE_PATH.length);
    for (const [i, step] of RUDE_PATH.entries()) {
      const label = (scenario.machine.states[step.scene]!.on![step.event] as { meta: { label: string } }).meta.label;
      expect(steps[i]).toHaveTextContent(label);
      expect(steps[i]).toHaveTextContent(`thought: Thoughts on: ${label}`);
    }
    const turning = steps.filter((li) => within(li).queryByText('Turning point: the largest swing of the run'));
    expect(turning).toHaveLength(1);
    expect(turning[0]).toBe(steps[0]);
    expect(steps[0]).toHaveTextContent('Deal-breaker for Tomás: The interviewer mocked them.');
    expect(steps[1]).toHaveTextContent('Priya’s view of Tomás: common sense +2');
    expect(steps[2]).toHaveTextContent('Tomás’s view of Priya: courtesy +1');
    expect(within(timeline).getByText(/^The turning point was step/)).toHaveTextContent('The turning point was step 1');
  });

  it('shows both sides’ private notes in the debrief', async () => {
    await playTo('mutualFit');
    expect(screen.getByText('You have three more calls after this one.')).toBeInTheDocument();
    expect(screen.getByText('You rehearsed this answer on the bus.')).toBeInTheDocument();
  });

  it('rewinds to exactly where a step began, and compares the branch with the first run', async () => {
    const { user, saved } = await playTo('noFit');
    const original = [...saved.store.runs.values()][0]!;
    await user.click(screen.getByRole('button', { name: 'Rewind to step 1 and choose differently' }));
    await screen.findByRole('region', { name: 'Priya, what do you do?' });
    const branch = [...saved.store.runs.values()].find((r) => r.id !== original.id)!;
    expect(branch).toMatchObject({
      choices: [],
      stepCount: 0,
      outcome: null,
      seed: original.seed,
      branchOf: { runId: original.id, step: 0, choices: original.choices },
    });
    expect(saved.store.runs.get(original.id)).toEqual(original);
    expect(window.location.hash).toBe(`#/run/${branch.id}`);

    await playPath(user, scenario, pathTo('mutualFit'));
    await screen.findByRole('heading', { level: 2, name: OUTCOME_INFO.mutualFit.title });
    const compare = await screen.findByRole('region', { name: 'The road not taken: your two runs compared' });
    const firstChoice = (event: string) => (scenario.machine.states.start!.on![event] as { meta: { label: string } }).meta.label;
    expect(compare).toHaveTextContent(
      `At step 1, your earlier run chose “${firstChoice(pathTo('noFit')[0]!.event)}”; this run chose “${firstChoice(pathTo('mutualFit')[0]!.event)}”.`,
    );
    expect(compare).toHaveTextContent('The two runs end differently.');
    expect(within(compare).getByRole('region', { name: 'Your earlier run' })).toHaveTextContent(OUTCOME_INFO.noFit.title);
    expect(within(compare).getByRole('region', { name: 'This run' })).toHaveTextContent(OUTCOME_INFO.mutualFit.title);
    expect(drawnQuadrant('Earlier run')).toBe('bottom left');
    expect(drawnQuadrant('This run')).toBe('top right');
    expect(saved.history.map((h) => h.outcome)).toEqual(['mutualFit', 'noFit']);
  });

  it('plays again from the other seat', async () => {
    const { user } = await playTo('mutualFit');
    await user.click(screen.getByRole('button', { name: 'Play again from the other seat, as the candidate' }));
    expect(await screen.findByText(/^Playing as the candidate/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Continue' })).toBeInTheDocument();
  });

  it('announces the outcome in the live region', async () => {
    await playTo('employerDeclines');
    const live = document.querySelector('[aria-live="polite"]')!;
    expect(live).toHaveTextContent(`The interview is over. ${OUTCOME_INFO.employerDeclines.title}.`);
  });

  it('is accessible', async () => {
    const { container } = await playTo('candidateDeclines');
    expect(await axeViolations(container)).toEqual([]);
  });
});
