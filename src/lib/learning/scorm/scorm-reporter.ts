/**
 * Reports runs to a SCORM LMS as they are played:
 * - each choice a person makes is an interaction of type `choice`: its id names the scenario and the
 *   scene, the learner's response is the choice's key, its result is `neutral` (no option is "correct"),
 *   and its description (2004) is the choice's words;
 * - when a run ends, the attempt is completed, and passed when both sides like each other (failed
 *   otherwise; a pass is never taken back by a later run in the same attempt); the score is the share of
 *   the two sides that like the other (0, 50 or 100), the best of the attempt;
 * - the run in progress is the suspend data (`suspend.ts`) and its scene the location, committed after
 *   every change, so the learner resumes where they left;
 * - `end()` (on leaving the page) writes the session time and the exit, commits and terminates.
 */
import { OUTCOME_INFO } from '../../engine/ledger.ts';
import { sceneOf, transitionsOf, type RecordedStep } from '../../engine/step.ts';
import type { Scenario } from '../../engine/schema.ts';
import type { RunRecord } from '../../persistence/records.ts';
import type { ReportedRun, RunReporter } from '../reporter.ts';
import { ELEMENTS, formatDuration, formatMoment, LOCATION_LIMIT, SUSPEND_DATA_LIMIT, type ScormConnection } from './connection.ts';
import { decodeSuspend, encodeSuspend } from './suspend.ts';

/** What one interaction holds, before it is written in a version's words. */
export interface ChoiceInteraction {
  /** `<scenario id>/<scene id>`. */
  id: string;
  /** The choice's key: its event without `choice.`. */
  response: string;
  /** The choice's words as the chooser saw them. */
  description: string;
  at: Date;
}

const IDENTIFIER = /[^A-Za-z0-9_.\-/]/g;

/** The interaction for a person's choice step, or null for the scenario's own moves and continues. */
export function choiceInteraction(scenario: Scenario, step: RecordedStep, at: Date): ChoiceInteraction | null {
  if (step.auto || step.event === 'continue' || !step.event.startsWith('choice.')) return null;
  const scene = sceneOf(scenario, step.scene);
  const transition = scene ? transitionsOf(scene, step.event)[0] : undefined;
  const description = transition && 'meta' in transition ? transition.meta.label : step.event;
  return {
    id: `${scenario.id}/${step.scene}`.replace(IDENTIFIER, '_').slice(0, 250),
    response: step.event.slice('choice.'.length),
    description: description.slice(0, 250),
    at,
  };
}

/** The score of an outcome: the share of the two sides that like the other, 0 to 100. */
export function outcomeScore(outcome: RunRecord['outcome']): number | null {
  if (!outcome) return null;
  const info = OUTCOME_INFO[outcome];
  return (Number(info.employerLikes) + Number(info.candidateLikes)) * 50;
}

export class ScormReporter implements RunReporter {
  readonly #lms: ScormConnection;
  readonly #now: () => Date;
  readonly #started: Date;
  /** Per run id, how many of its steps the LMS has been told about. */
  readonly #known = new Map<string, number>();
  /** The run last reported: what the suspend data holds. */
  #current: RunRecord | undefined;
  #ended = false;

  constructor(lms: ScormConnection, now: () => Date = () => new Date()) {
    this.#lms = lms;
    this.#now = now;
    this.#started = now();
  }

  /** After `initialize()`: marks the attempt begun, and returns the run the suspend data holds, if any. */
  start(): RunRecord | undefined {
    if (this.#lms.version === '1.2') {
      const status = this.#lms.get(ELEMENTS['1.2'].status);
      if (status === '' || status === 'not attempted') this.#lms.set(ELEMENTS['1.2'].status, 'incomplete');
    } else {
      const completion = this.#lms.get(ELEMENTS['2004'].completion);
      if (completion === '' || completion === 'unknown' || completion === 'not attempted') this.#lms.set(ELEMENTS['2004'].completion, 'incomplete');
    }
    this.#current = decodeSuspend(this.#lms.get(ELEMENTS[this.#lms.version].suspendData));
    return this.#current;
  }

  runOpened(run: ReportedRun): void {
    this.#known.set(run.record.id, run.steps.length);
    this.#keep(run);
    this.#lms.commit();
  }

  runChanged(run: ReportedRun): void {
    const known = Math.min(this.#known.get(run.record.id) ?? 0, run.steps.length);
    for (let i = known; i < run.steps.length; i++) {
      const interaction = choiceInteraction(run.scenario, run.steps[i]!, this.#now());
      if (interaction) this.#record(interaction);
    }
    const ended = run.record.outcome !== null && (this.#current?.id !== run.record.id || this.#current.outcome === null);
    this.#known.set(run.record.id, run.steps.length);
    this.#keep(run);
    if (ended) this.#finish(run.record.outcome!);
    this.#lms.commit();
  }

  /** On leaving the page: session time, exit (suspend while a run is unfinished), commit, terminate. Once. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    const v = this.#lms.version;
    this.#lms.set(ELEMENTS[v].sessionTime, formatDuration(v, this.#now().getTime() - this.#started.getTime()));
    const unfinished = this.#current !== undefined && this.#current.outcome === null;
    this.#lms.set(ELEMENTS[v].exit, unfinished ? 'suspend' : v === '1.2' ? '' : 'normal');
    this.#lms.commit();
    this.#lms.terminate();
  }

  #record(interaction: ChoiceInteraction): void {
    const v = this.#lms.version;
    const base = `${ELEMENTS[v].interactions}.${this.#lms.get(`${ELEMENTS[v].interactions}._count`) || '0'}`;
    this.#lms.set(`${base}.id`, interaction.id);
    this.#lms.set(`${base}.type`, 'choice');
    this.#lms.set(`${base}.${ELEMENTS[v].response}`, interaction.response);
    this.#lms.set(`${base}.result`, 'neutral');
    if (v === '1.2') {
      this.#lms.set(`${base}.time`, formatMoment(v, interaction.at));
    } else {
      this.#lms.set(`${base}.description`, interaction.description);
      this.#lms.set(`${base}.timestamp`, formatMoment(v, interaction.at));
    }
  }

  /** The run as the suspend data and its scene as the location (a run too long for the version's limit is not kept). */
  #keep(run: ReportedRun): void {
    const v = this.#lms.version;
    this.#current = run.record;
    const scene = run.steps.at(-1)?.target ?? run.scenario.machine.initial;
    this.#lms.set(ELEMENTS[v].location, `${run.scenario.id}/${scene}`.slice(0, LOCATION_LIMIT[v]));
    const data = encodeSuspend(run.record);
    if (data.length <= SUSPEND_DATA_LIMIT[v]) this.#lms.set(ELEMENTS[v].suspendData, data);
  }

  /** A run ended: completion, success (a pass is kept) and the best score. */
  #finish(outcome: NonNullable<RunRecord['outcome']>): void {
    const passed = outcome === 'mutualFit';
    const score = outcomeScore(outcome)!;
    const v = this.#lms.version;
    if (v === '1.2') {
      const status = this.#lms.get(ELEMENTS['1.2'].status);
      this.#lms.set(ELEMENTS['1.2'].status, passed || status === 'passed' ? 'passed' : 'failed');
    } else {
      this.#lms.set(ELEMENTS['2004'].completion, 'completed');
      const success = this.#lms.get(ELEMENTS['2004'].success);
      this.#lms.set(ELEMENTS['2004'].success, passed || success === 'passed' ? 'passed' : 'failed');
    }
    const element = ELEMENTS[v].score;
    const best = Number(this.#lms.get(`${element}.raw`));
    if (this.#lms.get(`${element}.raw`) === '' || !(best >= score)) {
      this.#lms.set(`${element}.min`, '0');
      this.#lms.set(`${element}.max`, '100');
      this.#lms.set(`${element}.raw`, String(score));
      if (v === '2004') this.#lms.set(`${element}.scaled`, String(score / 100));
    }
  }
}
