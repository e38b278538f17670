/**
 * Something a screen fetches when it first needs it (a lazily loaded part's code, a scenario's remaining
 * commentary): asked for once, and asked for again only after a failure, so a network blip during a run
 * is mended by the next ask. Its state is a rune, so a screen shows "loading", the thing, or the failure.
 *
 *     const debrief = new OnDemand(() => import('./DebriefScreen.svelte'));
 *     debrief.ask();
 *     {#if debrief.value}…{:else if debrief.error}…{:else}Loading…{/if}
 */
import { asError } from '../errors.ts';

type Fetched<T> = { kind: 'absent' } | { kind: 'coming' } | { kind: 'in'; value: T } | { kind: 'failed'; error: Error };

export class OnDemand<T> {
  #state = $state.raw<Fetched<T>>({ kind: 'absent' });
  readonly #load: () => Promise<T>;

  constructor(load: () => Promise<T>) {
    this.#load = load;
  }

  /** Starts fetching, unless it is on its way or in. */
  ask(): void {
    if (this.#state.kind === 'coming' || this.#state.kind === 'in') return;
    this.#state = { kind: 'coming' };
    this.#load().then(
      (value) => (this.#state = { kind: 'in', value }),
      (error: unknown) => (this.#state = { kind: 'failed', error: asError(error) }),
    );
  }

  /** Whether it is in. */
  get ready(): boolean {
    return this.#state.kind === 'in';
  }

  /** The thing, once it is in. */
  get value(): T | undefined {
    return this.#state.kind === 'in' ? this.#state.value : undefined;
  }

  /** Why the last ask failed, until the next ask. */
  get error(): Error | undefined {
    return this.#state.kind === 'failed' ? this.#state.error : undefined;
  }
}
