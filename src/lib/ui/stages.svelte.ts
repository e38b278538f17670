/**
 * A long screen shown in parts, one painted frame after another, so that no single task at start-up builds
 * and lays out the whole screen: the first part (what fills the first screenful) is built with the
 * component; each further part is added once the frame before it has been painted.
 *
 *     const stages = new Stages(2);
 *     {#if stages.reached(1)}<History />{/if}
 */
import { afterPaint } from './schedule.ts';

export class Stages {
  #shown = $state(0);

  /** @param count how many parts come after the first (each one frame later) */
  constructor(count: number) {
    const next = () => {
      this.#shown++;
      if (this.#shown < count) afterPaint(next);
    };
    if (count > 0) afterPaint(next);
  }

  /** How many parts after the first are shown. */
  get shown(): number {
    return this.#shown;
  }

  /** Whether part `n` (1 for the first part after the initial one) is shown yet. */
  reached(n: number): boolean {
    return this.#shown >= n;
  }
}
