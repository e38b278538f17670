/**
 * A new scenario from a template: a two-seat skeleton (four decisions, one ending) that already reaches
 * all four outcomes from either seat, with the author's cast filled in. Pure TypeScript, no zod.
 *
 * How it reaches them: the candidate arrives on time or late, and the simulated employer answers warmly
 * or curtly in turn (the candidate's view of the employer); the employer asks an open or a trick
 * question, and the simulated candidate answers well or vaguely in turn (the employer's view of the
 * candidate). Each seat's two choices decide one side's view each.
 */
import type { Scenario } from '../../engine/schema.ts';

/** The format the template is written in (`FORMAT_VERSION`; a test checks). Not imported: schema.ts brings zod. */
export const TEMPLATE_FORMAT = 3;

/** Who the template is about. Blank fields get defaults. */
export interface TemplateCast {
  employer: { name: string; role: string };
  candidate: { name: string; role: string };
  /** The company's name, used in the setting. */
  company?: string;
  /** The job applied for, used in the title and setting. */
  job?: string;
}

const first = (name: string) => name.trim().split(/\s+/)[0] ?? name;
const or = (value: string | undefined, fallback: string) => (value && value.trim() ? value.trim() : fallback);

/** A complete, valid scenario (format 3) that reaches all four outcomes from both seats. */
export function templateScenario(cast: TemplateCast, id = 'my-interview'): Scenario {
  const employer = { name: or(cast.employer.name, 'Alex Morgan'), role: or(cast.employer.role, 'Hiring manager') };
  const candidate = { name: or(cast.candidate.name, 'Sam Rivera'), role: or(cast.candidate.role, 'Candidate') };
  const company = or(cast.company, 'the company');
  const job = or(cast.job, 'the role');
  const e = first(employer.name);
  const c = first(candidate.name);
  const impress = (ledger: 'employer' | 'candidate', dimension: 'courtesy' | 'communication' | 'commonSense', by: number) => ({
    type: 'impress' as const,
    params: { ledger, dimension, by },
  });
  return {
    format: TEMPLATE_FORMAT,
    id,
    title: `Interview for ${job}`,
    summary: `${c} interviews with ${e} for ${job}. A short first interview: arriving, the welcome, one question and its answer.`,
    setting: `${e} (${employer.role}) is hiring for ${job} at ${company}. ${c} (${candidate.role}) has a first interview.`,
    seats: ['employer', 'candidate'],
    minutes: 5,
    objectives: ['Notice how the first minutes and one answer shape what each side thinks of the other.'],
    tags: [],
    facilitator: { questions: ['Which moment changed each side’s view the most?'] },
    cast: { employer, candidate },
    machine: {
      initial: 'arrive',
      states: {
        arrive: {
          meta: {
            speaker: 'narrator',
            text: [`${c} is on the way to the interview with ${e}.`],
            decides: 'candidate',
            npc: [{ choose: 'choice.onTime' }],
          },
          on: {
            'choice.onTime': {
              target: 'welcome',
              actions: [impress('employer', 'courtesy', 1)],
              meta: {
                label: 'Arrive five minutes early',
                observed: `${c} arrives five minutes early.`,
                feedback: 'Being on time is a courtesy the employer notices.',
                thoughts: 'On time. Good start.',
              },
            },
            'choice.late': {
              target: 'welcome',
              actions: [impress('employer', 'courtesy', -1), { type: 'setFlag', params: { flag: 'late' } }],
              meta: {
                label: 'Arrive ten minutes late without a message',
                observed: `${c} arrives ten minutes late, without a word beforehand.`,
                feedback: 'Arriving late without a message costs courtesy.',
                thoughts: 'Late, and not a word. Hmm.',
              },
            },
          },
        },
        welcome: {
          meta: {
            speaker: 'employer',
            text: [`${e} comes to meet ${c}.`],
            decides: 'employer',
            npc: [{ guard: { type: 'flagSet', params: { flag: 'late' } }, choose: 'choice.curt' }, { choose: 'choice.warm' }],
          },
          on: {
            'choice.warm': {
              target: 'question',
              actions: [impress('candidate', 'courtesy', 2)],
              meta: {
                label: 'Offer a drink and explain the plan for the hour',
                observed: `${e} smiles, offers a drink and explains the plan for the hour.`,
                feedback: 'A warm, clear welcome is a courtesy candidates remember.',
                thoughts: 'That was a kind welcome.',
              },
            },
            'choice.curt': {
              target: 'question',
              actions: [impress('candidate', 'courtesy', -2)],
              meta: {
                label: 'Say you are short of time and start at once',
                observed: `${e}: “We’re short of time, so let’s start.”`,
                feedback: 'Rushing the welcome costs courtesy.',
                thoughts: 'Cold. Do they even want me here?',
              },
            },
          },
        },
        question: {
          meta: {
            speaker: 'employer',
            text: [`${e} opens the notes for the first question.`],
            decides: 'employer',
            npc: [{ choose: 'choice.open' }],
          },
          on: {
            'choice.open': {
              target: 'answer',
              actions: [{ type: 'setFlag', params: { flag: 'open' } }],
              meta: {
                label: 'Ask about a piece of work they are proud of',
                observed: `${e}: “Tell me about a piece of work you are proud of.”`,
                feedback: 'An open question lets the candidate show what they can do.',
                thoughts: 'A fair question. I can answer that.',
              },
            },
            'choice.trick': {
              target: 'answer',
              actions: [{ type: 'setFlag', params: { flag: 'trick' } }],
              meta: {
                label: 'Ask how many windows there are in the city',
                observed: `${e}: “How many windows are there in this city?”`,
                feedback: 'A trick question tells you little about the job.',
                thoughts: 'What does this have to do with the job?',
              },
            },
          },
        },
        answer: {
          meta: {
            speaker: 'candidate',
            text: [`${c} thinks for a moment before answering.`],
            decides: 'candidate',
            npc: [{ guard: { type: 'flagSet', params: { flag: 'trick' } }, choose: 'choice.vague' }, { choose: 'choice.prepared' }],
          },
          on: {
            'choice.vague': {
              target: 'end',
              actions: [impress('employer', 'communication', -3)],
              meta: {
                label: 'Talk around the question in general terms',
                observed: `${c} talks around the question in general terms.`,
                feedback: 'A vague answer is poor communication.',
                thoughts: 'I still don’t know what they can do.',
              },
            },
            'choice.prepared': {
              target: 'end',
              actions: [impress('employer', 'commonSense', 2)],
              meta: {
                label: 'Give a concrete example, step by step',
                observed: `${c} gives a concrete example, step by step.`,
                feedback: 'A real example shows common sense.',
                thoughts: 'A clear, real example. Good.',
              },
            },
          },
        },
        end: { type: 'final', meta: { speaker: 'narrator', text: [`${e} thanks ${c}, and the interview ends.`] } },
      },
    },
  };
}
