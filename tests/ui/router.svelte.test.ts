// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { HashRouter } from '../../src/app/router.svelte.ts';

describe('HashRouter', () => {
  let router: HashRouter | undefined;
  afterEach(() => router?.destroy());

  it('replaces the address and shows the new route after a redirect', () => {
    window.history.replaceState(null, '', '#/play/fake-call/employer');
    router = new HashRouter();
    const before = window.history.length;
    router.replace({ name: 'run', runId: 'r1' });
    expect(window.location.hash).toBe('#/run/r1');
    expect(window.history.length).toBe(before);
    expect(router.screen).toEqual({ name: 'run', runId: 'r1' });
  });

  it('records a screen’s own state in the address without making a new screen', () => {
    window.history.replaceState(null, '', '#/facilitate/fake-call');
    router = new HashRouter();
    const opened = router.screen;
    router.replace({ name: 'facilitate', scenarioId: 'fake-call', view: 'single', sessionId: 's1' }, { keepScreen: true });
    expect(window.location.hash).toBe('#/facilitate/fake-call/single?session=s1');
    expect(router.route).toEqual({ name: 'facilitate', scenarioId: 'fake-call', view: 'single', sessionId: 's1' });
    expect(router.screen).toBe(opened);
  });
});
