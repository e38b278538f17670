/**
 * The run screen's link to a learning record store. When none is set up this is all that runs: one read
 * of the settings, and nothing is loaded. When one is, the reporter (statement building and the queue)
 * is loaded on demand and every change of the run is looked at once: each new person's choice and the
 * run's end become facts, with their statement id and time given at once, then statements.
 */
import type { RecordStore } from '../../lib/persistence/record-store.ts';
import { activeLrsSettings } from '../../lib/learning/lrs-settings.ts';
import { factsSince, seenAtStart, type RunView } from '../../lib/learning/run-facts.ts';
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
  const settings = activeLrsSettings(records);
  if (!settings) return NOTHING;
  let seen = seenAtStart(run);
  let stopped = false;
  const reporter = import('../../lib/learning/run-reporter.ts').then(({ RunReporter }) => {
    const made = new RunReporter(scenario, { id: run.record.id, seat: run.record.seat, mode: run.record.mode }, settings, { records, whenOnline });
    // Anything left from an earlier visit goes first.
    void made.client.flush();
    if (stopped) made.stop();
    return made;
  });
  return {
    observe(view) {
      const found = factsSince(view, seen, Date.now());
      seen = found.seen;
      if (found.facts.length) void reporter.then((r) => r.report(found.facts));
    },
    stop() {
      stopped = true;
      void reporter.then((r) => r.stop());
    },
  };
}
