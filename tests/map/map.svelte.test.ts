// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import ScenarioMap from '../../src/lib/map/ScenarioMap.svelte';
import { OUTCOME_INFO, OUTCOMES } from '../../src/lib/engine/ledger.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { builtInScenarios, loadBuiltIn } from '../../src/lib/scenarios/catalog.ts';
import { axeViolations } from '../support/axe.ts';
import { fake, fakeWithFlaws } from '../authoring/support.ts';

function renderMap(props: Partial<{ scenario: Scenario; path: string[] }> = {}) {
  return render(ScenarioMap, { scenario: fake(), ...props });
}

/** A scene's button, found by the scene id its name ends with. */
const sceneButton = (id: string) => screen.getByRole('button', { name: new RegExp(`Scene id: ${id}\\.$`) });
const edgeLabels = (container: HTMLElement) => [...container.querySelectorAll('.edge-labels text')].map((t) => t.textContent);

describe('<ScenarioMap>', () => {
  it('draws every scene as a box named by its speaker and first words that says what happens there', () => {
    renderMap();
    expect(sceneButton('start')).toHaveAccessibleName(
      'Priya Raman: The call is due at… start · employer decides. The scenario starts here. The employer decides: 4 choices. Scene id: start.',
    );
    expect(sceneButton('start')).toHaveTextContent(/^Priya Raman: The call is due at… start · employer decides$/);
    expect(sceneButton('answer')).toHaveTextContent(/^Tomás Okafor: Tell me about an…/);
    expect(sceneButton('wrap')).toHaveTextContent(/^Priya Raman: The call winds down\./);
    expect(sceneButton('answer')).toHaveTextContent('candidate decides');
    expect(sceneButton('end')).toHaveTextContent('ending');
    expect(screen.getByText(/^4 scenes, 1 final scene/)).toBeInTheDocument();
  });

  it('marks the outcomes runs can end in on a final scene, in colour and letter', () => {
    renderMap();
    const end = sceneButton('end');
    expect(end).toHaveAccessibleName(
      `Narrator: The call ends. ending. The interview ends here. Runs that end here: ${Object.values(OUTCOME_INFO)
        .map((o) => o.title.toLowerCase())
        .join('; ')}. Scene id: end.`,
    );
    const chips = document.querySelectorAll('[data-badges="end"] .chip');
    expect([...chips].map((c) => OUTCOMES.find((o) => c.classList.contains(o)))).toEqual(['mutualFit', 'candidateDeclines', 'employerDeclines', 'noFit']);
    expect([...chips].map((c) => c.textContent)).toEqual(['M', 'C', 'E', 'N']);
  });

  it('takes scene ids such as "constructor" and "__proto__" as names like any other', () => {
    // JSON keeps "__proto__" as an own key; the map must not read the object's prototype for either id.
    const text = JSON.stringify(fake()).replaceAll('"answer"', '"constructor"').replaceAll('"end"', '"__proto__"');
    renderMap({ scenario: JSON.parse(text) as Scenario });
    expect(sceneButton('constructor')).toHaveAccessibleName(
      expect.stringMatching(/^Tomás Okafor: Tell me about an… candidate decides\. The candidate decides/),
    );
    expect(sceneButton('constructor')).not.toHaveAccessibleName(expect.stringContaining('Runs that end here'));
    expect(sceneButton('__proto__')).toHaveAccessibleName(expect.stringContaining('The interview ends here. Runs that end here: both sides like each other'));
    expect(document.querySelectorAll('[data-badges="__proto__"] .chip')).toHaveLength(4);
    expect(document.querySelectorAll('[data-badges="constructor"] .chip')).toHaveLength(0);
  });

  it('marks unreachable scenes and dead ends, in words as well as lines', () => {
    renderMap({ scenario: fakeWithFlaws() });
    expect(sceneButton('orphan')).toHaveTextContent('unreachable');
    expect(sceneButton('orphan')).toHaveAccessibleName(expect.stringContaining('Unreachable: no seat can get here.'));
    expect(sceneButton('orphan')).toHaveClass('unreachable');
    expect(sceneButton('limbo')).toHaveTextContent('dead end');
    expect(sceneButton('limbo')).toHaveAccessibleName(expect.stringContaining('Dead end: a run can get stuck here.'));
    expect(sceneButton('answer')).not.toHaveClass('unreachable');
    expect(screen.getByText('1 unreachable')).toBeInTheDocument();
    expect(screen.getByText('1 dead end')).toBeInTheDocument();
  });

  it("highlights a run's path with step numbers", () => {
    const { container } = renderMap({ path: ['start', 'answer', 'wrap', 'end'] });
    expect(sceneButton('wrap')).toHaveAccessibleName(expect.stringContaining("On the run's path at step 3."));
    expect(document.querySelector('[data-badges="wrap"] .step')).toHaveTextContent('3');
    expect(container.querySelectorAll('path.edge.run')).toHaveLength(3);
    expect(screen.getByText("the run's path, numbered by step")).toBeInTheDocument();
  });

  it('draws no path when none is given', () => {
    const { container } = renderMap();
    expect(container.querySelectorAll('path.edge.run')).toHaveLength(0);
    expect(container.querySelectorAll('.badges .step')).toHaveLength(0);
  });

  it('is one tab stop; arrow keys move between scenes and show the scene', async () => {
    const user = userEvent.setup();
    renderMap();
    await user.click(screen.getByRole('button', { name: 'Whole map' }));
    await user.tab();
    expect(sceneButton('start')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(sceneButton('answer')).toHaveFocus();
    expect(screen.getByRole('heading', { name: 'Scene “Tell me about an…”' })).toBeInTheDocument();
    expect(screen.getByText('Tell me about an alert you handled.')).toBeInTheDocument();
    expect(screen.getByText('Id in the file:')).toHaveTextContent('Id in the file: answer');
    expect(sceneButton('answer')).toHaveAttribute('tabindex', '0');
    expect(sceneButton('start')).toHaveAttribute('tabindex', '-1');
    await user.keyboard('{ArrowUp}');
    expect(sceneButton('start')).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{Home}');
    expect(sceneButton('start')).toHaveFocus();
  });

  it("lists a scene's choices with buttons that go to their scenes", async () => {
    const user = userEvent.setup();
    renderMap();
    await user.click(sceneButton('wrap'));
    const details = screen.getByRole('heading', { name: 'Scene “The call winds down.”' }).closest('section')!;
    expect(within(details).getByText(/Explain the next steps warmly →/)).toBeInTheDocument();
    await user.click(within(details).getAllByRole('button', { name: 'The call ends.' })[0]!);
    expect(sceneButton('end')).toHaveFocus();
    expect(screen.getByRole('heading', { name: 'Scene “The call ends.”' })).toBeInTheDocument();
  });

  it('opens at actual size, with the start scene holding the tab stop', () => {
    renderMap();
    expect(screen.getByText('100%')).toBeInTheDocument();
    expect(sceneButton('start')).toHaveAttribute('tabindex', '0');
  });

  it('labels the choices out of a scene while it has keyboard focus', async () => {
    const user = userEvent.setup();
    const { container } = renderMap();
    expect(edgeLabels(container)).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Whole map' }));
    await user.tab();
    expect(sceneButton('start')).toHaveFocus();
    expect(edgeLabels(container)).toEqual(['Call on time', 'Call ten minutes late', 'Open with a snide remark', 'Start with a hard question']);
    await user.keyboard('{ArrowDown}');
    expect(edgeLabels(container)).not.toContain('Call on time');
    expect(edgeLabels(container).length).toBeGreaterThan(0);
    await user.tab();
    expect(edgeLabels(container)).toEqual([]);
  });

  it('labels an edge with its choices when the pointer is on it', async () => {
    const user = userEvent.setup();
    const { container } = renderMap();
    const edge = container.querySelector('.edge-hit')!;
    await user.hover(edge);
    expect(edgeLabels(container)).toEqual(['Call on time', 'Call ten minutes late', 'Open with a snide remark', 'Start with a hard question']);
    await user.hover(sceneButton('wrap'));
    expect(edgeLabels(container)).toContain('Explain the next steps warmly');
    expect(edgeLabels(container)).not.toContain('Call on time');
  });

  it('zooms with the buttons and the keyboard, and says the new zoom', async () => {
    const user = userEvent.setup();
    const { container } = renderMap();
    const svg = container.querySelector('svg[role="group"]')!;
    const width = Number(svg.getAttribute('width'));
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(Number(svg.getAttribute('width'))).toBeCloseTo(width * 1.25);
    expect(screen.getByRole('status')).toHaveTextContent('Zoom 125%');
    sceneButton('start').focus();
    await user.keyboard('--');
    expect(Number(svg.getAttribute('width'))).toBeCloseTo(width / 1.25);
    await user.click(screen.getByRole('button', { name: 'Actual size' }));
    expect(Number(svg.getAttribute('width'))).toBeCloseTo(width);
  });

  it('gives every scene as a text list too', () => {
    renderMap({ scenario: fakeWithFlaws() });
    const list = screen.getByText('All 6 scenes as a list').closest('details')!;
    const items = within(list)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement?.parentElement === list);
    expect(items.map((li) => li.querySelector('code')!.textContent)).toEqual(expect.arrayContaining(['start', 'answer', 'wrap', 'end', 'orphan', 'limbo']));
    expect(items.map((li) => li.querySelector('strong')!.textContent)).toEqual(expect.arrayContaining(['Nobody ever gets here.', 'The line goes quiet.']));
    expect(items).toHaveLength(6);
    expect(within(list).getByText(/Call ten minutes late → Tell me about an…/)).toBeInTheDocument();
  });

  it('is accessible', async () => {
    const { container } = renderMap({ scenario: fakeWithFlaws(), path: ['start', 'answer', 'wrap', 'limbo'] });
    expect(await axeViolations(container)).toEqual([]);
  });

  describe('every built-in scenario', () => {
    it('has built-in scenarios to draw', () => {
      expect(builtInScenarios().length).toBeGreaterThan(0);
    });

    const scenes = (id: string) => Object.keys(JSON.parse(readFileSync(`scenarios/${id}.json`, 'utf8')).machine.states).length;
    const bySize = builtInScenarios()
      .map((s) => ({ id: s.id, scenes: scenes(s.id) }))
      .sort((a, b) => a.scenes - b.scenes);
    const axeChecked = [bySize[0]?.id, bySize.at(-1)?.id];
    it.each(builtInScenarios().map((s) => [s.id]))(
      'draws %s with every scene (and, for the largest and the smallest map, accessibly)',
      async (id) => {
        const scenario = (await loadBuiltIn(id))!;
        const { container } = render(ScenarioMap, { scenario });
        const ids = Object.keys(scenario.machine.states);
        for (const sceneId of ids) expect(sceneButton(sceneId)).toBeInTheDocument();
        expect(container.querySelectorAll('path.edge').length).toBeGreaterThanOrEqual(ids.length - 1);
        // axe (slow in jsdom) on the largest and the smallest map: the markup is the same for every scenario.
        if (axeChecked.includes(id)) expect(await axeViolations(container)).toEqual([]);
      },
      30_000,
    );
  });
});
