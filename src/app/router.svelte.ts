/**
 * The current route, read from the location hash and kept up to date on `hashchange`. Hashes that do
 * not start with `#/` (in-page anchors) leave the route as it is.
 */
import { href, parseHash, type Route } from './routes.ts';

export class HashRouter {
  route: Route = $state.raw({ name: 'library' });
  readonly #window: Window;

  constructor(win: Window = window) {
    this.#window = win;
    this.route = parseHash(win.location.hash);
    win.addEventListener('hashchange', this.#sync);
  }

  #sync = () => {
    const hash = this.#window.location.hash;
    if (hash !== '' && !hash.startsWith('#/')) return;
    const route = parseHash(hash);
    if (href(route) !== href(this.route)) this.route = route;
  };

  /** Show a route, adding a history entry (Back returns here). */
  go(route: Route): void {
    const target = href(route);
    if (this.#window.location.hash !== target) this.#window.location.hash = target;
    // hashchange comes later (and finds nothing new): the route is known now.
    this.route = route;
  }

  /** Show a route in place of the current one (no history entry), e.g. after a redirect. */
  replace(route: Route): void {
    this.#window.history.replaceState(this.#window.history.state, '', href(route));
    this.route = route;
  }

  destroy(): void {
    this.#window.removeEventListener('hashchange', this.#sync);
  }
}
