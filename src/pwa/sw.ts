/**
 * The service worker: makes the app work with no network after the first visit.
 *
 * Built by `src/build/pwa-plugin.ts` into `sw.js` at the root of the build, which replaces the
 * `__PRECACHE_MANIFEST__` placeholder with the list of every file the app can need: the page, every
 * script and style chunk (the library and each built-in scenario's lazy chunk), the manifest and the icons.
 *
 * - install: downloads the whole list into a cache named after its version (a hash of every file's
 *   content), bypassing the HTTP cache, and takes over at once;
 * - activate: deletes the caches of older versions and claims open pages;
 * - fetch: answers from that cache first (files are content-hashed, so a cached copy is never stale);
 *   a page navigation inside the app gets the cached `index.html` (the app routes by `#hash`);
 *   anything else goes to the network as usual.
 *
 * Plain DOM typings do not describe a service worker's global scope, so the few types needed are declared here.
 */

interface PrecacheManifest {
  /** Cache version: changes whenever any precached file changes. */
  version: string;
  /** Paths relative to the service worker's scope, e.g. `index.html`, `assets/index-1a2b3c.js`. */
  files: string[];
  /** The app's page, served for navigations (relative to the scope). */
  page: string;
}

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}

interface ServiceWorkerScope {
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  readonly caches: CacheStorage;
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

/** In a service worker, the global scope has a registration and can skip waiting; checked, not assumed. */
function isServiceWorkerScope(value: unknown): value is ServiceWorkerScope {
  return typeof value === 'object' && value !== null && 'registration' in value && 'skipWaiting' in value && 'clients' in value;
}
const workerGlobal: unknown = globalThis;
if (!isServiceWorkerScope(workerGlobal)) throw new Error('sw.ts runs only as a service worker.');
const scope = workerGlobal;
// The build replaces the placeholder string with the manifest's JSON text.
const manifest = JSON.parse('__PRECACHE_MANIFEST__') as PrecacheManifest;

const PREFIX = 'osotd-precache-';
const CACHE = PREFIX + manifest.version;
const base = scope.registration.scope;
const urlOf = (path: string) => new URL(path, base).href;
const precached = new Set(manifest.files.map(urlOf));
const page = urlOf(manifest.page);

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await scope.caches.open(CACHE);
      // `reload`: fill the cache from the server, never from a possibly older HTTP-cached copy.
      await cache.addAll(manifest.files.map((path) => new Request(urlOf(path), { cache: 'reload' })));
      await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await scope.caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => scope.caches.delete(name)));
      await scope.clients.claim();
    })(),
  );
});

/** A navigation to the app itself (not to a file such as the JSON schema), which the cached page answers. */
function isAppNavigation(request: Request, url: URL): boolean {
  if (request.mode !== 'navigate' || !url.href.startsWith(base)) return false;
  const rest = url.pathname.slice(new URL(base).pathname.length);
  return rest === '' || rest === manifest.page || !rest.includes('.');
}

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  const key = isAppNavigation(request, url) ? page : precached.has(url.href) ? url.href : null;
  if (!key) return;
  event.respondWith(
    (async () => {
      const cache = await scope.caches.open(CACHE);
      const hit = await cache.match(key);
      return hit ?? fetch(request);
    })(),
  );
});
