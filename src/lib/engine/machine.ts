/**
 * Turns a scenario file into a running XState machine. The named effects and conditions are declared
 * once here with `setup()`; the scenario references them by name with params. The outcome is the
 * machine's output, derived from the ledgers: the author never picks it.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import { emptyLedgers, judge, type Side, type Verdict } from './ledger.ts';
import { applyEffect, holds, type Standing } from './effects.ts';
import type { Effect, Guard, Scenario } from './schema.ts';

/** Who the people at the device play: one side (the scenario plays the other), or both (pass-and-play). */
export type PlaySeat = Side | 'both';

/** One step of a run, as recorded in the machine's context. */
export interface Step {
  /** The scene the step was taken in. */
  scene: string;
  /** The event sent: `choice.<name>` or `continue`. */
  event: string;
  /** The side that decided, or null where the scene simply continued. */
  side: Side | null;
  /** True when the scenario made the move (the simulated side, or a continue). */
  auto: boolean;
}

export interface RunInput {
  seat: PlaySeat;
  /** Seed for any randomness, kept in context so runs reproduce. */
  seed?: number;
}

export interface RunContext extends Standing {
  seat: PlaySeat;
  seed: number;
  steps: Step[];
}

export type RunEvent = { type: `choice.${string}`; auto?: boolean } | { type: 'continue' };

type EffectParams<T extends Effect['type']> = Extract<Effect, { type: T }>['params'];
type GuardParams<T extends Guard['type']> = Extract<Guard, { type: T }>['params'];

const effect =
  <T extends Effect['type']>(type: T) =>
  ({ context }: { context: RunContext }, params: EffectParams<T>) =>
    applyEffect(context, { type, params } as Effect) as Partial<RunContext>;
const condition =
  <T extends Guard['type']>(type: T) =>
  ({ context }: { context: RunContext }, params: GuardParams<T>) =>
    holds(context, { type, params } as Guard);

/** The one shared setup: every scenario machine is created from it. */
export const scenarioSetup = setup({
  types: {
    context: {} as RunContext,
    input: {} as RunInput,
    events: {} as RunEvent,
    output: {} as Verdict,
  },
  actions: {
    impress: assign(effect('impress')),
    dealBreaker: assign(effect('dealBreaker')),
    setFlag: assign(effect('setFlag')),
    clearFlag: assign(effect('clearFlag')),
    record: assign(({ context, event }, params: { scene: string; side: Side | null }) => ({
      steps: [
        ...context.steps,
        { scene: params.scene, event: event.type, side: params.side, auto: event.type === 'continue' || ('auto' in event && event.auto === true) },
      ],
    })),
  },
  guards: {
    ledgerAtLeast: condition('ledgerAtLeast'),
    ledgerBelow: condition('ledgerBelow'),
    flagSet: condition('flagSet'),
    flagUnset: condition('flagUnset'),
    dealBroken: condition('dealBroken'),
  },
});

export function initialContext(input: RunInput): RunContext {
  return {
    seat: input.seat,
    seed: input.seed ?? 1,
    ledgers: emptyLedgers(),
    dealBreakers: { employer: null, candidate: null },
    flags: [],
    steps: [],
  };
}

/** Build the XState machine for a (validated) scenario. */
export function createScenarioMachine(scenario: Scenario) {
  const states: Record<string, unknown> = {};
  for (const [sceneId, scene] of Object.entries(scenario.machine.states)) {
    const record = { type: 'record', params: { scene: sceneId, side: scene.meta.decides ?? null } };
    const on: Record<string, unknown> = {};
    for (const [event, value] of Object.entries(scene.on ?? {})) {
      const transitions = Array.isArray(value) ? value : [value!];
      on[event] = transitions.map((t) => ({ ...t, actions: [...t.actions, record] }));
    }
    states[sceneId] = {
      ...(scene.type ? { type: scene.type } : {}),
      tags: scene.type === 'final' ? ['final'] : scene.meta.decides ? ['decision'] : ['continues'],
      meta: scene.meta,
      on,
    };
  }
  return scenarioSetup.createMachine({
    id: scenario.id,
    context: ({ input }) => initialContext(input),
    initial: scenario.machine.initial,
    // The config comes from validated data; its shape is checked by the schema, not by TypeScript.
    states: states as never,
    output: ({ context }) => judge(context.ledgers, context.dealBreakers),
  });
}

export type ScenarioMachine = ReturnType<typeof createScenarioMachine>;
export type RunSnapshot = SnapshotFrom<ScenarioMachine>;
