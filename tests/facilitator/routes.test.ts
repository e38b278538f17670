// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { facilitatorHash, parseFacilitatorHash } from '../../src/lib/facilitator/routes.ts';

describe('facilitator addresses', () => {
  it('builds and reads back each view', () => {
    const routes = [
      { scenarioId: 'phone-screen', view: 'control' as const },
      { scenarioId: 'phone-screen', view: 'control' as const, sessionId: '20250314-0930-k7qm' },
      { scenarioId: 'phone-screen', view: 'single' as const, sessionId: '20250314-0930-k7qm' },
      { scenarioId: 'phone-screen', view: 'presenter' as const, sessionId: '20250314-0930-k7qm' },
    ];
    expect(routes.map(facilitatorHash)).toEqual([
      '#/facilitate/phone-screen',
      '#/facilitate/phone-screen?session=20250314-0930-k7qm',
      '#/facilitate/phone-screen/single?session=20250314-0930-k7qm',
      '#/facilitate/phone-screen/presenter?session=20250314-0930-k7qm',
    ]);
    for (const route of routes) expect(parseFacilitatorHash(facilitatorHash(route))).toEqual(route);
  });

  it('leaves other addresses to the rest of the app', () => {
    expect(parseFacilitatorHash('#/play/phone-screen/employer')).toBeNull();
    expect(parseFacilitatorHash('')).toBeNull();
  });

  it('explains a malformed facilitator address', () => {
    expect(parseFacilitatorHash('#/facilitate/phone-screen/projector')).toEqual({
      error: '"projector" is not a facilitator view; use the presenter or single view, or none.',
    });
    expect(parseFacilitatorHash('#/facilitate/phone-screen?session=<script>')).toEqual({ error: '"<script>" is not a session id.' });
    expect(parseFacilitatorHash('#/facilitate/phone-screen/presenter')).toEqual({
      error: 'The presenter window needs a session: open it from the facilitator’s controls.',
    });
  });
});
