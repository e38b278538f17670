/**
 * Focus helpers (Svelte attachments). Moving focus to a screen's heading tells keyboard and
 * screen-reader users that the view changed.
 */
import type { Attachment } from 'svelte/attachments';

/** Focus the element once, when it appears. */
export const focusOnMount: Attachment<HTMLElement> = (element) => {
  element.focus({ preventScroll: false });
};
