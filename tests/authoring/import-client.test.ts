// @vitest-environment jsdom
/**
 * The worker client of the import check: a result comes back from the worker, a check that runs past its
 * budget is stopped and said to be too slow, a cancelled or superseded check stops its worker, and a worker
 * that fails is reported in words. A fake worker stands in for the real one (jsdom has none).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkImport } from '../../src/lib/authoring/import.ts';
import { WorkerImportChecker, type CheckReply, type CheckRequest, type WorkerLike } from '../../src/lib/authoring/import-client.ts';
import { fakeText } from './support.ts';

/** A worker that keeps what it was sent, answers when told to, and knows whether it was stopped. */
class FakeWorker implements WorkerLike {
  readonly sent: CheckRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<CheckReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: CheckRequest) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  /** Runs the real check on the last request and answers with it, as the real worker does. */
  answer() {
    const { id, text, context } = this.sent.at(-1)!;
    this.onmessage?.(new MessageEvent('message', { data: { id, check: checkImport(text, context) } }));
  }
}

function client(budgetMillis = 5_000) {
  const workers: FakeWorker[] = [];
  const checker = new WorkerImportChecker({
    spawn: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    budgetMillis,
  });
  return { checker, workers };
}

describe('WorkerImportChecker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("answers with the worker's check, and keeps the worker for the next one", async () => {
    const { checker, workers } = client();
    const pending = checker.check(fakeText(), { builtInIds: ['fake-call'] });
    expect(workers).toHaveLength(1);
    expect(workers[0]!.sent[0]).toMatchObject({ context: { builtInIds: ['fake-call'], customIds: [] } });
    workers[0]!.answer();
    const outcome = await pending;
    expect(outcome).toMatchObject({ kind: 'checked', check: { ok: true, clash: { with: 'built-in', id: 'fake-call' } } });
    const second = checker.check('{', {});
    workers[0]!.answer();
    expect(await second).toMatchObject({ kind: 'checked', check: { ok: false } });
    expect(workers).toHaveLength(1);
    expect(workers[0]!.terminated).toBe(false);
  });

  it('stops a check that runs past its budget, and says how long it waited', async () => {
    const { checker, workers } = client(5_000);
    let outcome: unknown;
    void checker.check(fakeText(), {}).then((o) => (outcome = o));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toEqual({ kind: 'timedOut', millis: 5_000 });
    expect(workers[0]!.terminated).toBe(true);
    // A late answer from the stopped worker changes nothing; the next check gets a fresh worker.
    workers[0]!.answer();
    expect(outcome).toEqual({ kind: 'timedOut', millis: 5_000 });
    const next = checker.check(fakeText(), {});
    expect(workers).toHaveLength(2);
    workers[1]!.answer();
    expect(await next).toMatchObject({ kind: 'checked' });
  });

  it('cancels a check when its signal is aborted, and stops the busy worker', async () => {
    const { checker, workers } = client();
    const controller = new AbortController();
    const pending = checker.check(fakeText(), {}, controller.signal);
    controller.abort();
    expect(await pending).toEqual({ kind: 'cancelled' });
    expect(workers[0]!.terminated).toBe(true);
    // The budget's timer went with it.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a new check cancels the one running', async () => {
    const { checker, workers } = client();
    const first = checker.check(fakeText(), {});
    const second = checker.check('{', {});
    expect(await first).toEqual({ kind: 'cancelled' });
    expect(workers[0]!.terminated).toBe(true);
    workers[1]!.answer();
    expect(await second).toMatchObject({ kind: 'checked', check: { ok: false } });
  });

  it('reports a worker that fails, in words', async () => {
    const { checker, workers } = client();
    const pending = checker.check(fakeText(), {});
    workers[0]!.onerror?.(new ErrorEvent('error', { message: 'Refused to load the script' }));
    expect(await pending).toEqual({ kind: 'failed', message: 'the browser could not run the checker (Refused to load the script)' });
    expect(workers[0]!.terminated).toBe(true);
  });

  it('reports a worker that cannot be started, in words', async () => {
    const checker = new WorkerImportChecker({
      spawn: () => {
        throw new Error('Workers are blocked');
      },
    });
    expect(await checker.check(fakeText(), {})).toEqual({ kind: 'failed', message: 'the browser could not start the checker (Workers are blocked)' });
  });

  it('dispose stops the check running and the worker', async () => {
    const { checker, workers } = client();
    const pending = checker.check(fakeText(), {});
    checker.dispose();
    expect(await pending).toEqual({ kind: 'cancelled' });
    expect(workers[0]!.terminated).toBe(true);
  });
});
