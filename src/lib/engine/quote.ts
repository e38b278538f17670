/**
 * Quoting what an author wrote inside a message: always short, always on one line, so a message never
 * echoes a whole file. Pure, no dependencies (the schema's error messages use it too).
 */

/** Longest excerpt of an author's text that a message quotes, in characters (the ellipsis included). */
export const EXCERPT_LENGTH = 60;

/** Longest message the checker gives, in characters. */
export const MESSAGE_LENGTH = 300;

/** `text` cut to `max` characters with `…`, line breaks and control characters shown as spaces. */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  if (flat.length <= max) return flat;
  let cut = max - 1;
  // Never cut a surrogate pair in half.
  if (/[\ud800-\udbff]/.test(flat[cut - 1] ?? '')) cut--;
  return `${flat.slice(0, cut)}…`;
}

/** A value as a message quotes it: text in double quotes (cut short), anything else in words. */
export function quote(value: unknown, max = EXCERPT_LENGTH): string {
  if (typeof value === 'string') return `"${excerpt(value, max - 2)}"`;
  return describeValue(value);
}

/** What kind of value this is, in words: `text ("hi")`, `the number 3`, `a list`, `an object`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `text (${quote(value, 30)})`;
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${excerpt(String(value), 24)}` : 'a number too large to use';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** `a` or `an` before a noun, by its first letter. */
export function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** The message cut to `MESSAGE_LENGTH` characters, a last guard after excerpts. */
export function shortMessage(message: string): string {
  return excerpt(message, MESSAGE_LENGTH);
}
