/** Scenario ids for saved copies. No dependencies. */

/** The first free id of the form `<id>-2`, `<id>-3`…, at most 64 characters (the format's limit). */
export function freeId(id: string, taken: ReadonlySet<string>): string {
  const base = id.replace(/-\d+$/, '').slice(0, 59);
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
