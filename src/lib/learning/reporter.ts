/**
 * What a learning record (a SCORM LMS, or another reporter) is told about the runs a learner plays. The
 * run screen calls it through the app's services; the app works the same without one.
 */
import type { Scenario } from '../engine/schema.ts';
import type { RecordedStep } from '../engine/step.ts';
import type { RunRecord } from '../persistence/records.ts';

/** A run as the run screen holds it: its scenario, its saved record, and the steps the machine recorded. */
export interface ReportedRun {
  scenario: Scenario;
  record: RunRecord;
  /** Every step taken so far, as recorded by the machine (`RunSession.steps`). */
  steps: readonly RecordedStep[];
}

/**
 * Told when a run is opened, after each of its changes (a step, an undo, a hand-over), and when the run
 * screen closes. The run screen tells every reporter it has (a SCORM LMS from the app's services, a
 * learning record store from the settings) the same things, in the same order. `R` is what a reporter
 * needs to see of the run; the run screen's session gives all of it.
 */
export interface RunReporter<R extends ReportedRun = ReportedRun> {
  /** A run was opened (new, resumed or finished): its steps so far are known and are not reported again. */
  runOpened(run: R): void;
  /** A run changed: the steps beyond those already known are new. */
  runChanged(run: R): void;
  /** The run screen closed: stop, and let go of what was started. */
  runClosed?(): void;
}
