// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decodeText, RecordStore, SET_ASIDE_PREFIX } from '../../src/lib/persistence/record-store.ts';
import { exportSetAside, listNewer, listSetAside } from '../../src/lib/persistence/set-aside.ts';
import { browserStorage, memoryStorage } from '../../src/lib/persistence/storage.ts';
import { fullStorage, note, notes, setup } from './support.ts';

describe('decoding a record', () => {
  it('migrates an old record step by step to the current version', () => {
    expect(decodeText(notes, '"shopping"', 'a')).toEqual({ ok: true, value: { version: 2, title: 'shopping', id: '' }, migratedFrom: 0 });
    expect(decodeText(notes, JSON.stringify({ version: 1, name: 'work', id: 'b' }), 'b')).toMatchObject({ ok: true, migratedFrom: 1 });
  });

  it('says why a record cannot be read', () => {
    expect(decodeText(notes, '{"version": 2, "tit', 'a')).toEqual({ ok: false, reason: 'it is not valid JSON' });
    expect(decodeText(notes, JSON.stringify({ version: 2, title: '', id: 'a' }), 'a')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^part of it is damaged \(title: /),
    });
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
      message:
        'Your note "bad" could not be read (it is not valid JSON). It was set aside, not deleted: “Your data” lets you download it or try to restore it.',
    });
    expect(storage.getItem('test:note:bad')).toBeNull();
    const [aside, ...others] = listSetAside(records, [notes]);
    expect(others).toEqual([]);
    expect(aside).toEqual({
      asideKey: expect.stringMatching(new RegExp(`^${SET_ASIDE_PREFIX}`)),
      key: 'test:note:bad',
      what: 'your note "bad"',
      why: 'it is not valid JSON',
      at: 1000,
      text: '{"version": 2, "tit',
    });
    expect(exportSetAside(records, aside!.asideKey)).toBe('{"version": 2, "tit');
  });

  it('sets aside only the damaged record: every other one still reads', () => {
    const { records } = setup({ 'test:note:good': note('good', 'Fine'), 'test:note:bad': note('bad', ''), 'test:note:also': note('also', 'Also fine') });
    const { records: found, messages } = records.readAll(notes);
    expect(found.map((r) => r.value.title).sort()).toEqual(['Also fine', 'Fine']);
    expect(messages).toEqual([expect.stringMatching(/^Your note "bad" could not be read \(part of it is damaged \(title: /)]);
    expect(records.ids(notes).sort()).toEqual(['also', 'good']);
  });

  it('keeps a single record apart from a kind whose keys begin with its key', () => {
    const settings = { ...notes, prefix: 'test:lrs', single: true };
    const queue = { ...notes, prefix: 'test:lrs-queue', single: true };
    const { records } = setup({ 'test:lrs-queue': note('', 'queue') });
    expect(records.ids(settings)).toEqual([]);
    expect(records.ids(queue)).toEqual(['']);
    // A damaged queue is set aside as the queue, never as the settings.
    records.write(settings, '', { version: 2, title: 'settings', id: '' });
    records.setAside(queue, '', 'test');
    expect(records.ids(queue)).toEqual([]);
    expect(records.read(settings, '')).toMatchObject({ status: 'found', value: { title: 'settings' } });
    expect(listSetAside(records, [settings, queue]).map((a) => a.key)).toEqual(['test:lrs-queue']);
  });

  it('keeps a record from a newer version where it is, reports it, and never overwrites it', () => {
    const future = JSON.stringify({ version: 9, shape: 'unknown' });
    const { storage, records } = setup({ 'test:note:future': future });
    expect(records.read(notes, 'future')).toEqual({
      status: 'unreadable',
      newer: true,
      message: 'Your note "future" was saved by a newer version of this app, so it was left untouched.',
    });
    expect(records.write(notes, 'future', { version: 2, title: 'Mine', id: 'future' })).toEqual({
      ok: false,
      why: 'newer',
      message: expect.stringContaining('was not overwritten'),
    });
    expect(storage.getItem('test:note:future')).toBe(future);
    expect(listSetAside(records, [notes])).toEqual([]);
    expect(listNewer(records, [notes])).toEqual([{ key: 'test:note:future', what: 'your note "future"', version: 9 }]);
  });

  it('reports a full storage on write, and leaves a record in place when it cannot be set aside', () => {
    const storage = fullStorage({ 'test:note:bad': 'oops', 'test:note:good': note('good', 'Fine') });
    const records = new RecordStore(storage);
    expect(records.write(notes, 'new', { version: 2, title: 'New', id: 'new' })).toEqual({
      ok: false,
      why: 'full',
      message: expect.stringContaining('its storage is full'),
    });
    expect(records.read(notes, 'bad')).toMatchObject({
      status: 'unreadable',
      message: expect.stringContaining('could not be set aside either; it was left where it was'),
    });
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
    const refused = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(browserStorage(refused).persistent).toBe(false);
  });
});
