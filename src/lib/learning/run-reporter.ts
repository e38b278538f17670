/**
 * A run's statements, from its facts (`run-facts.ts`) to the record store: builds each statement
 * (`xapi.ts`) and hands it to the queue (`lrs-client.ts`). Loaded on demand, only when a record store is
 * set up. No DOM: the app passes in the network, timers and "back online".
 */
import { sceneTitle } from '../facilitator/report.ts';
import type { Scenario } from '../engine/schema.ts';
import type { PlaySeat } from '../engine/step.ts';
import { LrsClient, type LrsClientOptions } from './lrs-client.ts';
import { activeLrsSettings, type LrsSettings } from './lrs-settings.ts';
import type { RunFact } from './run-facts.ts';
import { randomUuid } from './uuid.ts';
import { actorOf, choiceStatement, completionStatement, normaliseBase, type RunStatementContext, type Statement } from './xapi.ts';

/** The run whose statements are sent: its id, seat and mode. */
export interface StatementRun {
  id: string;
  seat: PlaySeat;
  mode: string;
}

/** The statements for some facts of a run, each with a new id (kept from then on, through every retry). */
export function statementsFor(scenario: Scenario, context: RunStatementContext, facts: readonly RunFact[], uuid: () => string = randomUuid): Statement[] {
  return facts.map((fact) => {
    if (fact.kind === 'completed') return completionStatement(context, { ...fact, id: uuid() });
    const scene = scenario.machine.states[fact.step.scene];
    return choiceStatement(context, {
      id: uuid(),
      at: fact.at,
      scene: { id: fact.step.scene, title: scene ? sceneTitle(scene.meta.text) : fact.step.scene },
      event: fact.step.event,
      label: fact.entry.choice?.meta.label ?? fact.step.event,
      side: fact.step.side ?? 'employer',
      delta: fact.entry.delta,
      dealBreakers: fact.entry.dealBreakers,
    });
  });
}

/** The reporter for a run, or undefined when the saved settings cannot be used (then nothing is sent). */
export function startReporter(
  scenario: Scenario,
  run: StatementRun,
  options: Omit<LrsClientOptions, 'settings' | 'uuid'> & { uuid?: () => string },
): StatementReporter | undefined {
  const settings = activeLrsSettings(options.records);
  return settings ? new StatementReporter(scenario, run, settings, options) : undefined;
}

/** Reports one run's facts to the record store in the settings. */
export class StatementReporter {
  readonly client: LrsClient;
  readonly #scenario: Scenario;
  readonly #context: RunStatementContext;
  readonly #uuid: () => string;

  constructor(scenario: Scenario, run: StatementRun, settings: LrsSettings, options: Omit<LrsClientOptions, 'settings' | 'uuid'> & { uuid?: () => string }) {
    this.#uuid = options.uuid ?? randomUuid;
    this.client = new LrsClient({ ...options, settings, uuid: this.#uuid });
    this.#scenario = scenario;
    this.#context = {
      actor: actorOf(settings.learner),
      base: normaliseBase(settings.activityBase),
      registration: this.client.registrationFor(run.id),
      scenario: { id: scenario.id, title: scenario.title, summary: scenario.summary },
      seat: run.seat,
      mode: run.mode,
    };
  }

  /** Build and queue the statements for these facts, then send whatever is waiting. */
  report(facts: readonly RunFact[]): Promise<void> {
    return this.client.add(statementsFor(this.#scenario, this.#context, facts, this.#uuid));
  }

  stop(): void {
    this.client.stop();
  }
}
