// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../../src/lib/scenarios/catalog.ts';
import { byJourney, JOURNEY_ORDER } from '../../src/lib/scenarios/journey.ts';

describe('the built-in library', () => {
  it('lists the scenarios in the order of the hiring journey, from scheduling to saying no', () => {
    const ids = builtInScenarios().map((s) => s.id);
    expect(ids.filter((id) => JOURNEY_ORDER.includes(id))).toEqual(JOURNEY_ORDER.filter((id) => ids.includes(id)));
    expect(ids[0]).toBe('scheduling');
  });

  it('puts scenarios outside the journey last, by id', () => {
    expect(['zeta', 'saying-no', 'alpha', 'scheduling'].sort(byJourney)).toEqual(['scheduling', 'saying-no', 'alpha', 'zeta']);
  });
});
