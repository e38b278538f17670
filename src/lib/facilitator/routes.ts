/**
 * The facilitator's addresses (hash routes), built and read in one place:
 * - `#/facilitate/<scenarioId>`: the control window's lobby (new session, past sessions);
 * - `#/facilitate/<scenarioId>?session=<id>`: the control window of a session;
 * - `#/facilitate/<scenarioId>/single?session=<id>`: one window, the screen with the controls beside it;
 * - `#/facilitate/<scenarioId>/presenter?session=<id>`: the presenter window (for the projector).
 */
/** What a session id looks like (also checked when sessions are read back from storage). */
export const SESSION_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$/;

export type FacilitatorView = 'control' | 'presenter' | 'single';

export interface FacilitatorRoute {
  scenarioId: string;
  view: FacilitatorView;
  /** Undefined when the address names no session. */
  sessionId?: string;
}

export function facilitatorHash(route: FacilitatorRoute): string {
  const path = `#/facilitate/${encodeURIComponent(route.scenarioId)}${route.view === 'control' ? '' : `/${route.view}`}`;
  return route.sessionId ? `${path}?session=${encodeURIComponent(route.sessionId)}` : path;
}

/**
 * Read a facilitator address. Returns null when the hash is not one; `{ error }` when it is one but is
 * malformed (an unknown view, or a session id that cannot be one), with the reason in words.
 */
export function parseFacilitatorHash(hash: string): FacilitatorRoute | { error: string } | null {
  const match = /^#\/facilitate\/([^/?]+)(?:\/([^/?]*))?(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  let scenarioId: string;
  try {
    scenarioId = decodeURIComponent(match[1]!);
  } catch {
    return { error: 'The address names no scenario that can be read.' };
  }
  const view = match[2] || 'control';
  if (view !== 'control' && view !== 'presenter' && view !== 'single') {
    return { error: `"${view}" is not a facilitator view; use the presenter or single view, or none.` };
  }
  const sessionId = new URLSearchParams(match[3] ?? '').get('session') ?? undefined;
  if (sessionId !== undefined && !SESSION_ID_PATTERN.test(sessionId)) return { error: `"${sessionId}" is not a session id.` };
  if (view === 'presenter' && sessionId === undefined) return { error: 'The presenter window needs a session: open it from the facilitator’s controls.' };
  return { scenarioId, view, ...(sessionId ? { sessionId } : {}) };
}
