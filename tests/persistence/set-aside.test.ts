// @vitest-environment node
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { RecordKind } from '../../src/lib/persistence/record-store.ts';
import { listSetAside, restoreSetAside } from '../../src/lib/persistence/set-aside.ts';
import { allKeys } from '../../src/lib/persistence/storage.ts';
import { note, notes, noteSchema, setup } from './support.ts';

describe('what was set aside', () => {
  it('restores a set-aside record once the cause is fixed, and says why not before', () => {
    const damaged = JSON.stringify({ version: 2, title: 'Plans', id: 'plans', extra: 1 }).replace('"title"', '"titel"');
    const { storage, records } = setup({ 'test:note:plans': damaged });
    records.read(notes, 'plans');
    const [aside] = listSetAside(records, [notes]);
    expect(restoreSetAside(records, aside!.asideKey, [notes])).toEqual({
      ok: false,
      message: expect.stringMatching(/^Your note "plans" still cannot be read: part of it is damaged \(title: /),
    });
    expect(storage.getItem('test:note:plans')).toBeNull();

    // The cause is fixed: this version of the app learns to read the misspelt field.
    const tolerant: RecordKind<z.infer<typeof noteSchema>> = {
      ...notes,
      schema: z.pipe(
        z.transform((d: unknown) => (typeof d === 'object' && d !== null && 'titel' in d ? { ...d, title: d.titel } : d)),
        noteSchema,
      ),
    };
    expect(restoreSetAside(records, aside!.asideKey, [tolerant])).toEqual({ ok: true, message: 'Your note "plans" was restored.' });
    expect(storage.getItem('test:note:plans')).toBe(damaged);
    expect(listSetAside(records, [notes])).toEqual([]);
    expect(records.read(tolerant, 'plans')).toMatchObject({ status: 'found', value: { title: 'Plans' } });
  });

  it('does not restore over a record saved in its place since', () => {
    const { storage, records } = setup({ 'test:note:a': 'oops' });
    records.read(notes, 'a');
    records.write(notes, 'a', { version: 2, title: 'New', id: 'a' });
    const [aside] = listSetAside(records, [notes]);
    storage.setItem(aside!.asideKey, JSON.stringify({ ...JSON.parse(storage.getItem(aside!.asideKey)!), text: note('a', 'Old') }));
    expect(restoreSetAside(records, aside!.asideKey, [notes])).toEqual({
      ok: false,
      message: expect.stringContaining('something else has been saved in its place since'),
    });
    expect(records.read(notes, 'a')).toMatchObject({ status: 'found', value: { title: 'New' } });
  });

  it('lists what earlier versions of the app set aside, and restores it', () => {
    const { storage, records } = setup({
      'osotd:v1:custom-set-aside:my-panel:1700000000000': '{"broken',
      'osotd:v1:facilitator:corrupt:1700000000001:s-1': '{}',
      'osotd:v1:corrupt:1700000000002:history': JSON.stringify({ key: 'test:note:n', savedText: note('n', 'Kept'), setAsideAt: 1700000000002 }),
    });
    expect(listSetAside(records, [notes]).map(({ key, what, at }) => ({ key, what, at }))).toEqual([
      { key: 'test:note:n', what: 'your note “Kept”', at: 1700000000002 },
      { key: 'osotd:v1:facilitator:session:s-1', what: 'osotd:v1:facilitator:session:s-1', at: 1700000000001 },
      { key: 'osotd:v1:custom:my-panel', what: 'osotd:v1:custom:my-panel', at: 1700000000000 },
    ]);
    expect(restoreSetAside(records, 'osotd:v1:corrupt:1700000000002:history', [notes])).toEqual({ ok: true, message: 'Your note “Kept” was restored.' });
    expect(storage.getItem('test:note:n')).toBe(note('n', 'Kept'));
    expect(allKeys(storage)).not.toContain('osotd:v1:corrupt:1700000000002:history');
  });
});
