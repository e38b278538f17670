// @vitest-environment jsdom
/**
 * Safety: every text from a scenario file is shown as text. A scenario full of markup and script URLs
 * renders it inert in the map, the import panel and the list of custom scenarios.
 */
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CustomScenarioList from '../../src/app/authoring/CustomScenarioList.svelte';
import ImportPanel from '../../src/app/authoring/ImportPanel.svelte';
import ScenarioMap from '../../src/lib/map/ScenarioMap.svelte';
import { CustomLibrary } from '../../src/app/authoring/custom-library.svelte.ts';
import { saveCustomScenario } from '../../src/lib/authoring/store.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { fakeScenario } from '../support/fakes.ts';
import { MemoryStorage } from './support.ts';

const SCRIPT = '<script>window.__pwned = true; alert(1)</script>';
const IMG = '<img src=x onerror="alert(1)">';
const LINK = 'javascript:alert(document.cookie)';
const ALL = `${SCRIPT} ${IMG} ${LINK}`;

/** The fake scenario with every text a file can carry replaced by hostile strings. */
function hostileData(): any {
  const data = fakeScenario() as any;
  Object.assign(data, { title: `Title ${SCRIPT}`, summary: `Summary ${IMG}`, setting: LINK, objectives: [ALL], tags: [IMG] });
  data.facilitator = { questions: [ALL], notes: ALL };
  data.cast.employer = { name: IMG, role: SCRIPT };
  data.cast.candidate = { name: LINK, role: IMG };
  for (const scene of Object.values<any>(data.machine.states)) {
    scene.meta.text = [SCRIPT, IMG, LINK];
    scene.description = ALL;
    if (scene.meta.decides) scene.meta.asides = { employer: IMG, candidate: SCRIPT };
    for (const choice of Object.values<any>(scene.on ?? {})) {
      choice.meta = { label: `${IMG} ${Math.random()}`, feedback: SCRIPT, thoughts: LINK, observed: ALL };
      for (const action of choice.actions) if (action.type === 'dealBreaker') action.params.reason = IMG;
    }
  }
  return data;
}

function expectInert(container: HTMLElement) {
  expect(container.querySelectorAll('script, img, iframe, object, embed, a, [srcdoc]')).toHaveLength(0);
  for (const element of container.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      expect(attribute.name.startsWith('on'), `${element.tagName} has ${attribute.name}`).toBe(false);
      // An aria-label is words read aloud (the map's scene names carry the cast's names), never an address.
      if (attribute.name !== 'aria-label') expect(attribute.value.toLowerCase()).not.toContain('javascript:');
    }
  }
  expect((window as any).__pwned).toBeUndefined();
  expect(window.alert).not.toHaveBeenCalled();
}

beforeEach(() => {
  window.alert = vi.fn();
});
afterEach(() => {
  delete (window as any).__pwned;
});

describe('hostile scenario text', () => {
  it('is a valid scenario, so every screen must show it', () => {
    expect(validateScenario(hostileData()).ok).toBe(true);
  });

  it('stays text on the map, in the scene details and in the scene list', async () => {
    const v = validateScenario(hostileData());
    if (!v.ok) throw new Error('invalid');
    const user = userEvent.setup();
    const { container } = render(ScenarioMap, { scenario: v.scenario, path: ['start', 'answer'] });
    await user.click(screen.getByRole('button', { name: /Scene id: answer\.$/ }));
    await user.click(screen.getByText(/as a list/));
    expect(screen.getAllByText(SCRIPT).length).toBeGreaterThan(0);
    expect(screen.getAllByText(IMG).length).toBeGreaterThan(0);
    expect(screen.getAllByText(LINK).length).toBeGreaterThan(0);
    expect(screen.getByRole('heading', { name: `Map of “Title ${SCRIPT}”` })).toBeInTheDocument();
    expectInert(container);
  });

  it('stays text in the import panel, for a valid file and in the problems of a broken one', async () => {
    const user = userEvent.setup();
    const { container } = render(ImportPanel, { storage: new MemoryStorage(), builtInIds: [] });
    const box = screen.getByLabelText("Or paste the file's text");
    box.focus();
    await user.paste(JSON.stringify(hostileData()));
    await user.click(screen.getByRole('button', { name: 'Check pasted text' }));
    // The check runs off the main thread in the app (here in-thread, still asynchronously).
    expect(await screen.findByText(`Title ${SCRIPT}`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show the map' }));
    expectInert(container);

    const broken = hostileData();
    broken.machine.states.answer.on['choice.prepared'].actions[0].params.dimension = SCRIPT;
    broken[LINK] = IMG;
    await user.clear(box);
    await user.paste(JSON.stringify(broken));
    await user.click(screen.getByRole('button', { name: 'Check pasted text' }));
    const problems = await screen.findByRole('list', { name: 'Problems' });
    expect(problems).toHaveTextContent(`"${SCRIPT}" is not a dimension`);
    expect(problems).toHaveTextContent(`has a field it does not know: "${LINK}"`);
    expectInert(container);

    const wrongSpeaker = hostileData();
    wrongSpeaker.machine.states.start.meta.speaker = IMG;
    await user.clear(box);
    await user.paste(JSON.stringify(wrongSpeaker));
    await user.click(screen.getByRole('button', { name: 'Check pasted text' }));
    expect(screen.getByRole('list', { name: 'Problems' })).toHaveTextContent(`"${IMG}" is not in the cast`);
    expectInert(container);
  });

  it('stays text in the list of custom scenarios', async () => {
    const storage = new MemoryStorage();
    const result = await saveCustomScenario(JSON.stringify(hostileData()), { storage, builtInIds: [], asDraft: true });
    expect(result.ok).toBe(true);
    const { container } = render(CustomScenarioList, { library: new CustomLibrary(storage), onplay: () => {} });
    expect(screen.getByRole('heading', { name: `Title ${SCRIPT}` })).toBeInTheDocument();
    expect(screen.getByText(`Summary ${IMG}`)).toBeInTheDocument();
    expectInert(container);
  });

  it('is never inserted as markup: no component uses {@html}', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    for (const file of readdirSync('src/app/authoring').filter((f) => f.endsWith('.svelte'))) {
      expect(readFileSync(`src/app/authoring/${file}`, 'utf8'), file).not.toContain('{@html');
    }
  });
});
