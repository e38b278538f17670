/** Small helpers for printing bench figures. */

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** The value below which `p` per cent of the values fall (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Columns padded to a common width; numbers right-aligned. */
export function table(rows: (string | number)[][], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, String(cell).length)));
  return rows
    .map(
      (row) =>
        indent +
        row
          .map((cell, i) =>
            typeof cell === 'number' || /^[\d.,]+ ?(kB|ms|%)?$/.test(String(cell)) ? String(cell).padStart(widths[i]!) : String(cell).padEnd(widths[i]!),
          )
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

export function heading(title: string): void {
  console.log(`\n${title}`);
}

/** Runs a bench section; a failure is printed and the bench goes on. */
export async function section<T>(title: string, run: () => Promise<T> | T): Promise<T | undefined> {
  heading(title);
  const started = performance.now();
  try {
    return await run();
  } catch (error) {
    console.log(`  skipped: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  } finally {
    console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}
