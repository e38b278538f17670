/**
 * Editor drafts: the scenario being edited, saved in this browser after every change (autosave), one
 * record per scenario (`osotd:v1:editor-draft:<id>`) in the app's record store. A draft need not be a
 * valid scenario: it is whatever the author has written so far. First-load safe (`zod/mini`).
 */
import * as z from 'zod/mini';
import type { Scenario } from '../../engine/schema.ts';
import { RecordStore, type RecordKind } from '../../persistence/record-store.ts';
import { browserStorage, type KeyValueStorage } from '../../persistence/storage.ts';

export const DRAFT_KEY_PREFIX = 'osotd:v1:editor-draft:';
export const DRAFT_VERSION = 1;

const draftSchema = z.object({
  version: z.literal(DRAFT_VERSION),
  savedAt: z.string(),
  // What the author has written so far: scenario-shaped, not yet checked (the editor's live check does that).
  scenario: z.custom<Scenario>((value) => typeof value === 'object' && value !== null && !Array.isArray(value)),
});
type DraftRecord = z.infer<typeof draftSchema>;

/** Editor drafts, as a kind of saved record. */
export const draftKind: RecordKind<DraftRecord> = {
  name: 'an editor draft',
  prefix: DRAFT_KEY_PREFIX,
  version: DRAFT_VERSION,
  schema: draftSchema,
  describe: (id) => `your editor draft "${id}"`,
};

function store(storage?: KeyValueStorage): RecordStore | undefined {
  if (storage) return new RecordStore(storage);
  const browser = browserStorage();
  return browser.persistent ? new RecordStore(browser.storage) : undefined;
}

/** The draft saved under `id`, or undefined. */
export function readDraft(id: string, storage?: KeyValueStorage): { scenario: Scenario; savedAt: string } | undefined {
  const read = store(storage)?.read(draftKind, id);
  return read?.status === 'found' ? { scenario: read.value.scenario, savedAt: read.value.savedAt } : undefined;
}

/** Save the draft; a sentence when the browser would not store it. */
export function writeDraft(id: string, scenario: Scenario, storage?: KeyValueStorage, now = new Date()): string | undefined {
  const records = store(storage);
  if (!records) return 'This browser does not let the app keep drafts.';
  const written = records.write(draftKind, id, {
    version: DRAFT_VERSION,
    savedAt: now.toISOString(),
    scenario,
  });
  return written.ok ? undefined : written.message;
}

/** Remove a draft (after it was saved as a scenario, or thrown away). */
export function removeDraft(id: string, storage?: KeyValueStorage): void {
  store(storage)?.remove(draftKind, id);
}
