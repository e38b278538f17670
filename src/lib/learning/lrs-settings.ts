/**
 * The learning record store the learner set up: where it is, the key and secret it gave them (HTTP Basic
 * authentication), how they want to be named, and the base address of the app's activity ids. Kept in this
 * browser only, as a record kind of the app's record store (`osotd:v1:lrs`, versioned, checked, set aside
 * when damaged); never put in share links or exports.
 *
 * Small on purpose: the run screen reads it to decide whether the xAPI code loads at all.
 */
import * as z from 'zod/mini';
import type { RecordKind, RecordStore } from '../persistence/record-store.ts';
import type { LearnerIdentity } from './xapi.ts';

const text = (max: number) => z.string().check(z.maxLength(max));

export const lrsSettingsSchema = z.object({
  version: z.literal(1),
  /** The record store's xAPI endpoint, e.g. `https://lrs.example.com/xapi/`. */
  endpoint: text(2000),
  /** Basic authentication: the key (user name) and secret (password) the record store issued. */
  key: text(500),
  secret: text(500),
  learner: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('mbox'), name: text(200), email: text(320) }),
    z.object({ kind: z.literal('account'), name: text(200), homePage: text(2000), account: text(320) }),
  ]),
  /** The base address of the scenario and scene activity ids and of the app's extensions, ending in `/`. */
  activityBase: text(2000),
});
export type LrsSettings = z.infer<typeof lrsSettingsSchema>;

/** The record store settings, one record under `osotd:v1:lrs`. Version 1 is the first: no migrations yet. */
export const lrsSettingsKind: RecordKind<LrsSettings> = {
  name: 'your learning record store settings',
  // The same as run-facts.ts `LRS_SETTINGS_KEY` (a test checks): kept apart so the run screen need not load this.
  prefix: 'osotd:v1:lrs',
  single: true,
  version: 1,
  schema: lrsSettingsSchema,
  migrations: {},
};

/** What is wrong with the settings, field by field, in words (empty when they can be used). */
export function settingsProblems(settings: LrsSettings): Partial<Record<'endpoint' | 'key' | 'secret' | 'learner' | 'activityBase', string>> {
  const problems: ReturnType<typeof settingsProblems> = {};
  if (!isWebAddress(settings.endpoint)) problems.endpoint = 'Give the full address of the record store, starting with https:// (or http://).';
  if (!settings.key.trim()) problems.key = 'Give the key the record store gave you.';
  if (!settings.secret) problems.secret = 'Give the secret the record store gave you.';
  const learner: LearnerIdentity = settings.learner;
  if (learner.kind === 'mbox' && !/^[^\s@]+@[^\s@]+$/.test(learner.email.trim())) problems.learner = 'Give an email address such as name@example.com.';
  if (learner.kind === 'account' && (!isWebAddress(learner.homePage) || !learner.account.trim())) {
    problems.learner = 'Give the address of the system your account is on (https://…) and your account name there.';
  }
  if (!isWebAddress(settings.activityBase)) problems.activityBase = 'Give a full address starting with https:// (or http://).';
  return problems;
}

function isWebAddress(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value.trim()).protocol);
  } catch {
    return false;
  }
}

/** The settings in use: saved, readable and complete; otherwise undefined (nothing is sent). */
export function activeLrsSettings(records: RecordStore): LrsSettings | undefined {
  const read = records.read(lrsSettingsKind, '');
  return read.status === 'found' && Object.keys(settingsProblems(read.value)).length === 0 ? read.value : undefined;
}

/** The base address used when the app has no web address of its own (opened from disk): reserved, it never resolves. */
export const FALLBACK_BASE = 'https://other-side-of-the-desk.invalid/xapi/';

/** The default base of activity ids: the app's own address plus `xapi/`, or `FALLBACK_BASE`. */
export function pageBase(where: Pick<Location, 'protocol' | 'origin' | 'pathname'> | undefined = globalThis.location): string {
  if (!where || !/^https?:$/.test(where.protocol)) return FALLBACK_BASE;
  return `${where.origin}${where.pathname.replace(/[^/]*$/, '')}xapi/`;
}

/** The base address of activity ids: the one in the saved settings, else `pageBase()`. */
export function activityBase(records: RecordStore): string {
  const read = records.read(lrsSettingsKind, '');
  return read.status === 'found' && read.value.activityBase ? read.value.activityBase : pageBase();
}
