/**
 * Turns a scenario file into a running XState machine. Each scene is a state and each choice (or
 * `continue`) an event; which transition an event takes, and what it does, is decided by the engine's
 * one step function (`step.ts`): the machine's only guard asks it which branch applies, and its only
 * action applies that step and records it in the context. The outcome is the machine's output, derived
 * from the ledgers: the author never picks it.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import { emptyLedgers, judge, type Verdict } from './ledger.ts';
import type { Standing } from './effects.ts';
import { takeStep, transitionFor, transitionsOf, type Move, type PlaySeat, type Step } from './step.ts';
import type { Scenario } from './schema.ts';

export type { PlaySeat, Step };

export interface RunInput {
  seat: PlaySeat;
  /** Seed for the run's randomness (the order options are shown in), kept in context so runs reproduce. */
  seed?: number;
}

export interface RunContext extends Standing {
  seat: PlaySeat;
  seed: number;
  /** Every step taken, with the transition it took, in order. */
  steps: Step[];
}

export type RunEvent = Move;

/** Which transition of a scene's event the params name. */
interface BranchParams {
  scene: string;
  branch: number;
}

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
  const scenarioSetup = setup({
    types: {
      context: {} as RunContext,
      input: {} as RunInput,
      events: {} as RunEvent,
      output: {} as Verdict,
    },
    guards: {
      /** The step function takes this branch of the event here. */
      takes: ({ context, event }, params: BranchParams) => {
        const scene = scenario.machine.states[params.scene];
        return scene !== undefined && transitionFor(scene, event.type, context)?.branch === params.branch;
      },
    },
    actions: {
      /** Apply the step the step function takes, and record it. */
      step: assign(({ context, event }, params: BranchParams) => {
        const taken = takeStep(scenario, { scene: params.scene, standing: context }, event);
        if (!taken) return {};
        const { ledgers, dealBreakers, flags } = taken.next.standing;
        return { ledgers, dealBreakers, flags, steps: [...context.steps, taken.step] };
      }),
    },
  });

  const states: Record<string, unknown> = {};
  for (const [sceneId, scene] of Object.entries(scenario.machine.states)) {
    const on: Record<string, unknown> = {};
    for (const event of Object.keys(scene.on ?? {})) {
      on[event] = transitionsOf(scene, event).map((transition, branch) => ({
        target: transition.target,
        guard: { type: 'takes', params: { scene: sceneId, branch } },
        actions: [{ type: 'step', params: { scene: sceneId, branch } }],
      }));
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
