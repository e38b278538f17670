/**
 * The library's filters: by seat and by tag. `filterScenarios` is the rule; `LibraryFilter` holds the
 * player's current picks.
 */
import type { ScenarioSummary } from '../scenarios/summary.ts';
import { textOrder } from '../ui/text-order.ts';

/** `both`: scenarios two people can play on one device (both seats offered). */
export type SeatFilter = 'any' | 'employer' | 'candidate' | 'both';

export function filterScenarios(list: readonly ScenarioSummary[], seat: SeatFilter, tag: string): ScenarioSummary[] {
  return list.filter((s) => {
    const seatFits = seat === 'any' || (seat === 'both' ? s.seats.length === 2 : s.seats.includes(seat));
    return seatFits && (tag === '' || s.tags.includes(tag));
  });
}

/** Every tag used in the list, sorted. */
export function allTags(list: readonly ScenarioSummary[]): string[] {
  return list
    .flatMap((s) => s.tags)
    .filter((tag, i, all) => all.indexOf(tag) === i)
    .sort(textOrder);
}

export class LibraryFilter {
  seat: SeatFilter = $state('any');
  tag = $state('');
}
