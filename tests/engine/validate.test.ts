// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatProblems, validateScenario, validateScenarioText } from '../../src/lib/engine/validate.ts';
import { fakeScenario } from '../support/fakes.ts';

/** Validate a copy of the fake scenario after `change` edits it; return the problems as `where: message` lines. */
function problemsAfter(change: (s: any) => void): string[] {
  const scenario = fakeScenario() as any;
  change(scenario);
  const result = validateScenario(scenario);
  return result.ok ? [] : result.problems.map((p) => `${p.where}: ${p.message}`);
}

describe('scenario validation', () => {
  it('accepts the valid fake scenario', () => {
    expect(validateScenario(fakeScenario()).ok).toBe(true);
  });

  it.each<[string, (s: any) => void, string]>([
    [
      'a typo in a target scene',
      (s) => (s.machine.states.start.on['choice.late'].target = 'answr'),
      'scene "start" → choice "choice.late" → target: there is no scene called "answr" (did you mean "answer"?)',
    ],
    [
      'an effect on an unknown dimension',
      (s) => (s.machine.states.answer.on['choice.prepared'].actions[0].params.dimension = 'charm'),
      'scene "answer" → choice "choice.prepared" → effect 1 → dimension: "charm" is not a dimension; use one of "courtesy", "communication", "commonSense"',
    ],
    [
      'an unknown effect',
      (s) => (s.machine.states.wrap.on['choice.warm'].actions[0].type = 'impres'),
      'scene "wrap" → choice "choice.warm" → effect 1 → type: there is no effect called "impres"; use one of "impress", "dealBreaker", "setFlag", "clearFlag"',
    ],
    [
      'an unknown condition',
      (s) => (s.machine.states.answer.meta.npc[0].guard.type = 'flagIsSet'),
      'scene "answer" → npc rule 1 → guard → type: there is no condition called "flagIsSet"; use one of "ledgerAtLeast", "ledgerBelow", "flagSet", "flagUnset", "dealBroken", "and", "or", "not"',
    ],
    ['an unknown initial scene', (s) => (s.machine.initial = 'begin'), 'machine → initial: there is no scene called "begin"'],
    [
      'a speaker not in the cast',
      (s) => (s.machine.states.start.meta.speaker = 'boss'),
      'scene "start" → speaker: "boss" is not in the cast; use "narrator" or one of "employer", "candidate"',
    ],
    ['a missing label', (s) => delete s.machine.states.start.on['choice.late'].meta.label, 'scene "start" → choice "choice.late" → meta → label: is missing'],
    [
      'an empty feedback',
      (s) => (s.machine.states.start.on['choice.late'].meta.feedback = '  '),
      'scene "start" → choice "choice.late" → meta → feedback: the feedback must not be empty',
    ],
    [
      'an amount out of range',
      (s) => (s.machine.states.start.on['choice.onTime'].actions[0].params.by = 9),
      'scene "start" → choice "choice.onTime" → effect 1 → by: "by" must be between -5 and 5',
    ],
    ['a seat that does not exist', (s) => (s.seats = ['employer', 'interviewer']), 'seat 2: must be "employer" or "candidate"'],
    [
      'a choice event without the prefix',
      (s) => {
        s.machine.states.wrap.on['warmly'] = s.machine.states.wrap.on['choice.warm'];
      },
      'scene "wrap" → choice "warmly": a choice event must be named "choice.<name>" (letters, digits, - or _)',
    ],
    [
      'a rule for a choice that does not exist',
      (s) => (s.machine.states.answer.meta.npc[2].choose = 'choice.prepare'),
      'scene "answer" → npc rule 3 → choose: "choice.prepare" is not a choice of this scene (did you mean "choice.prepared"?)',
    ],
    [
      'a missing fallback rule',
      (s) => s.machine.states.answer.meta.npc.pop(),
      'scene "answer" → npc rule 2: the last rule must have no guard, so the scenario always has a choice to make',
    ],
    [
      'no rules where the scenario must decide',
      (s) => delete s.machine.states.start.meta.npc,
      'scene "start" → npc: is missing: when a person plays the candidate, the scenario must decide for the employer here',
    ],
    [
      'choices without a decider',
      (s) => delete s.machine.states.wrap.meta.decides,
      'scene "wrap" → decides: is missing: the scene has choices, so say which side makes them',
    ],
    [
      'a final scene with choices',
      (s) => (s.machine.states.end.on = { continue: { target: 'start' } }),
      'scene "end" → on: a final scene ends the interview and cannot have choices or continue',
    ],
    ['an unknown field', (s) => (s.machine.states.start.meta.mood = 'tense'), 'scene "start": has a field it does not know: "mood"'],
    ['a wrong format version', (s) => (s.format = 4), 'format: "format" must be 3 (or 1 or 2 for files written before format 3)'],
  ])('explains %s', (_name, change, expected) => {
    expect(problemsAfter(change)).toContain(expected);
  });

  it('gives one clear message for one typo', () => {
    expect(problemsAfter((s) => (s.machine.states.start.on['choice.late'].target = 'answr'))).toHaveLength(1);
  });

  it('names the file in each line of the report', () => {
    const result = validateScenarioText(JSON.stringify({ ...fakeScenario(), minutes: 'ten' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatProblems('scenarios/call.json', result.problems)).toBe('scenarios/call.json: minutes: "minutes" must be a whole number');
  });

  it('reports text that is not JSON', () => {
    const result = validateScenarioText('{ "id": ');
    expect(result.ok || result.problems[0]!.message).toMatch(/^is not valid JSON/);
  });
});

describe('format rules by version', () => {
  const ownLedger = (format: number) => {
    const input = fakeScenario({ format }) as any;
    // The employer's own choice moving the employer's own view of the candidate.
    input.machine.states.start.on['choice.late'].actions.push({ type: 'impress', params: { ledger: 'employer', dimension: 'commonSense', by: -1 } });
    return validateScenario(input);
  };

  it('refuses, in format 3, a choice that moves the chooser’s own ledger', () => {
    const result = ownLedger(3);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'scene "start" → choice "choice.late" → effect 2 → ledger: is "employer", the side making this choice: a choice may only change how the other side (candidate) sees them. Move the change to a later scene where the other side does something',
    ]);
  });

  it('still plays an older file that breaks a newer rule, and gives the rule as advice', () => {
    const result = ownLedger(2);
    expect(result.ok).toBe(true);
    expect(result.ok && result.advice.map((p) => p.where)).toEqual(['scene "start" → choice "choice.late" → effect 2 → ledger']);
    const older = validateScenario({ ...fakeScenario({ format: 1 }), machine: (fakeScenario() as any).machine });
    expect(older.ok && older.advice).toEqual([]);
  });

  it('requires, from format 2, what the other side observes wherever the scenario can choose', () => {
    const input = fakeScenario({ format: 2 }) as any;
    delete input.machine.states.answer.on['choice.prepared'].meta.observed;
    const result = validateScenario(input);
    expect(!result.ok && result.problems.map((p) => p.where)).toEqual(['scene "answer" → choice "choice.prepared" → meta → observed']);
    const asAdvice = validateScenario({ ...input, format: 1 });
    expect(asAdvice.ok && asAdvice.advice.map((p) => p.where)).toEqual(['scene "answer" → choice "choice.prepared" → meta → observed']);
  });
});
