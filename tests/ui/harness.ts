/**
 * Test harness for the player screens: the fake scenario (validated), a scenario source over it, saved
 * data in memory, and rendering the whole app at a given address.
 */
import { render } from '@testing-library/svelte';
import App from '../../src/app/App.svelte';
import type { ScenarioSource } from '../../src/app/source.ts';
import type { Scenario, ScenarioInput } from '../../src/lib/engine/schema.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { memoryStorage, type KeyValueStorage } from '../../src/lib/persistence/storage.ts';
import { summarise } from '../../src/lib/scenarios/summary.ts';
import { SavedData } from '../../src/lib/state/saved.svelte.ts';
import { fakeScenario } from '../support/fakes.ts';

export function valid(input: ScenarioInput): Scenario {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(`invalid test scenario: ${v.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`);
  return v.scenario;
}

/** The fake call, with a private note for each side in the answer scene. */
export function fake(change: (input: ScenarioInput & { machine: { states: Record<string, any> } }) => void = () => {}): Scenario {
  const input = fakeScenario() as ScenarioInput & { machine: { states: Record<string, any> } };
  input.machine.states.answer.meta.asides = {
    employer: 'You have three more calls after this one.',
    candidate: 'You rehearsed this answer on the bus.',
  };
  change(input);
  return valid(input);
}

export function sourceOf(...scenarios: Scenario[]): ScenarioSource {
  return {
    list: () => scenarios.map(summarise),
    load: async (id) => scenarios.find((s) => s.id === id),
  };
}

/** Render the app at `hash` with saved data in `storage` (fresh memory storage by default). */
export function renderApp(options: { hash?: string; storage?: KeyValueStorage; scenarios?: Scenario[]; now?: () => number } = {}) {
  const storage = options.storage ?? memoryStorage();
  window.history.replaceState(null, '', options.hash ?? '#/');
  const saved = new SavedData(storage, options.now);
  const result = render(App, { source: sourceOf(...(options.scenarios ?? [fake()])), saved });
  return { ...result, storage, saved };
}

/** How long to wait for a lazily loaded screen (its first import is transformed on demand under vitest). */
export const LAZY = 10_000;
