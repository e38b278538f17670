/**
 * The run kept in the LMS's `cmi.suspend_data`, so a learner resumes where they left, on any device: the
 * saved run record itself (its seat, seed, choices and step count; see `RunRecord`), versioned and
 * checked with the same schema as the browser's saved runs.
 */
import { runSchema, type RunRecord } from '../../persistence/records.ts';

/** The version of the suspend data's layout. */
export const SUSPEND_VERSION = 1;

/** The suspend data for a run. */
export function encodeSuspend(run: RunRecord): string {
  return JSON.stringify({ v: SUSPEND_VERSION, run });
}

/** The run in suspend data, or undefined when there is none or it cannot be read (the learner starts afresh). */
export function decodeSuspend(text: string): RunRecord | undefined {
  if (!text) return undefined;
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null || !('v' in data) || data.v !== SUSPEND_VERSION || !('run' in data)) return undefined;
    const parsed = runSchema.safeParse(data.run);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
