import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerServiceWorker, type OfflineStatus } from '../../src/pwa/register.ts';

const https = { protocol: 'https:' };

/** A fake worker whose state the test moves on. */
function fakeWorker(state: ServiceWorkerState) {
  const listeners = new Set<() => void>();
  const worker = {
    state,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    moveTo(next: ServiceWorkerState) {
      worker.state = next;
      for (const listener of [...listeners]) listener();
    },
  };
  return worker;
}

function withRegister(register: () => Promise<unknown>) {
  return { serviceWorker: { register } } as unknown as Pick<Navigator, 'serviceWorker'>;
}

afterEach(() => vi.restoreAllMocks());

describe('registering the service worker', () => {
  it('says offline use is unsupported, without a warning, when the browser stubs registration out', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const statuses: OfflineStatus[] = [];
    const status = await registerServiceWorker({
      enabled: true,
      location: https,
      navigator: withRegister(async () => undefined),
      onStatus: (s) => statuses.push(s),
    });
    expect(status).toBe('unsupported');
    expect(statuses).toEqual(['unsupported']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('reports installing, then ready once the new worker is activated', async () => {
    const worker = fakeWorker('installing');
    const statuses: OfflineStatus[] = [];
    const done = registerServiceWorker({
      enabled: true,
      location: https,
      navigator: withRegister(async () => ({ installing: worker, waiting: null, active: null })),
      onStatus: (s) => statuses.push(s),
    });
    await vi.waitFor(() => expect(statuses).toEqual(['installing']));
    worker.moveTo('installed');
    worker.moveTo('activated');
    expect(await done).toBe('ready');
    expect(statuses).toEqual(['installing', 'ready']);
  });

  it('reports failed, with a warning in words, when registration is refused', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const status = await registerServiceWorker({ enabled: true, location: https, navigator: withRegister(() => Promise.reject(new Error('SecurityError'))) });
    expect(status).toBe('failed');
    expect(warn.mock.calls[0]?.[0]).toMatch(/Offline use is not available/);
  });

  it('does nothing on a file:// page', async () => {
    const register = vi.fn();
    const status = await registerServiceWorker({ enabled: true, location: { protocol: 'file:' }, navigator: withRegister(register) });
    expect(status).toBe('unsupported');
    expect(register).not.toHaveBeenCalled();
  });
});
