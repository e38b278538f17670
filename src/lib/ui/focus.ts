/**
 * Focus helpers (Svelte attachments). Moving focus to a screen's heading tells keyboard and
 * screen-reader users that the view changed.
 */
import type { Attachment } from 'svelte/attachments';
import { afterPaint } from './schedule.ts';

/** Focus the element once, when it appears. */
export const focusOnMount: Attachment<HTMLElement> = (element) => {
  element.focus({ preventScroll: false });
};

/**
 * Move focus to `target()` once the next frame is painted (no style and layout pass is forced before it),
 * unless the person has put the focus somewhere themselves in the meantime: a click into a field just after
 * a screen changed keeps its focus. A newer call supersedes one still waiting: a fast player's next step
 * (a number key, then Enter) must not see the focus taken back to where the step before meant it to go,
 * which would send their key to the wrong place.
 *
 * `reveal`, when given, is where the new content starts (e.g. the coach's note on the step just taken): if
 * it begins above the window (the person had scrolled down to the options), the page scrolls back to it,
 * and the focus then scrolls the page only as far as keeps that start in view. So a step never leaves its
 * first lines above the window.
 */
export function focusAfterPaintUnlessMoved(target: () => HTMLElement | undefined, options: FocusOptions = {}, reveal?: () => HTMLElement | undefined): void {
  const before = document.activeElement;
  const mine = ++latestMove;
  afterPaint(() => {
    if (mine !== latestMove) return;
    const now = document.activeElement;
    // Moved by the person meanwhile: leave it there. (No earlier call of this helper can have moved it: a
    // newer call drops every one still waiting.)
    if (now !== before && now !== null && now !== document.body) return;
    const element = target();
    if (!element?.isConnected) return;
    const start = reveal?.();
    let preventScroll = options.preventScroll ?? false;
    if (start?.isConnected) {
      if (start.getBoundingClientRect().top < 0) start.scrollIntoView({ block: 'start' });
      // Scrolling down to the focused element must not push the start back above the window.
      preventScroll ||= element.getBoundingClientRect().bottom - start.getBoundingClientRect().top > innerHeight;
    }
    element.focus({ ...options, preventScroll });
  });
}

/** Counts the moves asked for; only the latest one still waiting is carried out. */
let latestMove = 0;

/** Focus the element once it has appeared and been painted (unless the person moved the focus first). */
export const focusAfterPaint: Attachment<HTMLElement> = (element) => {
  focusAfterPaintUnlessMoved(() => element, { preventScroll: false });
};
