/**
 * The discussion timer, as data: its status is a discriminated union, and time comes from the `at` of
 * each event (milliseconds since the epoch), so the session machine stays pure and tests need not wait.
 */

export type TimerState =
  | { status: 'idle'; durationMs: number }
  | { status: 'running'; durationMs: number; elapsedMs: number; since: number }
  | { status: 'paused'; durationMs: number; elapsedMs: number };

/** Default time per decision, in seconds. */
export const DEFAULT_TIMER_SECONDS = 180;
export const MIN_TIMER_SECONDS = 15;
export const MAX_TIMER_SECONDS = 60 * 60;

export function clampSeconds(seconds: number): number {
  if (!Number.isFinite(seconds)) return DEFAULT_TIMER_SECONDS;
  return Math.min(MAX_TIMER_SECONDS, Math.max(MIN_TIMER_SECONDS, Math.round(seconds)));
}

export function idleTimer(seconds: number): TimerState {
  return { status: 'idle', durationMs: clampSeconds(seconds) * 1000 };
}

/** Time counted so far, in ms. */
export function elapsedMs(timer: TimerState, now: number): number {
  if (timer.status === 'idle') return 0;
  if (timer.status === 'paused') return timer.elapsedMs;
  return timer.elapsedMs + Math.max(0, now - timer.since);
}

/** Time left, in ms; negative once time is up (the timer keeps counting: the room may need a minute more). */
export function remainingMs(timer: TimerState, now: number): number {
  return timer.durationMs - elapsedMs(timer, now);
}

export function startTimer(timer: TimerState, at: number): TimerState {
  if (timer.status === 'running') return timer;
  return { status: 'running', durationMs: timer.durationMs, elapsedMs: timer.status === 'paused' ? timer.elapsedMs : 0, since: at };
}

export function pauseTimer(timer: TimerState, at: number): TimerState {
  if (timer.status !== 'running') return timer;
  return { status: 'paused', durationMs: timer.durationMs, elapsedMs: elapsedMs(timer, at) };
}

export function withDuration(timer: TimerState, durationMs: number): TimerState {
  return { ...timer, durationMs: Math.min(MAX_TIMER_SECONDS * 1000, Math.max(MIN_TIMER_SECONDS * 1000, durationMs)) };
}

/** "2:05", or "−0:12" once time is up. Rounds up, so "0:00" shows only when time is exactly up. */
export function formatClock(ms: number): string {
  const negative = ms < 0;
  const total = negative ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return `${negative ? '−' : ''}${minutes}:${seconds}`;
}

/** "2 minutes 5 seconds", for screen readers and reports. */
export function formatDuration(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  if (seconds || !minutes) parts.push(`${seconds} second${seconds === 1 ? '' : 's'}`);
  return parts.join(' ');
}
