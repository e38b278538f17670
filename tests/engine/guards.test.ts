// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { holds, singleConditions, type Standing } from '../../src/lib/engine/effects.ts';
import { replay } from '../../src/lib/engine/run.ts';
import { COMBINATOR_TYPES, guardSchema, MAX_GUARD_DEPTH, type Guard, type Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { choice, fakeScenario, impress } from '../support/fakes.ts';

const standing = (flags: string[], employerTotal = 0): Standing => ({
  ledgers: {
    employer: { courtesy: employerTotal, communication: 0, commonSense: 0 },
    candidate: { courtesy: 0, communication: 0, commonSense: 0 },
  },
  dealBreakers: { employer: null, candidate: null },
  flags,
});

const asked: Guard = { type: 'flagSet', params: { flag: 'asked' } };
const doubt: Guard = { type: 'ledgerBelow', params: { ledger: 'employer', value: 0 } };
const and = (...all: Guard[]): Guard => ({ type: 'and', params: { all } });
const or = (...any: Guard[]): Guard => ({ type: 'or', params: { any } });
const not = (condition: Guard): Guard => ({ type: 'not', params: { condition } });

/** The four standings of two conditions: asked to wait (a flag) and in doubt (the employer's total below 0). */
const cases = [
  { asked: false, doubt: false, s: standing([], 0) },
  { asked: false, doubt: true, s: standing([], -1) },
  { asked: true, doubt: false, s: standing(['asked'], 0) },
  { asked: true, doubt: true, s: standing(['asked'], -1) },
];

describe('combined conditions', () => {
  it.each(cases)('evaluate by their truth tables (asked $asked, in doubt $doubt)', ({ asked: a, doubt: d, s }) => {
    expect(holds(s, asked)).toBe(a);
    expect(holds(s, doubt)).toBe(d);
    expect(holds(s, and(asked, doubt))).toBe(a && d);
    expect(holds(s, or(asked, doubt))).toBe(a || d);
    expect(holds(s, not(asked))).toBe(!a);
    expect(holds(s, not(and(asked, doubt)))).toBe(!(a && d));
    expect(holds(s, and(or(asked, doubt), not(doubt)))).toBe((a || d) && !d);
    expect(holds(s, or(and(asked, not(doubt)), and(not(asked), doubt)))).toBe(a !== d);
  });

  it('lists the single conditions inside combinations, in the order written', () => {
    expect(singleConditions(or(and(asked, not(doubt)), doubt))).toEqual([asked, doubt, doubt]);
    expect(singleConditions(undefined)).toEqual([]);
  });
});

/** The fake scenario with `guard` on the candidate's first npc rule; the problems as `where: message` lines. */
function problemsWith(guard: unknown): string[] {
  const s = fakeScenario() as any;
  s.machine.states.answer.meta.npc[0].guard = guard;
  const result = validateScenario(s);
  return result.ok ? [] : result.problems.map((p) => `${p.where}: ${p.message}`);
}
const at = 'scene "answer" → npc rule 1 → guard';
const nested = (depth: number): Guard => (depth === 0 ? asked : not(nested(depth - 1)));

describe('checking combined conditions', () => {
  it('accepts "and", "or" and "not" nested up to the limit', () => {
    expect(problemsWith(and(asked, or(doubt, not(asked))))).toEqual([]);
    expect(problemsWith(nested(MAX_GUARD_DEPTH))).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['an "and" of one condition', and(asked), `${at} → params → all: "and" needs at least 2 conditions (for one, write the condition itself)`],
    ['an "or" of nine conditions', or(...Array<Guard>(9).fill(asked)), `${at} → params → any: "or" takes at most 8 conditions`],
    ['an "and" whose conditions are not a list', { type: 'and', params: { all: asked } }, `${at} → params → all: "and" takes a list of conditions`],
    [
      'a "not" given a list',
      { type: 'not', params: { condition: [asked, doubt] } },
      `${at} → params → condition: is a list; one condition goes here (to combine several, use "and" or "or")`,
    ],
    [
      'a typo inside an "and"',
      and(asked, { type: 'flagIsSet', params: { flag: 'x' } } as never),
      `${at} → params → condition 2 → type: there is no condition called "flagIsSet"; use one of "ledgerAtLeast", "ledgerBelow", "flagSet", "flagUnset", "dealBroken", "and", "or", "not"`,
    ],
    [
      'an unknown dimension inside an "or"',
      or(asked, { type: 'ledgerBelow', params: { ledger: 'employer', dimension: 'charm', value: 1 } } as never),
      `${at} → params → condition 2 → params → dimension: "charm" is not a dimension; use one of "courtesy", "communication", "commonSense"`,
    ],
    [
      'nesting one level too deep',
      nested(MAX_GUARD_DEPTH + 1),
      `${at}${' → params → condition'.repeat(MAX_GUARD_DEPTH)} → type: "and", "or" and "not" nest at most 4 deep; this "not" is one level too deep (write the condition more simply)`,
    ],
  ])('explains %s in words', (_name, guard, expected) => {
    expect(problemsWith(guard)).toEqual([expected]);
  });

  it('refuses nesting thousands deep at the limit, with one message', () => {
    const problems = problemsWith(nested(5000));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/nest at most 4 deep/);
  });
});

/**
 * A candidate who asked for a delay faces a waiting employer. The employer turns the candidate down at
 * once only when the candidate asked to wait AND the employer is in doubt (its total below 0): that
 * branch, and the outcome behind it (the employer declines a candidate who liked how they were told), are
 * reachable only through the `and`: on every other path the candidate's ledger stays at 0.
 */
function waitingScenario(change: (states: any) => void = () => {}): Scenario {
  const s = fakeScenario({ seats: ['candidate'] }) as any;
  s.machine.states = {
    start: {
      meta: { speaker: 'candidate', text: ['The candidate is running late.'], decides: 'candidate' },
      on: {
        'choice.askWait': choice('answer', 'Ask to start ten minutes later', [
          { type: 'setFlag', params: { flag: 'asked' } },
          impress('employer', 'courtesy', 1),
        ]),
        'choice.askVague': choice('answer', 'Ask to start later, without a reason', [
          { type: 'setFlag', params: { flag: 'asked' } },
          impress('employer', 'communication', -2),
        ]),
        'choice.silent': choice('answer', 'Join late without a word', [impress('employer', 'courtesy', -2)]),
      },
    },
    answer: {
      meta: { speaker: 'narrator', text: ['The employer weighs it up.'] },
      on: {
        continue: [
          {
            target: 'turnedDown',
            guard: and(asked, doubt),
            actions: [
              { type: 'dealBreaker', params: { ledger: 'employer', reason: 'Asked to wait, with no reason given.' } },
              impress('candidate', 'courtesy', 1),
            ],
            reason: 'The employer says no, kindly and clearly.',
          },
          { target: 'interview' },
        ],
      },
    },
    interview: {
      meta: { speaker: 'candidate', text: ['The interview goes ahead.'], decides: 'candidate' },
      on: {
        'choice.warm': choice('end', 'Thank them for waiting', [impress('employer', 'courtesy', 1)]),
        'choice.cold': choice('end', 'Get straight to business', [impress('employer', 'communication', -1)]),
      },
    },
    turnedDown: { type: 'final', meta: { speaker: 'narrator', text: ['The employer ends the call.'] } },
    end: { type: 'final', meta: { speaker: 'narrator', text: ['The call ends.'] } },
  };
  change(s.machine.states);
  const result = validateScenario(s);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.scenario;
}

describe('analysing combined conditions', () => {
  it('reaches a scene only through an "and", by the one path where both hold', () => {
    const scenario = waitingScenario();
    const seat = analyseScenario(scenario).seats[0]!;
    expect(seat.reachableScenes).toContain('turnedDown');
    expect(seat.finalScenes.turnedDown).toEqual(['employerDeclines']);
    const path = seat.outcomes.employerDeclines.shortestPath!;
    expect(path.map((step) => step.scene)).toEqual(['start', 'answer']);
    expect(seat.outcomes.employerDeclines.choices).toEqual(['choice.askVague']);
    // The path replays in the XState machine: the machine and the analyser read the condition alike.
    expect(replay(scenario, 'candidate', ['choice.askVague']).getSnapshot().value).toBe('turnedDown');
    expect(replay(scenario, 'candidate', ['choice.silent', 'choice.warm']).getSnapshot().value).toBe('end');
  });

  it('no longer reaches that scene when the "and" cannot hold', () => {
    const scenario = waitingScenario();
    const branch = (scenario.machine.states.answer!.on!.continue as { guard?: Guard }[])[0]!;
    branch.guard = and(asked, not(asked));
    expect(analyseScenario(scenario).unreachableScenes).toContain('turnedDown');
  });

  it('tells states apart by a dimension tested only inside a combination', () => {
    // Two ways to ask, with the same total (-1) but different make-up; only "in doubt about how they
    // communicate" (a dimension, tested inside the "and") sends the run to the early ending. Keyed on
    // totals alone, the analysis would merge the two and miss that ending.
    const scenario = waitingScenario((states) => {
      states.start.on = {
        'choice.askCurtly': choice('answer', 'Ask to wait, curtly', [{ type: 'setFlag', params: { flag: 'asked' } }, impress('employer', 'courtesy', -1)]),
        'choice.askVaguely': choice('answer', 'Ask to wait, vaguely', [
          { type: 'setFlag', params: { flag: 'asked' } },
          impress('employer', 'communication', -1),
        ]),
      };
      states.answer.on.continue[0].guard = and(asked, not({ type: 'ledgerAtLeast', params: { ledger: 'employer', dimension: 'communication', value: 0 } }));
    });
    const seat = analyseScenario(scenario).seats[0]!;
    expect(seat.reachableScenes).toContain('turnedDown');
    expect(seat.outcomes.employerDeclines.choices).toEqual(['choice.askVaguely']);
    expect(replay(scenario, 'candidate', ['choice.askVaguely']).getSnapshot().value).toBe('turnedDown');
    expect(replay(scenario, 'candidate', ['choice.askCurtly', 'choice.warm']).getSnapshot().value).toBe('end');
  });
});

describe('docs/authoring.md on combined conditions', () => {
  const guide = readFileSync('docs/authoring.md', 'utf8');
  const section = guide.slice(guide.indexOf('### Combining conditions'), guide.indexOf('## Problems and how they are reported'));

  it('documents every combinator in the conditions table', () => {
    for (const type of COMBINATOR_TYPES) expect(guide).toContain(`| \`${type}\` |`);
  });

  it('gives an "asked to wait and in doubt" example that the checker accepts and the game reads as written', () => {
    const example = /```json\n([\s\S]*?)\n```/.exec(section)![1]!;
    const branches = JSON.parse(`{${example}}`).continue as { guard?: unknown }[];
    const parsed = guardSchema.safeParse(branches[0]!.guard);
    expect(parsed.success).toBe(true);
    const guard = parsed.data!;
    expect(holds(standing(['askedToWait'], -1), guard)).toBe(true);
    expect(holds(standing(['askedToWait'], 0), guard)).toBe(false);
    expect(holds(standing([], -1), guard)).toBe(false);
  });
});
