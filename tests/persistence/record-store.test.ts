import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { decodeText, RecordStore, SET_ASIDE_PREFIX, type RecordKind } from '../../src/lib/persistence/record-store.ts';
import { allKeys, browserStorage, memoryStorage, type KeyValueStorage } from '../../src/lib/persistence/storage.ts';

/** A note: version 2 has a title; version 1 called it `name`; version 0 was a bare string. */
const noteSchema = z.object({ version: z.literal(2), title: z.string().check(z.minLength(1)), id: z.string() });
const notes: RecordKind<z.infer<typeof noteSchema>> = {
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

const note = (id: string, title: string) => JSON.stringify({ version: 2, title, id });

function setup(initial: Record<string, string> = {}) {
  const storage = memoryStorage(initial);
  let time = 1000;
  const records = new RecordStore(storage, () => time++);
  return { storage, records };
}

/** A storage that holds what it holds but refuses every write, as a full localStorage does. */
function fullStorage(initial: Record<string, string>): KeyValueStorage {
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

describe('decoding a record', () => {
  it('migrates an old record step by step to the current version', () => {
    expect(decodeText(notes, '"shopping"', 'a')).toEqual({ ok: true, value: { version: 2, title: 'shopping', id: '' }, migratedFrom: 0 });
    expect(decodeText(notes, JSON.stringify({ version: 1, name: 'work', id: 'b' }), 'b')).toMatchObject({ ok: true, migratedFrom: 1 });
  });

  it('says why a record cannot be read', () => {
    expect(decodeText(notes, '{"version": 2, "tit', 'a')).toEqual({ ok: false, reason: 'it is not valid JSON' });
    expect(decodeText(notes, JSON.stringify({ version: 2, title: '', id: 'a' }), 'a')).toMatchObject({ ok: false, reason: expect.stringMatching(/^part of it is damaged \(title: /) });
    expect(decodeText(notes, '42', 'a')).toMatchObject({ ok: false, reason: 'it could not be brought up to date (not a string)' });
    expect(decodeText(notes, note('b', 'x'), 'a')).toEqual({ ok: false, reason: 'its id does not match its name' });
    expect(decodeText(notes, JSON.stringify({ version: 'two' }), 'a')).toEqual({ ok: false, reason: 'its version is not a number' });
    expect(decodeText(notes, JSON.stringify({ version: 3 }), 'a')).toMatchObject({ ok: false, newer: 3 });
  });
});

describe('the record store', () => {
  it('reads and writes records of a kind, and writes an old record back in the current version', () => {
    const { storage, records } = setup({ 'test:note:old': '"from long ago"' });
    expect(records.write(notes, 'a', { version: 2, title: 'A', id: 'a' })).toEqual({ ok: true });
    expect(records.read(notes, 'a')).toEqual({ status: 'found', value: { version: 2, title: 'A', id: 'a' } });
    expect(records.read(notes, 'old')).toEqual({ status: 'found', value: { version: 2, title: 'from long ago', id: '' } });
    expect(JSON.parse(storage.getItem('test:note:old')!)).toEqual({ version: 2, title: 'from long ago', id: '' });
    expect(records.read(notes, 'nothing')).toEqual({ status: 'missing' });
  });

  it('sets a damaged record aside with its reason and original text, and says so in words', () => {
    const { storage, records } = setup({ 'test:note:bad': '{"version": 2, "tit' });
    const read = records.read(notes, 'bad');
    expect(read).toEqual({
      status: 'unreadable',
      newer: false,
      message: 'Your note "bad" could not be read (it is not valid JSON). It was set aside, not deleted: “Your data” lets you download it or try to restore it.',
    });
    expect(storage.getItem('test:note:bad')).toBeNull();
    const [aside, ...others] = records.listSetAside([notes]);
    expect(others).toEqual([]);
    expect(aside).toEqual({ asideKey: expect.stringMatching(new RegExp(`^${SET_ASIDE_PREFIX}`)), key: 'test:note:bad', what: 'your note "bad"', why: 'it is not valid JSON', at: 1000, text: '{"version": 2, "tit' });
    expect(records.exportSetAside(aside!.asideKey)).toBe('{"version": 2, "tit');
  });

  it('sets aside only the damaged record: every other one still reads', () => {
    const { records } = setup({ 'test:note:good': note('good', 'Fine'), 'test:note:bad': note('bad', ''), 'test:note:also': note('also', 'Also fine') });
    const { records: found, messages } = records.readAll(notes);
    expect(found.map((r) => r.value.title).sort()).toEqual(['Also fine', 'Fine']);
    expect(messages).toEqual([expect.stringMatching(/^Your note "bad" could not be read \(part of it is damaged \(title: /)]);
    expect(records.ids(notes).sort()).toEqual(['also', 'good']);
  });

  it('restores a set-aside record once the cause is fixed, and says why not before', () => {
    const damaged = JSON.stringify({ version: 2, title: 'Plans', id: 'plans', extra: 1 }).replace('"title"', '"titel"');
    const { storage, records } = setup({ 'test:note:plans': damaged });
    records.read(notes, 'plans');
    const [aside] = records.listSetAside([notes]);
    expect(records.restore(aside!.asideKey, [notes])).toEqual({ ok: false, message: expect.stringMatching(/^Your note "plans" still cannot be read: part of it is damaged \(title: /) });
    expect(storage.getItem('test:note:plans')).toBeNull();

    // The cause is fixed: this version of the app learns to read the misspelt field.
    const tolerant: RecordKind<z.infer<typeof noteSchema>> = {
      ...notes,
      schema: z.pipe(
        z.transform((d: unknown) => (typeof d === 'object' && d !== null && 'titel' in d ? { ...d, title: d.titel } : d)),
        noteSchema,
      ),
    };
    expect(records.restore(aside!.asideKey, [tolerant])).toEqual({ ok: true, message: 'Your note "plans" was restored.' });
    expect(storage.getItem('test:note:plans')).toBe(damaged);
    expect(records.listSetAside([notes])).toEqual([]);
    expect(records.read(tolerant, 'plans')).toMatchObject({ status: 'found', value: { title: 'Plans' } });
  });

  it('does not restore over a record saved in its place since', () => {
    const { storage, records } = setup({ 'test:note:a': 'oops' });
    records.read(notes, 'a');
    records.write(notes, 'a', { version: 2, title: 'New', id: 'a' });
    const [aside] = records.listSetAside([notes]);
    storage.setItem(aside!.asideKey, JSON.stringify({ ...JSON.parse(storage.getItem(aside!.asideKey)!), text: note('a', 'Old') }));
    expect(records.restore(aside!.asideKey, [notes])).toEqual({ ok: false, message: expect.stringContaining('something else has been saved in its place since') });
    expect(records.read(notes, 'a')).toMatchObject({ status: 'found', value: { title: 'New' } });
  });

  it('keeps a record from a newer version where it is, reports it, and never overwrites it', () => {
    const future = JSON.stringify({ version: 9, shape: 'unknown' });
    const { storage, records } = setup({ 'test:note:future': future });
    expect(records.read(notes, 'future')).toEqual({ status: 'unreadable', newer: true, message: 'Your note "future" was saved by a newer version of this app, so it was left untouched.' });
    expect(records.write(notes, 'future', { version: 2, title: 'Mine', id: 'future' })).toEqual({ ok: false, why: 'newer', message: expect.stringContaining('was not overwritten') });
    expect(storage.getItem('test:note:future')).toBe(future);
    expect(records.listSetAside([notes])).toEqual([]);
    expect(records.listNewer([notes])).toEqual([{ key: 'test:note:future', what: 'your note "future"', version: 9 }]);
  });

  it('lists what earlier versions of the app set aside, and restores it', () => {
    const { storage, records } = setup({
      'osotd:v1:custom-set-aside:my-panel:1700000000000': '{"broken',
      'osotd:v1:facilitator:corrupt:1700000000001:s-1': '{}',
      'osotd:v1:corrupt:1700000000002:history': JSON.stringify({ key: 'test:note:n', savedText: note('n', 'Kept'), setAsideAt: 1700000000002 }),
    });
    expect(records.listSetAside([notes]).map(({ key, what, at }) => ({ key, what, at }))).toEqual([
      { key: 'test:note:n', what: 'your note “Kept”', at: 1700000000002 },
      { key: 'osotd:v1:facilitator:session:s-1', what: 'osotd:v1:facilitator:session:s-1', at: 1700000000001 },
      { key: 'osotd:v1:custom:my-panel', what: 'osotd:v1:custom:my-panel', at: 1700000000000 },
    ]);
    expect(records.restore('osotd:v1:corrupt:1700000000002:history', [notes])).toEqual({ ok: true, message: 'Your note “Kept” was restored.' });
    expect(storage.getItem('test:note:n')).toBe(note('n', 'Kept'));
    expect(allKeys(storage)).not.toContain('osotd:v1:corrupt:1700000000002:history');
  });

  it('reports a full storage on write, and leaves a record in place when it cannot be set aside', () => {
    const storage = fullStorage({ 'test:note:bad': 'oops', 'test:note:good': note('good', 'Fine') });
    const records = new RecordStore(storage);
    expect(records.write(notes, 'new', { version: 2, title: 'New', id: 'new' })).toEqual({ ok: false, why: 'full', message: expect.stringContaining('its storage is full') });
    expect(records.read(notes, 'bad')).toMatchObject({ status: 'unreadable', message: expect.stringContaining('could not be set aside either; it was left where it was') });
    expect(storage.getItem('test:note:bad')).toBe('oops');
    expect(records.read(notes, 'good')).toMatchObject({ status: 'found', value: { title: 'Fine' } });
  });
});

describe('the browser storage when it is full', () => {
  it('is still used, so everything saved stays readable', () => {
    const local = fullStorage({ 'test:note:good': note('good', 'Fine') });
    const { storage, persistent } = browserStorage(local);
    expect(persistent).toBe(true);
    expect(storage.getItem('test:note:good')).toBe(note('good', 'Fine'));
  });

  it('falls back to memory when the browser refuses storage altogether', () => {
    const refused = { ...memoryStorage(), setItem: () => { throw new DOMException('denied', 'SecurityError'); } };
    expect(browserStorage(refused).persistent).toBe(false);
  });
});
