/**
 * The run kept in the LMS's `cmi.suspend_data`, so a learner resumes where they left, on any device: the
 * saved run record itself (its seat, seed, choices and step count; see `RunRecord`), versioned and
 * checked with the same schema as the browser's saved runs.
 */
import * as z from 'zod/mini';
import { runSchema, type RunRecord } from '../../persistence/records.ts';

/** The version of the suspend data's layout. */
export const SUSPEND_VERSION = 1;

const suspendSchema = z.object({ v: z.literal(SUSPEND_VERSION), run: runSchema });

/** The suspend data for a run. */
export function encodeSuspend(run: RunRecord): string {
  return JSON.stringify({ v: SUSPEND_VERSION, run });
}

/** The run in suspend data, or undefined when there is none or it cannot be read (the learner starts afresh). */
export function decodeSuspend(text: string): RunRecord | undefined {
  if (!text) return undefined;
  try {
    const parsed = suspendSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.run : undefined;
  } catch {
    return undefined;
  }
}
