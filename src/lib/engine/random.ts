/**
 * Seeded randomness: the same seed always gives the same numbers, so runs, share links and reports
 * reproduce. Nothing in the engine uses `Math.random()`.
 */

/** Small seeded PRNG (public domain mulberry32): numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of a seed and a text (FNV-1a over the text, mixed with the seed). */
export function hashSeed(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A fresh seed for a new run or session (the one place the app draws on outside randomness). */
export function newSeed(): number {
  return Math.floor(Math.random() * 0x1_0000_0000) >>> 0;
}

/**
 * The order a scene's options are shown in: a shuffle of the file order, fixed by the run's seed and the
 * scene, so a run (and its share link, replay or report) always shows the same scene the same way, while
 * the author's file order says nothing to the player.
 */
export function displayOrder<T>(items: readonly T[], seed: number, sceneId: string): T[] {
  const random = mulberry32(hashSeed(seed, sceneId));
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}
