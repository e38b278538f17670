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
} as const;

/** `400 KB`: a byte count in the words the panel uses. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  return `${(kb / 1024).toFixed(1)} MB`;
}

/** The message for a file over the size limit, or undefined when it fits. Check `File.size` before reading it. */
export function sizeProblem(bytes: number): string | undefined {
  if (bytes <= IMPORT_LIMITS.maxBytes) return undefined;
  return `is ${formatBytes(bytes)}; the largest file that can be imported is ${formatBytes(IMPORT_LIMITS.maxBytes)}`;
}

/** One sentence stating the limits, for the import panel. */
export function limitsSentence(): string {
  return `JSON files up to ${formatBytes(IMPORT_LIMITS.maxBytes)} and ${IMPORT_LIMITS.maxScenes} scenes.`;
}
