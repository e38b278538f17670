import { describe, expect, it } from 'vitest';
import { historySchema, runSchema } from '../../src/lib/persistence/records.ts';

const run = {
  version: 2,
  id: 'r1',
  scenarioId: 'phone-screen',
  scenarioTitle: 'A short call',
  seat: 'candidate',
  mode: 'coach',
  seed: 3,
  startedAt: 1,
  updatedAt: 2,
  holder: null,
  choices: ['choice.hello'],
  stepCount: 2,
  outcome: null,
};

describe('the shapes of saved data (checked without zod on the first load)', () => {
  it('keeps the declared keys only, and leaves an optional key out when it is missing', () => {
    const parsed = runSchema.safeParse({ ...run, extra: 'dropped' });
    expect(parsed).toEqual({ success: true, data: run });
  });

  it('says where the first problem is and what was expected', () => {
    const bad = (data: unknown) => {
      const parsed = runSchema.safeParse(data);
      return parsed.success ? undefined : parsed.error.issues[0];
    };
    expect(bad({ ...run, seed: 1.5 })).toMatchObject({ code: 'invalid_type', expected: 'int', path: ['seed'] });
    expect(bad({ ...run, stepCount: -1 })).toMatchObject({ code: 'too_small', path: ['stepCount'] });
    expect(bad({ ...run, choices: ['choice.ok', 'not a choice'] })).toMatchObject({ code: 'invalid_format', path: ['choices', 1] });
    expect(bad({ ...run, seat: 'nobody' })).toMatchObject({ code: 'invalid_value', path: ['seat'] });
    expect(bad({ ...run, branchOf: { runId: 'r0', step: 1, choices: 'x' } })).toMatchObject({
      code: 'invalid_type',
      expected: 'array',
      path: ['branchOf', 'choices'],
    });
    expect(historySchema.safeParse({ version: 1, runs: [{}] })).toMatchObject({ success: false, error: { issues: [{ path: ['runs', 0, 'runId'] }] } });
  });
});
