/**
 * Runes bridge from a scenario run (an XState actor) to components. Components read `snapshot`, `turn`
 * and `scene`, and call `choose` / `proceed`; all rules live in the engine.
 */
import { fromStore } from 'svelte/store';
import { useSelector } from '@xstate/svelte';
import { createActor, type Actor } from 'xstate';
import { createScenarioMachine, type PlaySeat, type RunSnapshot, type ScenarioMachine } from '../engine/machine.ts';
import { nextTurn, sceneAt, type Turn } from '../engine/run.ts';
import type { Scenario } from '../engine/schema.ts';

export class RunSession {
  readonly scenario: Scenario;
  readonly seat: PlaySeat;
  readonly actor: Actor<ScenarioMachine>;
  readonly #snapshot: { readonly current: RunSnapshot };

  constructor(scenario: Scenario, seat: PlaySeat, restore?: unknown) {
    this.scenario = scenario;
    this.seat = seat;
    const machine = createScenarioMachine(scenario);
    this.actor = createActor(machine, { input: { seat }, ...(restore ? { snapshot: restore as never } : {}) });
    this.actor.start();
    this.#snapshot = fromStore(useSelector(this.actor, (s) => s));
  }

  get snapshot(): RunSnapshot {
    return this.#snapshot.current;
  }

  get turn(): Turn {
    return nextTurn(this.scenario, this.snapshot);
  }

  get sceneId(): string {
    return sceneAt(this.scenario, this.snapshot).id;
  }

  get scene() {
    return sceneAt(this.scenario, this.snapshot).scene;
  }

  /** A person's choice. */
  choose(event: `choice.${string}`): void {
    this.actor.send({ type: event });
  }

  /** Move on where nobody decides, or let the simulated side make its move. */
  proceed(): void {
    const turn = this.turn;
    if (turn.kind === 'continue') this.actor.send({ type: 'continue' });
    else if (turn.kind === 'simulated') this.actor.send({ type: turn.event, auto: true });
  }

  stop(): void {
    this.actor.stop();
  }
}
