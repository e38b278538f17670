/**
 * The app's one owner of the address: the current route, read from the location hash and kept up to date
 * on `hashchange`. Hashes that do not start with `#/` (in-page anchors) leave the route as it is. Screens
 * change the address only through `go` and `replace`.
 */
import { href, parseHash, type Route } from './routes.ts';

export class HashRouter {
  /** What the address says. */
  route: Route = $state.raw({ name: 'library' });
  /**
   * The route the current screen was made for: it follows `route`, except after `replace(…, { keepScreen })`,
   * where the screen itself recorded its state in the address. The app makes a new screen when it changes.
   */
  screen: Route = $state.raw({ name: 'library' });
  readonly #window: Window;

  constructor(win: Window = window) {
    this.#window = win;
    this.route = this.screen = parseHash(win.location.hash);
    win.addEventListener('hashchange', this.#sync);
  }

  #sync = () => {
    const hash = this.#window.location.hash;
    if (hash !== '' && !hash.startsWith('#/')) return;
    const route = parseHash(hash);
    if (href(route) !== href(this.route)) this.route = this.screen = route;
  };

  /** Show a route, adding a history entry (Back returns here). */
  go(route: Route): void {
    const target = href(route);
    if (this.#window.location.hash !== target) this.#window.location.hash = target;
    // hashchange comes later (and finds nothing new): the route is known now.
    this.route = this.screen = route;
  }

  /**
   * Put a route in place of the current one (no history entry). By default it is shown, e.g. after a
   * redirect; with `keepScreen` the current screen stays as it is and only the address changes, for a
   * screen that keeps its own state in the address (the facilitator's open session and layout).
   */
  replace(route: Route, options: { keepScreen?: boolean } = {}): void {
    this.#window.history.replaceState(this.#window.history.state, '', href(route));
    this.route = route;
    if (!options.keepScreen) this.screen = route;
  }

  destroy(): void {
    this.#window.removeEventListener('hashchange', this.#sync);
  }
}
