/**
 * What an imported scenario file may be. Stated to authors in the import panel and in docs/authoring.md.
 * No zod here: the library screen may read these on first load.
 */

export const IMPORT_LIMITS = {
  /** Largest file accepted, in bytes (UTF-8). The largest built-in scenario is well under half of this. */
  maxBytes: 400 * 1024,
  /** Most scenes a file may hold. The library's own rule is 12–30 scenes per seat. */
  maxScenes: 200,
  /** Deepest nesting of brackets; a scenario file needs about ten levels. */
  maxDepth: 64,
  /** States the analyser explores per seat before it stops and calls the result partial. */
  maxStates: 100_000,
  /** Longest the app waits for a file's check, in milliseconds, before it stops the check and says so. */
  checkMillis: 5_000,
} as const;

/** Length of `text` in UTF-8 bytes, without allocating. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** `400 KB`: a byte count in the words the panel uses. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  return `${(kb / 1024).toFixed(1)} MB`;
}

/**
 * The message for a file over the size limit, or undefined when it fits. Check `File.size` before reading it.
 * `atLeast`: `bytes` is a lower bound (the text was not measured to the end).
 */
export function sizeProblem(bytes: number, atLeast = false): string | undefined {
  if (bytes <= IMPORT_LIMITS.maxBytes) return undefined;
  return `is ${atLeast ? 'at least ' : ''}${formatBytes(bytes)}; the largest file that can be imported is ${formatBytes(IMPORT_LIMITS.maxBytes)}`;
}

/**
 * The message for a text (pasted, dropped or read) over the size limit, or undefined when it fits. Decides
 * from the length alone when it can (every UTF-16 unit is at least one UTF-8 byte and at most three), so a
 * 10 MB paste is refused at once, without walking the text.
 */
export function textSizeProblem(text: string): string | undefined {
  // Far over: the length is a lower bound on the bytes, and walking megabytes would hold up the page.
  if (text.length > 8 * IMPORT_LIMITS.maxBytes) return sizeProblem(text.length, true);
  if (text.length > IMPORT_LIMITS.maxBytes) return sizeProblem(utf8Length(text));
  if (text.length * 3 <= IMPORT_LIMITS.maxBytes) return undefined;
  return sizeProblem(utf8Length(text));
}

/** One sentence stating the limits, for the import panel. */
export function limitsSentence(): string {
  return `JSON files up to ${formatBytes(IMPORT_LIMITS.maxBytes)} and ${IMPORT_LIMITS.maxScenes} scenes.`;
}
