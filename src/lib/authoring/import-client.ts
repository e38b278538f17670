/**
 * Running the import check (`checkImport`: parse, validate, analyse, gameability) off the page's thread.
 *
 * An `ImportChecker` takes a file's text and answers with a `CheckOutcome`: the check itself, or why there is
 * none (it took longer than the time budget, it was cancelled, or the checker failed). `WorkerImportChecker`
 * runs each check in a Web Worker (import.worker.ts), stops the worker when the budget runs out or the check
 * is cancelled, and starts a fresh one for the next check; the page never waits on the analyser. `inThreadChecker`
 * runs the same pure function on the calling thread, for tests, the command line and the single-file build.
 *
 * Nothing here imports the checker itself: the worker, or a dynamic `import()`, brings it.
 */
import type { ImportCheck, ImportContext } from './import.ts';
import { IMPORT_LIMITS } from './limits.ts';
import { asError } from '../errors.ts';

/** What a check comes to. */
export type CheckOutcome =
  | { kind: 'checked'; check: ImportCheck }
  /** The check ran past its budget and was stopped. */
  | { kind: 'timedOut'; millis: number }
  /** A newer check, the Cancel button, or leaving the screen stopped it. */
  | { kind: 'cancelled' }
  /** The checker itself failed (the worker could not start, or stopped with an error), in words. */
  | { kind: 'failed'; message: string };

/** Checks a file's text. Resolves, never rejects; aborting `signal` resolves it with `cancelled`. */
export type ImportChecker = (text: string, context: ImportContext, signal?: AbortSignal) => Promise<CheckOutcome>;

/** Sent to the worker: one text to check. */
export interface CheckRequest {
  id: number;
  text: string;
  context: ImportContext;
}

/** Sent back by the worker: the check for request `id`, or the error that stopped it. */
export type CheckReply = { id: number; check: ImportCheck } | { id: number; error: string };

/** The part of a `Worker` the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: CheckRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<CheckReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface WorkerCheckerOptions {
  /** Starts a worker that answers `CheckRequest`s with `CheckReply`s. */
  spawn: () => WorkerLike;
  /** Longest a check may run, in milliseconds (default `IMPORT_LIMITS.checkMillis`). */
  budgetMillis?: number;
}

interface Pending {
  id: number;
  resolve: (outcome: CheckOutcome) => void;
  timer: ReturnType<typeof setTimeout>;
  signal?: AbortSignal;
  onAbort: () => void;
}

/**
 * Checks texts in a Web Worker, one at a time. A new check cancels the one running; a check that runs past
 * the budget is stopped (the worker is terminated: a busy worker cannot be interrupted any other way) and
 * answered with `timedOut`. An idle worker is kept for the next check.
 */
export class WorkerImportChecker {
  readonly #spawn: () => WorkerLike;
  readonly #budget: number;
  #worker: WorkerLike | undefined;
  #pending: Pending | undefined;
  #nextId = 1;

  constructor(options: WorkerCheckerOptions) {
    this.#spawn = options.spawn;
    this.#budget = options.budgetMillis ?? IMPORT_LIMITS.checkMillis;
  }

  /** The checker as a function, for `ImportPanelState`. */
  readonly check: ImportChecker = (text, context, signal) => {
    this.#settle({ kind: 'cancelled' }, true);
    if (signal?.aborted) return Promise.resolve({ kind: 'cancelled' });
    let worker: WorkerLike;
    try {
      worker = this.#ready();
    } catch (error) {
      return Promise.resolve({ kind: 'failed', message: startFailure(error) });
    }
    const id = this.#nextId++;
    return new Promise<CheckOutcome>((resolve) => {
      const onAbort = () => this.#settle({ kind: 'cancelled' }, true);
      const timer = setTimeout(() => this.#settle({ kind: 'timedOut', millis: this.#budget }, true), this.#budget);
      this.#pending = { id, resolve, timer, signal, onAbort };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Plain data only: a Svelte state proxy cannot be cloned into the worker.
      worker.postMessage({ id, text, context: { builtInIds: [...(context.builtInIds ?? [])], customIds: [...(context.customIds ?? [])] } });
    });
  };

  /** Stops the check running, if any (it resolves `cancelled`), and the worker. */
  dispose(): void {
    this.#settle({ kind: 'cancelled' }, true);
    this.#stopWorker();
  }

  #ready(): WorkerLike {
    if (this.#worker) return this.#worker;
    const worker = this.#spawn();
    worker.onmessage = (event) => {
      const reply = event.data;
      if (reply.id !== this.#pending?.id) return;
      this.#settle(
        'error' in reply ? { kind: 'failed', message: `the checker stopped with an error (${reply.error})` } : { kind: 'checked', check: reply.check },
        false,
      );
    };
    worker.onerror = (event) => {
      // Handled here: not an uncaught error on the page.
      event.preventDefault();
      const detail = event.message ? ` (${event.message})` : '';
      this.#settle({ kind: 'failed', message: `the browser could not run the checker${detail}` }, true);
      this.#stopWorker();
    };
    this.#worker = worker;
    return worker;
  }

  /** Answers the pending check; `stop`: its worker may still be busy, so end it. */
  #settle(outcome: CheckOutcome, stop: boolean): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    pending.signal?.removeEventListener('abort', pending.onAbort);
    if (stop) this.#stopWorker();
    pending.resolve(outcome);
  }

  #stopWorker(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
  }
}

function startFailure(error: unknown): string {
  return `the browser could not start the checker (${asError(error).message})`;
}

/**
 * Runs `checkImport` on the calling thread: the page waits until it is done, and it cannot be stopped part
 * way (a cancelled check's answer is dropped). For tests, and where workers are not available.
 */
export const inThreadChecker: ImportChecker = async (text, context, signal) => {
  const { checkImport } = await import('./import.ts');
  if (signal?.aborted) return { kind: 'cancelled' };
  const check = checkImport(text, context);
  return signal?.aborted ? { kind: 'cancelled' } : { kind: 'checked', check };
};

/** A checker and the way to stop it when the screen goes. */
export interface DisposableChecker {
  check: ImportChecker;
  dispose(): void;
}

/**
 * The checker the app uses: a Web Worker. The single-file build (`npm run build:single`) runs the check on
 * the page's thread instead: its Content-Security-Policy allows no worker (`worker-src 'none'`) and it has no
 * second file to start one from; a looping scenario there holds the page up until its analysis ends.
 */
export function appImportChecker(): DisposableChecker {
  if (import.meta.env.MODE === 'single' || typeof Worker === 'undefined') return { check: inThreadChecker, dispose() {} };
  return new WorkerImportChecker({ spawn: () => new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }) });
}
