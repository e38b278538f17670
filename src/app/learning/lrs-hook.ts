/**
 * The run screen's reporter for a learning record store. When none is set up this is all that runs: one
 * look for the settings' key when the run opens, and nothing is loaded. When one is, the reporter
 * (settings check, statement building and the queue) is loaded on demand, and every change of the run is
 * looked at once: each new person's choice and the run's end become facts at once, then statements with
 * their ids.
 */
import type { RecordStore } from '../../lib/persistence/record-store.ts';
import type { ReportedRun, RunReporter } from '../../lib/learning/reporter.ts';
import { factsSince, LRS_SETTINGS_KEY, seenAtStart, type RunView, type Seen } from '../../lib/learning/run-facts.ts';
import type { startReporter } from '../../lib/learning/run-reporter.ts';

/** Browser hooks for the queue: retry when the browser is back online. */
export function whenOnline(retry: () => void): () => void {
  window.addEventListener('online', retry);
  return () => window.removeEventListener('online', retry);
}

type Started = ReturnType<typeof startReporter>;

/** A reporter to the record store in the settings; it does nothing for a run opened while there is none. */
export function lrsReporter(records: RecordStore): RunReporter<ReportedRun & RunView> {
  let seen: Seen | undefined;
  let started: Promise<Started | undefined> | undefined;
  let closed = false;
  return {
    runOpened(run) {
      if (records.get(LRS_SETTINGS_KEY) === null) return;
      seen = seenAtStart(run);
      started = import('../../lib/learning/run-reporter.ts')
        .then(({ startReporter }) => {
          const made = startReporter(run.scenario, { id: run.record.id, seat: run.record.seat, mode: run.record.mode }, { records, whenOnline });
          // Anything left from an earlier visit goes first.
          void made?.client.flush();
          if (closed) made?.stop();
          return made;
        })
        .catch(() => undefined);
    },
    runChanged(run) {
      if (!seen || !started) return;
      const found = factsSince(run, seen, Date.now());
      seen = found.seen;
      if (found.facts.length) void started.then((r) => r?.report(found.facts));
    },
    runClosed() {
      closed = true;
      void started?.then((r) => r?.stop());
    },
  };
}
