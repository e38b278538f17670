/**
 * Work put off until the screen has been updated, so that a click's next frame is not kept waiting:
 * moving focus (which forces a style and layout pass), the rest of a long screen, saving.
 */

/**
 * Run `work` once the next frame has been painted (a task after the animation frame). Where there are no
 * frames (tests without `requestAnimationFrame`), it runs after the current task's microtasks.
 */
export function afterPaint(work: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    queueMicrotask(work);
    return;
  }
  requestAnimationFrame(() => setTimeout(work, 0));
}

/** Run `work` when the browser is idle (at most `timeout` ms later), or after the next paint where idle callbacks are missing. */
export function whenIdle(work: () => void, timeout = 500): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout });
  else afterPaint(work);
}

/**
 * A value written later, when the browser is idle: `put` keeps only the latest value and schedules one
 * write; `flush` writes it now (call it when the page is hidden or the screen goes away).
 */
export class IdleWriter<T> {
  readonly #write: (value: T) => void;
  #pending: { value: T } | undefined;
  #scheduled = false;

  constructor(write: (value: T) => void) {
    this.#write = write;
  }

  put(value: T): void {
    this.#pending = { value };
    if (this.#scheduled) return;
    this.#scheduled = true;
    whenIdle(() => {
      this.#scheduled = false;
      this.flush();
    });
  }

  flush(): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) this.#write(pending.value);
  }
}
