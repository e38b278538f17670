/**
 * One SCORM session with an LMS, the same for both versions: the data model's element names and value
 * formats for SCORM 1.2 and SCORM 2004 (4th edition) live here, and nowhere else.
 */
import type { FoundApi, ScormVersion } from './launch.ts';

/** The elements the app writes, by version. */
export const ELEMENTS = {
  '1.2': {
    status: 'cmi.core.lesson_status',
    location: 'cmi.core.lesson_location',
    exit: 'cmi.core.exit',
    sessionTime: 'cmi.core.session_time',
    suspendData: 'cmi.suspend_data',
    score: 'cmi.core.score',
    interactions: 'cmi.interactions',
    response: 'student_response',
  },
  '2004': {
    completion: 'cmi.completion_status',
    success: 'cmi.success_status',
    location: 'cmi.location',
    exit: 'cmi.exit',
    sessionTime: 'cmi.session_time',
    suspendData: 'cmi.suspend_data',
    score: 'cmi.score',
    interactions: 'cmi.interactions',
    response: 'learner_response',
  },
} as const;

/** Longest `cmi.suspend_data` each version guarantees, in characters. */
export const SUSPEND_DATA_LIMIT: Record<ScormVersion, number> = { '1.2': 4096, '2004': 64000 };
/** Longest location (bookmark) each version guarantees. */
export const LOCATION_LIMIT: Record<ScormVersion, number> = { '1.2': 255, '2004': 1000 };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A session length as each version writes it: `HH:MM:SS` (1.2, CMITimespan) or `PT#H#M#S` (2004, ISO 8601). */
export function formatDuration(version: ScormVersion, milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return version === '1.2' ? `${pad(h)}:${pad(m)}:${pad(s)}` : `PT${h}H${m}M${s}S`;
}

/** A moment as each version writes an interaction's time: time of day `HH:MM:SS` (1.2), or an ISO 8601 timestamp in UTC (2004). */
export function formatMoment(version: ScormVersion, date: Date): string {
  if (version === '1.2') return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  // SCORM 2004 allows at most two digits of fractions of a second.
  return `${date.toISOString().slice(0, 22)}Z`;
}

const ok = (result: unknown) => String(result) === 'true';

/** A session with the LMS: initialise, read, write, commit and terminate, whichever the version. */
export class ScormConnection {
  readonly version: ScormVersion;
  readonly #found: FoundApi;
  /** Writes the LMS refused, as `element: error code` (kept for tests and for a look in the console). */
  readonly refused: string[] = [];

  constructor(found: FoundApi) {
    this.#found = found;
    this.version = found.version;
  }

  /** Calls the LMS; an LMS that throws is treated as one that refused (the app must not stop because of it). */
  #call(call: (found: FoundApi) => unknown, otherwise = 'false'): unknown {
    try {
      return call(this.#found);
    } catch (error) {
      this.refused.push(String(error));
      return otherwise;
    }
  }

  initialize(): boolean {
    return ok(this.#call((f) => (f.version === '1.2' ? f.api.LMSInitialize('') : f.api.Initialize(''))));
  }

  get(element: string): string {
    const value = this.#call((f) => (f.version === '1.2' ? f.api.LMSGetValue(element) : f.api.GetValue(element)), '');
    return value === undefined || value === null ? '' : String(value);
  }

  set(element: string, value: string): boolean {
    const done = ok(this.#call((f) => (f.version === '1.2' ? f.api.LMSSetValue(element, value) : f.api.SetValue(element, value))));
    if (!done) this.refused.push(`${element}: ${String(this.#call((f) => (f.version === '1.2' ? f.api.LMSGetLastError() : f.api.GetLastError())))}`);
    return done;
  }

  commit(): boolean {
    return ok(this.#call((f) => (f.version === '1.2' ? f.api.LMSCommit('') : f.api.Commit(''))));
  }

  terminate(): boolean {
    return ok(this.#call((f) => (f.version === '1.2' ? f.api.LMSFinish('') : f.api.Terminate(''))));
  }
}
