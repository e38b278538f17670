/**
 * The run screen's link to a learning record store. When none is set up this is all that runs: one look
 * for the settings' key, and nothing is loaded. When one is, the reporter (settings check, statement
 * building and the queue) is loaded on demand, and every change of the run is looked at once: each new
 * person's choice and the run's end become facts at once, then statements with their ids.
 */
import type { RecordStore } from '../../lib/persistence/record-store.ts';
import { factsSince, LRS_SETTINGS_KEY, seenAtStart, type RunView } from '../../lib/learning/run-facts.ts';
import type { Scenario } from '../../lib/engine/schema.ts';
import type { PlaySeat } from '../../lib/engine/step.ts';

export interface LrsLink {
  /** Look at the run after it changed (a step, an undo, a hand-over). */
  observe(run: RunView): void;
  stop(): void;
}

const NOTHING: LrsLink = { observe: () => {}, stop: () => {} };

/** Browser hooks for the queue: retry when the browser is back online. */
export function whenOnline(retry: () => void): () => void {
  window.addEventListener('online', retry);
  return () => window.removeEventListener('online', retry);
}

/** Connect a run to the record store in the settings, or do nothing when there is none. */
export function connectLrs(records: RecordStore, scenario: Scenario, run: RunView & { record: { seat: PlaySeat; mode: string } }): LrsLink {
  if (records.get(LRS_SETTINGS_KEY) === null) return NOTHING;
  let seen = seenAtStart(run);
  let stopped = false;
  const reporter = import('../../lib/learning/run-reporter.ts')
    .then(({ startReporter }) => {
      const made = startReporter(scenario, { id: run.record.id, seat: run.record.seat, mode: run.record.mode }, { records, whenOnline });
      // Anything left from an earlier visit goes first.
      void made?.client.flush();
      if (stopped) made?.stop();
      return made;
    })
    .catch(() => undefined);
  return {
    observe(view) {
      const found = factsSince(view, seen, Date.now());
      seen = found.seen;
      if (found.facts.length) void reporter.then((r) => r?.report(found.facts));
    },
    stop() {
      stopped = true;
      void reporter.then((r) => r?.stop());
    },
  };
}
