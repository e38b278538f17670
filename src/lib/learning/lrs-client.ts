/**
 * Sends xAPI statements to a learning record store, losing none and doubling none:
 *
 * - a statement is written to this browser's storage (the record store kind `osotd:v1:lrs-queue`) before
 *   anything is sent, with the id it was given when it was made;
 * - statements go one at a time, in order, with `PUT <endpoint>statements?statementId=<id>`: the same id
 *   every time, so a record store that already has it answers 204 or 409 and it counts as sent;
 * - when the network is down or the store fails (5xx, a timeout), the queue waits and tries again (after
 *   5 s, doubling up to 5 minutes, and at once when the browser says it is back online);
 * - when the store refuses the key and secret (401, 403), the queue waits for new settings;
 * - a statement the store refuses as malformed (400) is moved to `refused`, kept, and reported, so it
 *   never blocks the ones after it.
 *
 * Our own small client over `fetch` rather than `@xapi/xapi`: that library brings axios (about 14 kB
 * gzip) for the one request used here, and has no offline queue, which is the part that matters.
 * No DOM: timers, the network and "back online" are passed in, so tests drive it in Node.
 */
import * as z from 'zod/mini';
import type { RecordKind, RecordStore } from '../persistence/record-store.ts';
import type { LrsSettings } from './lrs-settings.ts';
import type { Statement } from './xapi.ts';

/** A statement as kept: any JSON object (the record store checks it) with its id. */
const kept = z.record(z.string(), z.unknown()).check(z.refine((s) => typeof s.id === 'string', { error: 'a statement has no id' }));
type Kept = Record<string, unknown>;
const idOf = (s: Kept) => String(s.id);

/** Statements waiting to be sent, refused ones, and each run's registration (so a resumed run keeps it). */
const queueSchema = z.object({
  version: z.literal(1),
  pending: z.array(kept),
  refused: z.array(kept),
  /** Run id to the UUID used as `context.registration` for its statements (the latest 100 runs). */
  registrations: z.record(z.string(), z.string()),
});
type Queue = z.infer<typeof queueSchema>;

export const lrsQueueKind: RecordKind<Queue> = {
  name: 'the statements waiting for your learning record store',
  prefix: 'osotd:v1:lrs-queue',
  single: true,
  version: 1,
  schema: queueSchema,
  migrations: {},
};

const KEEP_REGISTRATIONS = 100;
const FIRST_WAIT = 5_000;
const LONGEST_WAIT = 300_000;

/** Where the queue stands, for the settings screen. */
export interface QueueStatus {
  /** Statements not yet accepted by the record store. */
  pending: number;
  /** Statements the store refused as malformed (kept). */
  refused: number;
  state: 'idle' | 'sending' | 'waiting';
  /** Why the queue is waiting, in words. */
  problem?: string;
}

export interface LrsClientOptions {
  records: RecordStore;
  settings: Pick<LrsSettings, 'endpoint' | 'key' | 'secret'>;
  fetch?: typeof globalThis.fetch;
  /** Calls `retry` when the browser is back online; returns a function that stops listening. */
  whenOnline?: (retry: () => void) => () => void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** A new UUID, for a run's registration. */
  uuid: () => string;
  onstatus?: (status: QueueStatus) => void;
}

/** Basic authentication for a key and secret, in UTF-8. */
export function basicAuth(key: string, secret: string): string {
  const bytes = new TextEncoder().encode(`${key}:${secret}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** The statements resource of an endpoint (`…/statements`), whether or not the endpoint ends in `/`. */
export const statementsUrl = (endpoint: string) => `${endpoint.trim().replace(/\/+$/, '')}/statements`;

export class LrsClient {
  readonly #options: LrsClientOptions;
  readonly #fetch: typeof globalThis.fetch;
  #status: QueueStatus = { pending: 0, refused: 0, state: 'idle' };
  #sending: Promise<void> | null = null;
  #again = false;
  #wait = FIRST_WAIT;
  #timer: unknown = null;
  #stopListening: () => void;

  constructor(options: LrsClientOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.#stopListening = options.whenOnline?.(() => void this.flush()) ?? (() => {});
    const queue = this.#read();
    this.#status = { ...this.#status, pending: queue.pending.length, refused: queue.refused.length };
  }

  get status(): QueueStatus {
    return this.#status;
  }

  #read(): Queue {
    const read = this.#options.records.read(lrsQueueKind, '');
    return read.status === 'found' ? read.value : { version: 1, pending: [], refused: [], registrations: {} };
  }

  #write(queue: Queue): void {
    this.#options.records.write(lrsQueueKind, '', queue);
  }

  #report(change: Partial<QueueStatus>): void {
    const queue = this.#read();
    this.#status = { ...this.#status, pending: queue.pending.length, refused: queue.refused.length, ...change };
    if (this.#status.state !== 'waiting') delete this.#status.problem;
    this.#options.onstatus?.(this.#status);
  }

  /** The registration (a UUID) of a run's statements, made once per run and kept. */
  registrationFor(runId: string): string {
    const queue = this.#read();
    const known = queue.registrations[runId];
    if (known) return known;
    const registration = this.#options.uuid();
    const entries = Object.entries({ ...queue.registrations, [runId]: registration }).slice(-KEEP_REGISTRATIONS);
    this.#write({ ...queue, registrations: Object.fromEntries(entries) });
    return registration;
  }

  /** Keep statements (stored before anything is sent), then send everything waiting. */
  add(statements: readonly Statement[]): Promise<void> {
    if (statements.length) {
      const queue = this.#read();
      const known = new Set(queue.pending.map(idOf));
      this.#write({ ...queue, pending: [...queue.pending, ...statements.filter((s) => !known.has(s.id)).map((s): Kept => ({ ...s }))] });
    }
    return this.flush();
  }

  /** Send what is waiting, in order; resolves when the queue is empty or has to wait. */
  flush(): Promise<void> {
    if (this.#sending) {
      this.#again = true;
      return this.#sending;
    }
    this.#cancelTimer();
    this.#sending = this.#drain();
    return this.#sending;
  }

  async #drain(): Promise<void> {
    // Start after `flush` has recorded this drain, so a statement added at any point is seen before it ends.
    await Promise.resolve();
    try {
      await this.#drainQueue();
    } finally {
      this.#sending = null;
    }
  }

  async #drainQueue(): Promise<void> {
    do {
      this.#again = false;
      for (;;) {
        const next = this.#read().pending[0];
        if (!next) break;
        this.#report({ state: 'sending' });
        const outcome = await this.#send(next);
        if (outcome === 'sent' || outcome === 'refused') {
          const queue = this.#read();
          const rest = queue.pending.filter((s) => idOf(s) !== idOf(next));
          this.#write({ ...queue, pending: rest, refused: outcome === 'refused' ? [...queue.refused, next] : queue.refused });
          this.#wait = FIRST_WAIT;
          continue;
        }
        this.#report({ state: 'waiting', problem: outcome.problem });
        if (outcome.retry) this.#schedule();
        return;
      }
    } while (this.#again);
    this.#report({ state: 'idle' });
  }

  async #send(statement: Kept): Promise<'sent' | 'refused' | { problem: string; retry: boolean }> {
    const { endpoint, key, secret } = this.#options.settings;
    let response: Response;
    try {
      response = await this.#fetch(`${statementsUrl(endpoint)}?statementId=${encodeURIComponent(idOf(statement))}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', Authorization: basicAuth(key, secret) },
        body: JSON.stringify(statement),
      });
    } catch {
      return { problem: 'The record store cannot be reached (offline, or it does not allow this app). The statements wait here.', retry: true };
    }
    // 204: stored; 409: a statement with this id is there already (an earlier try got through).
    if (response.ok || response.status === 409) return 'sent';
    if (response.status === 400) return 'refused';
    if (response.status === 401 || response.status === 403) {
      return { problem: `The record store refused the key and secret (${response.status}). Check them in the settings.`, retry: false };
    }
    return { problem: `The record store answered ${response.status}. The statements wait and are sent again.`, retry: true };
  }

  #schedule(): void {
    const set = this.#options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.#timer = set(() => {
      this.#timer = null;
      void this.flush();
    }, this.#wait);
    this.#wait = Math.min(this.#wait * 2, LONGEST_WAIT);
  }

  #cancelTimer(): void {
    if (this.#timer === null) return;
    (this.#options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>)))(this.#timer);
    this.#timer = null;
  }

  /** Stop retrying and listening (what is waiting stays stored, and goes with the next client). */
  stop(): void {
    this.#cancelTimer();
    this.#stopListening();
  }
}
