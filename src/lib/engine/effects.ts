/**
 * What the named effects (XState actions) and conditions (XState guards) do, as pure functions over
 * the ledgers. The XState machine (`machine.ts`) and the analyser (`analyse.ts`) both call these, so
 * a scenario behaves the same when played and when analysed.
 */
import { ledgerTotal, type DealBreakers, type Ledgers } from './ledger.ts';
import type { Effect, Guard, SingleGuard } from './schema.ts';

/** Everything a choice can change and a condition can test. */
export interface Standing {
  ledgers: Ledgers;
  dealBreakers: DealBreakers;
  /** Flags set so far, sorted, without repeats. */
  flags: string[];
}

/** Apply one effect, returning a new standing (the input is not changed). */
export function applyEffect(standing: Standing, effect: Effect): Standing {
  switch (effect.type) {
    case 'impress': {
      const { ledger, dimension, by } = effect.params;
      const current = standing.ledgers[ledger];
      return {
        ...standing,
        ledgers: { ...standing.ledgers, [ledger]: { ...current, [dimension]: current[dimension] + by } },
      };
    }
    case 'dealBreaker': {
      const { ledger, reason } = effect.params;
      // The first deal-breaker is the one that is remembered and explained.
      if (standing.dealBreakers[ledger] !== null) return standing;
      return { ...standing, dealBreakers: { ...standing.dealBreakers, [ledger]: reason } };
    }
    case 'setFlag':
      if (standing.flags.includes(effect.params.flag)) return standing;
      return { ...standing, flags: [...standing.flags, effect.params.flag].sort() };
    case 'clearFlag':
      return { ...standing, flags: standing.flags.filter((flag) => flag !== effect.params.flag) };
  }
}

export function applyEffects(standing: Standing, effects: readonly Effect[]): Standing {
  return effects.reduce(applyEffect, standing);
}

/**
 * Evaluate a condition: the one evaluator of conditions, for play (through `step.ts`) and analysis alike.
 * `and` holds when all its conditions hold, `or` when at least one does, `not` when its condition fails.
 * No condition (undefined) always holds. No side effects.
 */
export function holds(standing: Standing, guard: Guard | undefined): boolean {
  if (!guard) return true;
  switch (guard.type) {
    case 'and':
      return guard.params.all.every((condition) => holds(standing, condition));
    case 'or':
      return guard.params.any.some((condition) => holds(standing, condition));
    case 'not':
      return !holds(standing, guard.params.condition);
    case 'ledgerAtLeast':
    case 'ledgerBelow': {
      const { ledger, dimension, value } = guard.params;
      const current = standing.ledgers[ledger];
      const measured = dimension ? current[dimension] : ledgerTotal(current);
      return guard.type === 'ledgerAtLeast' ? measured >= value : measured < value;
    }
    case 'flagSet':
      return standing.flags.includes(guard.params.flag);
    case 'flagUnset':
      return !standing.flags.includes(guard.params.flag);
    case 'dealBroken':
      return standing.dealBreakers[guard.params.ledger] !== null;
  }
}

/**
 * The single conditions a condition tests, looking inside `and`, `or` and `not`, in the order written.
 * Anything that asks what a condition depends on (the analyser's state key) reads it from here.
 */
export function singleConditions(guard: Guard | undefined): SingleGuard[] {
  if (!guard) return [];
  switch (guard.type) {
    case 'and':
      return guard.params.all.flatMap(singleConditions);
    case 'or':
      return guard.params.any.flatMap(singleConditions);
    case 'not':
      return singleConditions(guard.params.condition);
    default:
      return [guard];
  }
}
