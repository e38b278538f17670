/**
 * The base address of the app's xAPI activity ids: the one in the learner's record store settings, else
 * the app's own address plus `xapi/`. A page opened from disk has no address of its own: then a reserved
 * name that never resolves (`.invalid`), to be replaced in the settings.
 */
import { lrsSettingsKind } from '../../lib/learning/lrs-settings.ts';
import type { RecordStore } from '../../lib/persistence/record-store.ts';

export const FALLBACK_BASE = 'https://other-side-of-the-desk.invalid/xapi/';

/** The app's own address plus `xapi/`, or the fallback. */
export function pageBase(where: Pick<Location, 'protocol' | 'origin' | 'pathname'> | undefined = globalThis.location): string {
  if (!where || !/^https?:$/.test(where.protocol)) return FALLBACK_BASE;
  return `${where.origin}${where.pathname.replace(/[^/]*$/, '')}xapi/`;
}

/** The base from the settings when set, else `pageBase()`. */
export function activityBase(records?: RecordStore): string {
  const read = records?.read(lrsSettingsKind, '');
  return read?.status === 'found' && read.value.activityBase ? read.value.activityBase : pageBase();
}
