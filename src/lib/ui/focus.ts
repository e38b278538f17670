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

/** Focus the element once it has appeared and been painted: no style and layout pass is forced before the first frame. */
export const focusAfterPaint: Attachment<HTMLElement> = (element) => {
  afterPaint(() => {
    if (element.isConnected) element.focus({ preventScroll: false });
  });
};
