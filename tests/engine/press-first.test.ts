// @vitest-environment node
/**
 * Honest play, measured where the order is decided: a player who presses 1 at every decision takes the first
 * option in the run's display order (`nextTurn` shows a turn through `shownInOrder`, seeded by the run). Over
 * many runs with the seeds a new run draws, that wins "Both sides like each other" no more often than uniformly
 * random play (the gameability report's figure), plus 10 points. The browser test in
 * tests/e2e/honest-play.spec.ts checks that the screen shows the options in exactly this order.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gameability } from '../../src/lib/engine/gameability.ts';
import type { Outcome, Side } from '../../src/lib/engine/ledger.ts';
import { mulberry32 } from '../../src/lib/engine/random.ts';
import { shownInOrder } from '../../src/lib/engine/run.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { automaticMove, startingPosition, takeStep, turnAt, type Move } from '../../src/lib/engine/step.ts';
import { validateScenarioText } from '../../src/lib/engine/validate.ts';

const scenarios: Scenario[] = readdirSync('scenarios')
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => {
    const result = validateScenarioText(readFileSync(`scenarios/${file}`, 'utf8'));
    if (!result.ok) throw new Error(`scenarios/${file} is invalid`);
    return result.scenario;
  });

/** Play one run from a seat, always taking the first option shown; the outcome. */
function pressOne(s: Scenario, seat: Side, seed: number): Outcome {
  let at = startingPosition(s);
  for (let steps = 0; steps < 500; steps++) {
    const turn = shownInOrder(turnAt(s, at, seat), seed, at.scene);
    if (turn.kind === 'ended') return turn.verdict.outcome;
    const move: Move | null = turn.kind === 'player' ? { type: turn.choices[0]!.event } : automaticMove(turn);
    if (!move) throw new Error(`${s.id} as the ${seat}: stuck in "${at.scene}"`);
    at = takeStep(s, at, move)!.next;
  }
  throw new Error(`${s.id} as the ${seat}: no outcome after 500 steps`);
}

/** Runs per scenario and seat; their seeds are drawn as a new run draws one (a 32-bit number), from a fixed start. */
const RUNS_EACH = 40;

describe('pressing 1 at every decision', () => {
  it('wins "Both sides like each other" no more often than random play, plus 10 points, over the whole library', () => {
    const draw = mulberry32(2026);
    const pairs = scenarios.flatMap((s) => s.seats.map((seat) => ({ s, seat })));
    let wins = 0;
    let random = 0;
    const seeds = new Set<number>();
    for (const { s, seat } of pairs) {
      for (let n = 0; n < RUNS_EACH; n++) {
        const seed = Math.floor(draw() * 2 ** 32);
        seeds.add(seed);
        if (pressOne(s, seat, seed) === 'mutualFit') wins++;
      }
      random += gameability(s).seats.find((g) => g.seat === seat)!.random.byOutcome.mutualFit;
    }
    const pressing = wins / (pairs.length * RUNS_EACH);
    random /= pairs.length;
    expect(seeds.size).toBe(pairs.length * RUNS_EACH);
    expect(pressing, `pressing 1: ${(100 * pressing).toFixed(1)}%; random play: ${(100 * random).toFixed(1)}%`).toBeLessThanOrEqual(random + 0.1);
  });

  it('takes different options in different runs: the first option shown is not always the same one', () => {
    // At every decision with two or more options, some seed among twenty puts a different option first.
    for (const s of scenarios) {
      for (const [id, scene] of Object.entries(s.machine.states)) {
        const events = Object.keys(scene.on ?? {}).filter((e) => e !== 'continue');
        if (events.length < 2 || !scene.meta.decides) continue;
        const firsts = new Set<string>();
        for (let seed = 1; seed <= 20; seed++) {
          const turn = shownInOrder(
            {
              kind: 'player',
              side: scene.meta.decides as Side,
              choices: events.map((event) => ({ event: event as `choice.${string}`, choice: scene.on![event] as never })),
            },
            seed,
            id,
          );
          if (turn.kind === 'player') firsts.add(turn.choices[0]!.event);
        }
        expect(firsts.size, `${s.id}, scene "${id}": the first option shown varies with the run`).toBeGreaterThan(1);
      }
    }
  });
});
