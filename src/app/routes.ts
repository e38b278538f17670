/**
 * Hash routes: a small table from `#/…` paths to typed routes and back. A path that matches no route,
 * or whose parts are not valid, becomes `notFound`, which the app answers with a message.
 *
 * To add a screen: add a member to `Route`, a row to `ROUTES`, and a branch in `App.svelte`, e.g.
 * `{ name: 'howItWorks', pattern: 'how-it-works', make: () => ({ name: 'howItWorks' }) }`. Facilitator
 * addresses (`#/facilitate/…`, with a `?session=` query) have no row: lib/facilitator/routes.ts
 * (`facilitatorHash`, `parseFacilitatorHash`) builds and reads them, and `parseHash` and `href` defer to it.
 * Screens change the address through the app's `HashRouter` (router.svelte.ts), never `history` directly.
 */
import type { PlaySeat } from '../lib/engine/machine.ts';
import { facilitatorHash, parseFacilitatorHash, type FacilitatorView } from '../lib/facilitator/routes.ts';

export type Route =
  | { name: 'library' }
  | { name: 'scenario'; id: string }
  | { name: 'play'; id: string; seat: PlaySeat }
  | { name: 'run'; runId: string }
  | { name: 'replay'; link: string }
  | { name: 'import' }
  | { name: 'map'; id: string }
  | { name: 'adapt'; id: string }
  | { name: 'editor'; id: string }
  | { name: 'howItWorks' }
  | { name: 'yourData' }
  | { name: 'lrsSettings' }
  | { name: 'progress' }
  /** The authoring guide (docs/authoring.md in the app), optionally at one of its sections. */
  | { name: 'guide'; section?: string }
  | { name: 'facilitate'; scenarioId: string; view: FacilitatorView; sessionId?: string }
  | { name: 'badFacilitatorLink'; message: string; hash: string }
  /** A participant's phone in a room (`#/join/<code>`, or `#/join` to type the code). */
  | { name: 'join'; code: string }
  | { name: 'notFound'; path: string };

type Params = Record<string, string>;
interface RouteDef {
  name: Exclude<Route['name'], 'facilitate' | 'badFacilitatorLink' | 'notFound'>;
  /** Segments separated by `/`; `:name` captures one segment. */
  pattern: string;
  /** Build the route from the captured segments, or null when they are not valid. */
  make: (params: Params) => Route | null;
}

const SEATS: readonly string[] = ['employer', 'candidate', 'both'];
const NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const named = (value: string | undefined): value is string => value !== undefined && NAME.test(value);

export const ROUTES: RouteDef[] = [
  { name: 'library', pattern: '', make: () => ({ name: 'library' }) },
  { name: 'scenario', pattern: 'scenario/:id', make: ({ id }) => (named(id) ? { name: 'scenario', id } : null) },
  {
    name: 'play',
    pattern: 'play/:id/:seat',
    make: ({ id, seat }) => (named(id) && SEATS.includes(seat!) ? { name: 'play', id, seat: seat as PlaySeat } : null),
  },
  { name: 'run', pattern: 'run/:runId', make: ({ runId }) => (named(runId) ? { name: 'run', runId } : null) },
  { name: 'replay', pattern: 'replay/:link', make: ({ link }) => ({ name: 'replay', link: link! }) },
  { name: 'import', pattern: 'import', make: () => ({ name: 'import' }) },
  { name: 'map', pattern: 'map/:id', make: ({ id }) => (named(id) ? { name: 'map', id } : null) },
  { name: 'adapt', pattern: 'adapt/:id', make: ({ id }) => (named(id) ? { name: 'adapt', id } : null) },
  /** `#/editor/new` starts from the template; any other id opens that custom scenario or draft. */
  { name: 'editor', pattern: 'editor/:id', make: ({ id }) => (named(id) ? { name: 'editor', id } : null) },
  { name: 'howItWorks', pattern: 'how-it-works', make: () => ({ name: 'howItWorks' }) },
  { name: 'yourData', pattern: 'your-data', make: () => ({ name: 'yourData' }) },
  { name: 'lrsSettings', pattern: 'settings/learning-record-store', make: () => ({ name: 'lrsSettings' }) },
  { name: 'progress', pattern: 'progress', make: () => ({ name: 'progress' }) },
  { name: 'join', pattern: 'join/:code', make: ({ code }) => (named(code) ? { name: 'join', code: code.toUpperCase() } : null) },
  { name: 'join', pattern: 'join', make: () => ({ name: 'join', code: '' }) },
  { name: 'guide', pattern: 'guide', make: () => ({ name: 'guide' }) },
  { name: 'guide', pattern: 'guide/:section', make: ({ section }) => (named(section) ? { name: 'guide', section } : null) },
];

/** Longest hash read in full, in characters: no route's address comes near it. */
export const MAX_HASH_LENGTH = 4_096;
const REPLAY_PREFIX = '#/replay/';

/** The route for a location hash such as `#/scenario/phone-screen`. */
export function parseHash(hash: string): Route {
  // A huge hash (a link pasted many times over, or junk) is neither decoded nor matched: a replay link still
  // reaches the replay screen, cut short, which says why it cannot be opened.
  if (hash.length > MAX_HASH_LENGTH) {
    return hash.startsWith(REPLAY_PREFIX)
      ? { name: 'replay', link: hash.slice(REPLAY_PREFIX.length, MAX_HASH_LENGTH) }
      : { name: 'notFound', path: `${hash.slice(0, 80).replace(/^#\/?/, '')}…` };
  }
  // Facilitator addresses carry a query (`?session=…`) and have a reader of their own.
  const facilitator = parseFacilitatorHash(hash);
  if (facilitator) return 'error' in facilitator ? { name: 'badFacilitatorLink', message: facilitator.error, hash } : { name: 'facilitate', ...facilitator };
  const path = hash.replace(/^#\/?/, '').replace(/\/+$/, '');
  let segments: string[];
  try {
    segments = path === '' ? [] : path.split('/').map(decodeURIComponent);
  } catch {
    return { name: 'notFound', path };
  }
  for (const def of ROUTES) {
    const parts = def.pattern === '' ? [] : def.pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params: Params = {};
    const fits = parts.every((part, i) => (part.startsWith(':') ? ((params[part.slice(1)] = segments[i]!), true) : part === segments[i]));
    if (!fits) continue;
    const route = def.make(params);
    if (route) return route;
  }
  return { name: 'notFound', path };
}

/** The hash (with `#`) that shows a route. */
export function href(route: Route): string {
  if (route.name === 'notFound') return `#/${route.path}`;
  if (route.name === 'facilitate') return facilitatorHash(route);
  if (route.name === 'badFacilitatorLink') return route.hash;
  if (route.name === 'guide') return route.section ? `#/guide/${encodeURIComponent(route.section)}` : '#/guide';
  const def = ROUTES.find((d) => d.name === route.name)!;
  const values: Params = Object.fromEntries(Object.entries(route).map(([key, value]) => [key, String(value)]));
  const path = def.pattern
    .split('/')
    .map((part) => (part.startsWith(':') ? encodeURIComponent(values[part.slice(1)]!) : part))
    .join('/');
  return `#/${path}`;
}
