// @vitest-environment node
/**
 * A check whose search stops at the state limit never shows its gameability figures as complete: the
 * findings say the search was partial, the counts an upper bound and random play sampled.
 */
import { describe, expect, it } from 'vitest';
import { checkScenarioText } from '../../src/lib/authoring/check.ts';
import { fakeScenario } from '../support/fakes.ts';

const text = JSON.stringify(fakeScenario());

describe('the gameability figures of a partial search', () => {
  it('are said to be partial in the findings, for every seat', () => {
    const check = checkScenarioText(text, { maxStates: 3, samples: 200, gameabilitySamples: 200 });
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    expect(check.gameability!.seats.map((s) => s.explored)).toEqual([false, false]);
    const partial = check.warnings.filter((w) => w.message.includes('the gameability figures come from a partial search'));
    expect(partial.map((w) => w.message.slice(0, 20))).toEqual(["from the employer's ", "from the candidate's"]);
    for (const w of partial) {
      expect(w.message).toContain('the best-option counts are an upper bound, over every scene linked from the start');
      expect(w.message).toContain('random play is sampled, not exact');
    }
  });

  it('are not qualified when the search finished', () => {
    const check = checkScenarioText(text);
    if (!check.ok) throw new Error(JSON.stringify(check.problems));
    expect(check.gameability!.seats.every((s) => s.explored)).toBe(true);
    expect(check.warnings.some((w) => w.message.includes('partial search'))).toBe(false);
  });
});
