/**
 * Undo and redo for the editor: a pure, immutable history of values. Every edit is one entry; edits of
 * the same field typed in a row (same `group`) merge into one entry, so undo takes back a whole word or
 * sentence rather than one letter. No timers, no DOM.
 */

/** One past or future state, with what the edit was in words ("Edit the label"). */
export interface Entry<T> {
  value: T;
  label: string;
}

export interface History<T> {
  /** Older states, oldest first. */
  past: Entry<T>[];
  present: Entry<T>;
  /** States undone, the next to redo last. */
  future: Entry<T>[];
  /** The group of the last edit: a following edit of the same group replaces it instead of adding one. */
  group?: string;
}

/** How many states undo can go back (older ones are dropped). */
export const HISTORY_LIMIT = 200;

/** A history that starts at `value`. */
export function startHistory<T>(value: T, label = 'Start'): History<T> {
  return { past: [], present: { value, label }, future: [] };
}

/**
 * The history after an edit to `value`. With a `group` equal to the last edit's, the edit merges into it
 * (typing in one field). Any edit clears what could be redone.
 */
export function record<T>(history: History<T>, value: T, label: string, group?: string): History<T> {
  if (value === history.present.value) return history;
  if (group !== undefined && group === history.group && history.past.length > 0) {
    return { past: history.past, present: { value, label }, future: [], group };
  }
  const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: { value, label }, future: [], group };
}

/** Back one edit (unchanged when there is none). */
export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (!previous) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [...history.future, history.present] };
}

/** Forward one undone edit (unchanged when there is none). */
export function redo<T>(history: History<T>): History<T> {
  const next = history.future.at(-1);
  if (!next) return history;
  return { past: [...history.past, history.present], present: next, future: history.future.slice(0, -1) };
}

/** What undo would take back, in words, or undefined. */
export const undoLabel = <T>(history: History<T>) => (history.past.length ? history.present.label : undefined);
/** What redo would do again, in words, or undefined. */
export const redoLabel = <T>(history: History<T>) => history.future.at(-1)?.label;
