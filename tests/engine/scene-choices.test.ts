// @vitest-environment node
/**
 * One list of a scene's choices (`sceneChoices`): in file order, `continue` left out. What is offered,
 * what share links index and what the reports count all start from it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { scenarioFiles } from '../../src/cli/library.ts';
import { offeredChoices, sceneChoices } from '../../src/lib/engine/choices.ts';
import { startingStanding } from '../../src/lib/engine/step.ts';
import { sceneChoiceEvents } from '../../src/lib/engine/playthrough.ts';
import type { Scene } from '../../src/lib/engine/schema.ts';
import { validateScenarioText } from '../../src/lib/engine/validate.ts';
import { choice, impress } from '../support/fakes.ts';

const scene = {
  meta: { speaker: 'employer', text: ['Any questions?'], decides: 'candidate', npc: [{ choose: 'choice.team' }] },
  on: {
    'choice.team': choice('end', 'Ask about the team', [impress('candidate', 'communication', 1)]),
    'choice.pay': { ...choice('end', 'Ask about pay'), guard: { type: 'flagSet', params: { flag: 'told' } } },
    'choice.leave': choice('end', 'Leave'),
  },
} as unknown as Scene;

describe("a scene's choices", () => {
  it('are its choice events in file order, conditions not applied', () => {
    expect(sceneChoices(scene).map((c) => c.event)).toEqual(['choice.team', 'choice.pay', 'choice.leave']);
    expect(sceneChoiceEvents(scene)).toEqual(['choice.team', 'choice.pay', 'choice.leave']);
  });

  it('are offered where their conditions hold, in the same order', () => {
    expect(offeredChoices(scene, startingStanding()).map((c) => c.event)).toEqual(['choice.team', 'choice.leave']);
    expect(offeredChoices(scene, { ...startingStanding(), flags: ['told'] }).map((c) => c.event)).toEqual(['choice.team', 'choice.pay', 'choice.leave']);
  });

  it('leave out continue, and list the same events as the file for every library scene (share-link indexes)', () => {
    const continues = { meta: { speaker: 'narrator', text: ['A pause.'] }, on: { continue: { target: 'end' } } } as unknown as Scene;
    expect(sceneChoices(continues)).toEqual([]);
    for (const file of scenarioFiles()) {
      const v = validateScenarioText(readFileSync(file, 'utf8'));
      if (!v.ok) throw new Error(`${file} does not validate`);
      for (const s of Object.values(v.scenario.machine.states)) {
        expect(sceneChoiceEvents(s)).toEqual(Object.keys(s.on ?? {}).filter((event) => event !== 'continue'));
      }
    }
  });
});
