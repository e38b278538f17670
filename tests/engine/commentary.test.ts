// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { builtInScenarios, loadBuiltIn, loadBuiltInToPlay } from '../../src/lib/scenarios/catalog.ts';

const ids = builtInScenarios().map((s) => s.id);
/** Where the commentary fields of a scenario are (each choice's feedback and thoughts, each continue branch's reason…), those present. */
function notesIn(scenario: Scenario): string[] {
  const found = ['facilitator'].filter((key) => key in scenario);
  for (const [id, scene] of Object.entries(scenario.machine.states)) {
    found.push(...['description', 'prompts', 'group'].filter((key) => key in scene || key in scene.meta).map((key) => `${id} ${key}`));
    for (const [event, value] of Object.entries(scene.on ?? {})) {
      for (const t of Array.isArray(value) ? value : [value]) {
        if ('reason' in t) found.push(`${id} ${event} reason`);
        if ('meta' in t) found.push(...['feedback', 'thoughts'].filter((key) => key in t.meta).map((key) => `${id} ${event} ${key}`));
      }
    }
  }
  return found;
}

describe('a built-in scenario in three chunks', () => {
  it('plays from a chunk without commentary, the coach adds only feedback and reasons, and the debrief every note', async () => {
    for (const id of ids) {
      const toPlay = (await loadBuiltInToPlay(id))!;
      expect(notesIn(toPlay.scenario), id).toEqual([]);

      const file = validateScenario(JSON.parse(readFileSync(`scenarios/${id}.json`, 'utf8')));
      expect(file.ok).toBe(true);
      expect(toPlay.coach, id).toBeTypeOf('function');
      expect(await toPlay.coach!()).toBe(toPlay.scenario);
      const coached = notesIn(toPlay.scenario);
      expect(coached.filter((where) => where.endsWith('feedback')).length, id).toBeGreaterThan(10);
      // The other side's thoughts, the facilitator's notes and the prompts stay out until the debrief.
      expect(
        coached.filter((where) => !where.endsWith(' feedback') && !where.endsWith(' reason')),
        id,
      ).toEqual([]);

      const whole = await toPlay.complete!();
      expect(whole).toBe(toPlay.scenario);
      expect(notesIn(whole).filter((where) => where.endsWith('thoughts')).length, id).toBeGreaterThan(10);
      // Every note is back, keys in the file's order (exports read the same).
      expect(JSON.stringify(whole), id).toBe(JSON.stringify(file.ok && file.scenario));
      expect(await loadBuiltIn(id)).toBe(whole);
    }
  });
});
