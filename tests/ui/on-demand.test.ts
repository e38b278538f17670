import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { OnDemand } from '../../src/lib/ui/on-demand.svelte.ts';

/** A load whose outcome the test decides, counting how often it was asked for. */
function controlled<T>() {
  const calls: { resolve(value: T): void; reject(error: unknown): void }[] = [];
  const load = () => new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  return { load, calls };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('OnDemand', () => {
  it('fetches once however often it is asked, and holds the value once in', async () => {
    const { load, calls } = controlled<string>();
    const part = new OnDemand(load);
    expect(calls).toHaveLength(0);
    part.ask();
    part.ask();
    expect(calls).toHaveLength(1);
    expect(part.ready).toBe(false);
    calls[0]!.resolve('the debrief');
    await settle();
    flushSync();
    expect(part.value).toBe('the debrief');
    expect(part.ready).toBe(true);
    part.ask();
    expect(calls).toHaveLength(1);
  });

  it('keeps why it failed, in words, until it is asked again, and the next ask fetches again', async () => {
    const { load, calls } = controlled<string>();
    const part = new OnDemand(load);
    part.ask();
    calls[0]!.reject(new TypeError('Failed to fetch dynamically imported module'));
    await settle();
    expect(part.error?.message).toBe('Failed to fetch dynamically imported module');
    expect(part.value).toBeUndefined();
    part.ask();
    expect(calls).toHaveLength(2);
    expect(part.error).toBeUndefined();
    calls[1]!.resolve('the debrief');
    await settle();
    expect(part.value).toBe('the debrief');
  });

  it('turns a thrown value that is not an Error into one', async () => {
    const part = new OnDemand(() => Promise.reject('offline'));
    part.ask();
    await settle();
    expect(part.error).toBeInstanceOf(Error);
    expect(part.error?.message).toContain('offline');
  });
});
