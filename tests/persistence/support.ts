/**
 * Helpers for the saved-data tests: a small record kind with migrations, and a storage that is full.
 */
import * as z from 'zod/mini';
import { RecordStore, type RecordKind } from '../../src/lib/persistence/record-store.ts';
import { memoryStorage, type KeyValueStorage } from '../../src/lib/persistence/storage.ts';

/** A note: version 2 has a title; version 1 called it `name`; version 0 was a bare string. */
export const noteSchema = z.object({ version: z.literal(2), title: z.string().check(z.minLength(1)), id: z.string() });
export const notes: RecordKind<z.infer<typeof noteSchema>> = {
  name: 'a saved note',
  prefix: 'test:note:',
  version: 2,
  schema: noteSchema,
  migrations: {
    0: (data) => {
      if (typeof data !== 'string') throw new Error('not a string');
      return { version: 1, name: data };
    },
    1: (data) => {
      const { name, id } = z.object({ name: z.string(), id: z.optional(z.string()) }).parse(data);
      return { version: 2, title: name, id: id ?? '' };
    },
  },
  check: (note, id) => (note.id !== '' && note.id !== id ? 'its id does not match its name' : undefined),
  describe: (id, text) => {
    const title = /"title":"([^"]+)"/.exec(text)?.[1];
    return title ? `your note “${title}”` : id ? `your note "${id}"` : undefined;
  },
};

export const note = (id: string, title: string) => JSON.stringify({ version: 2, title, id });

export function setup(initial: Record<string, string> = {}) {
  const storage = memoryStorage(initial);
  let time = 1000;
  const records = new RecordStore(storage, () => time++);
  return { storage, records };
}

/** A storage that holds what it holds but refuses every write, as a full localStorage does. */
export function fullStorage(initial: Record<string, string>): KeyValueStorage {
  const inner = memoryStorage(initial);
  return {
    get length() {
      return inner.length;
    },
    key: (i) => inner.key(i),
    getItem: (k) => inner.getItem(k),
    setItem: () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    },
    removeItem: (k) => inner.removeItem(k),
  };
}
