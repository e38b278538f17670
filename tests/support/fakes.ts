/**
 * Fakes in one place. `fakeScenario()` is a small, valid scenario in which each seat reaches all four
 * outcomes; pass a partial to change parts of it.
 */
import type { ScenarioInput } from '../../src/lib/engine/schema.ts';

type Dim = 'courtesy' | 'communication' | 'commonSense';
type SideName = 'employer' | 'candidate';

export const impress = (ledger: SideName, dimension: Dim, by: number) => ({ type: 'impress' as const, params: { ledger, dimension, by } });
/** A choice; `observed` is what the other side sees when the scenario makes it for the simulated side. */
export const choice = (target: string, label: string, actions: unknown[] = [], observed?: string) => ({
  target,
  actions,
  meta: { label, feedback: `Feedback on: ${label}`, thoughts: `Thoughts on: ${label}`, ...(observed ? { observed } : {}) },
});

/** A deep copy of the base scenario, with top-level fields replaced by `partial`. */
export function fakeScenario(partial: Partial<Record<keyof ScenarioInput, unknown>> = {}): ScenarioInput {
  const base = {
    format: 2,
    id: 'fake-call',
    title: 'A short call',
    summary: 'A three-scene call used by the tests.',
    setting: 'A phone call about a security analyst role.',
    seats: ['employer', 'candidate'],
    minutes: 3,
    objectives: ['See how one choice moves both ledgers.'],
    tags: ['test'],
    facilitator: { questions: ['What did each side notice?'] },
    cast: {
      employer: { name: 'Priya Raman', role: 'SOC manager' },
      candidate: { name: 'Tomás Okafor', role: 'Security analyst' },
    },
    machine: {
      initial: 'start',
      states: {
        start: {
          meta: {
            speaker: 'employer',
            text: ['The call is due at ten.'],
            decides: 'employer',
            npc: [{ choose: 'choice.onTime' }],
          },
          on: {
            'choice.onTime': choice('answer', 'Call on time', [impress('candidate', 'courtesy', 2)], 'The phone rings at ten exactly.'),
            'choice.late': choice('answer', 'Call ten minutes late', [impress('candidate', 'courtesy', -1)]),
            'choice.rude': choice('answer', 'Open with a snide remark', [
              { type: 'dealBreaker', params: { ledger: 'candidate', reason: 'The interviewer mocked them.' } },
            ]),
            'choice.grill': choice('answer', 'Start with a hard question', [
              { type: 'setFlag', params: { flag: 'grilled' } },
              impress('candidate', 'commonSense', 1),
            ]),
          },
        },
        answer: {
          meta: {
            speaker: 'candidate',
            text: ['Tell me about an alert you handled.'],
            decides: 'candidate',
            npc: [
              { guard: { type: 'flagSet', params: { flag: 'grilled' } }, choose: 'choice.vague' },
              { guard: { type: 'ledgerBelow', params: { ledger: 'candidate', value: 0 } }, choose: 'choice.vague' },
              { choose: 'choice.prepared' },
            ],
          },
          on: {
            'choice.prepared': choice(
              'wrap',
              'Walk through a real alert',
              [impress('employer', 'commonSense', 2)],
              'Tomás describes a phishing alert, step by step.',
            ),
            'choice.vague': choice('wrap', 'Answer in generalities', [impress('employer', 'communication', -2)], 'Tomás talks about alerts in general.'),
            'choice.pushy': choice('wrap', 'Ask about salary first', [impress('employer', 'commonSense', 1), { type: 'setFlag', params: { flag: 'pushy' } }]),
            'choice.rambling': choice('wrap', 'Ramble for five minutes', [impress('employer', 'communication', -1)]),
          },
        },
        wrap: {
          meta: {
            speaker: 'employer',
            text: ['The call winds down.'],
            decides: 'employer',
            npc: [
              { guard: { type: 'flagSet', params: { flag: 'pushy' } }, choose: 'choice.curt' },
              { guard: { type: 'ledgerBelow', params: { ledger: 'employer', value: -1 } }, choose: 'choice.curt' },
              { choose: 'choice.warm' },
            ],
          },
          on: {
            'choice.warm': choice('end', 'Explain the next steps warmly', [impress('candidate', 'courtesy', 1)], 'Priya: "You will hear from us by Friday."'),
            'choice.curt': choice('end', 'End the call abruptly', [impress('candidate', 'communication', -4)], 'Priya: "That is all. Bye."'),
          },
        },
        end: { type: 'final', meta: { speaker: 'narrator', text: ['The call ends.'] } },
      },
    },
  };
  return { ...structuredClone(base), ...structuredClone(partial) } as ScenarioInput;
}
