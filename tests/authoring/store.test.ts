// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { exportScenario } from '../../src/lib/authoring/export.ts';
import {
  CUSTOM_KEY_PREFIX,
  customScenarioFile,
  customScenarioKind,
  listCustomScenarios,
  loadCustomScenario,
  removeCustomScenario,
  saveCustomScenario,
  SET_ASIDE_KEY_PREFIX,
} from '../../src/lib/authoring/store.ts';
import { RecordStore } from '../../src/lib/persistence/record-store.ts';
import { listSetAside } from '../../src/lib/persistence/set-aside.ts';
import { fake, fakeText, MemoryStorage } from './support.ts';
import { readFileSync } from 'node:fs';

const NOW = () => new Date('2025-03-04T10:00:00Z');

function setup() {
  const storage = new MemoryStorage();
  const save = (text: string, options: Partial<Parameters<typeof saveCustomScenario>[1]> = {}) =>
    saveCustomScenario(text, { storage, builtInIds: ['phone-screen'], now: NOW, ...options });
  return { storage, save };
}

describe('the custom-scenario store', () => {
  it('saves a valid scenario and lists it as custom', async () => {
    const { storage, save } = setup();
    const result = await save(fakeText());
    expect(result).toMatchObject({
      ok: true,
      replaced: false,
      summary: { id: 'fake-call', custom: true, status: 'ready', savedAt: '2025-03-04T10:00:00.000Z' },
    });
    expect(listCustomScenarios({ storage })).toEqual({
      scenarios: [expect.objectContaining({ id: 'fake-call', title: 'A short call', custom: true, seats: ['employer', 'candidate'] })],
      notices: [],
    });
  });

  it('loads a saved scenario equal to the one imported', async () => {
    const { storage, save } = setup();
    await save(fakeText());
    const loaded = await loadCustomScenario('fake-call', { storage });
    expect(loaded).toMatchObject({ ok: true, summary: { id: 'fake-call' } });
    expect(loaded.ok && loaded.scenario).toEqual(fake());
  });

  it('refuses an invalid file and stores nothing', async () => {
    const { storage, save } = setup();
    const result = await save(fakeText((d) => (d.machine.initial = 'nowhere')));
    expect(result).toMatchObject({ ok: false, reason: 'invalid', problems: [expect.objectContaining({ where: 'machine → initial' })] });
    expect(storage.length).toBe(0);
  });

  it('saves an unfinished scenario only when asked to keep it as a draft', async () => {
    const { storage, save } = setup();
    const text = readFileSync('tests/fixtures/incomplete.json', 'utf8');
    expect(await save(text)).toMatchObject({ ok: false, reason: 'draft' });
    expect(storage.length).toBe(0);
    const result = await save(text, { asDraft: true });
    expect(result).toMatchObject({
      ok: true,
      summary: { status: 'draft', warnings: expect.arrayContaining([expect.stringContaining('no path ends in candidateDeclines')]) },
    });
  });

  it('never replaces a built-in scenario, and can save a copy under a free id', async () => {
    const { storage, save } = setup();
    const text = fakeText((d) => (d.id = 'phone-screen'));
    for (const onClash of ['refuse', 'replace'] as const) {
      expect(await save(text, { onClash })).toMatchObject({
        ok: false,
        reason: 'clash',
        message: expect.stringContaining('built-in scenarios cannot be replaced'),
      });
    }
    expect(storage.length).toBe(0);
    const copy = await save(text, { onClash: 'copy' });
    expect(copy).toMatchObject({ ok: true, renamedFrom: 'phone-screen', summary: { id: 'phone-screen-2' } });
    const loaded = await loadCustomScenario('phone-screen-2', { storage });
    expect(loaded.ok && loaded.scenario.id).toBe('phone-screen-2');
  });

  it('replaces a custom scenario only when asked', async () => {
    const { storage, save } = setup();
    await save(fakeText());
    const before = storage.snapshot();
    const newer = fakeText((d) => (d.title = 'A short call, second draft'));
    expect(await save(newer)).toMatchObject({ ok: false, reason: 'clash', clash: { with: 'custom', suggestion: 'fake-call-2' } });
    expect(storage.snapshot()).toEqual(before);
    expect(await save(newer, { onClash: 'replace' })).toMatchObject({ ok: true, replaced: true });
    expect(listCustomScenarios({ storage }).scenarios.map((s) => s.title)).toEqual(['A short call, second draft']);
  });

  it('changes nothing when the browser refuses to store', async () => {
    const { storage, save } = setup();
    await save(fakeText());
    const before = storage.snapshot();
    storage.quota = 1000; // far less than one scenario
    const result = await save(
      fakeText((d) => (d.title = 'Replaced')),
      { onClash: 'replace' },
    );
    expect(result).toMatchObject({ ok: false, reason: 'storage', message: expect.stringContaining('Nothing was changed') });
    expect(await save(fakeText((d) => (d.id = 'another')))).toMatchObject({ ok: false, reason: 'storage' });
    expect(storage.snapshot()).toEqual(before);
  });

  it('removes a scenario, and puts it back on undo', async () => {
    const { storage, save } = setup();
    await save(fakeText());
    const before = storage.snapshot();
    const removal = removeCustomScenario('fake-call', { storage });
    expect(removal.removed).toBe(true);
    expect(listCustomScenarios({ storage }).scenarios).toEqual([]);
    expect(removal.undo()).toBe(true);
    expect(storage.snapshot()).toEqual(before);
  });

  it('does not undo a removal over a scenario saved since with the same id', async () => {
    const { storage, save } = setup();
    await save(fakeText());
    const removal = removeCustomScenario('fake-call', { storage });
    await save(fakeText((d) => (d.title = 'New one')));
    expect(removal.undo()).toBe(false);
    expect(listCustomScenarios({ storage }).scenarios.map((s) => s.title)).toEqual(['New one']);
  });

  it('sets aside an entry it cannot read, keeps its data, says so, and lists the rest', async () => {
    const { storage, save } = setup();
    await save(fakeText());
    storage.setItem(`${CUSTOM_KEY_PREFIX}broken`, '{"version": 1, "summ');
    const listing = listCustomScenarios({ storage });
    expect(listing.scenarios.map((s) => s.id)).toEqual(['fake-call']);
    expect(listing.notices).toEqual([
      expect.stringMatching(/^Your saved scenario "broken" could not be read \(it is not valid JSON\)\. It was set aside, not deleted/),
    ]);
    const [aside, ...more] = listSetAside(new RecordStore(storage), [customScenarioKind]);
    expect(more).toEqual([]);
    expect(aside).toMatchObject({
      key: `${CUSTOM_KEY_PREFIX}broken`,
      what: 'your saved scenario "broken"',
      why: 'it is not valid JSON',
      text: '{"version": 1, "summ',
    });
    expect(aside!.asideKey.startsWith(SET_ASIDE_KEY_PREFIX)).toBe(true);
    expect(storage.getItem(`${CUSTOM_KEY_PREFIX}broken`)).toBeNull();
  });

  it('sets aside an entry whose id does not match its key', async () => {
    const { storage, save } = setup();
    await save(fakeText());
    storage.setItem(`${CUSTOM_KEY_PREFIX}other`, storage.getItem(`${CUSTOM_KEY_PREFIX}fake-call`)!);
    expect(listCustomScenarios({ storage }).notices).toEqual([expect.stringContaining('"other" could not be read (its id does not match its name)')]);
  });

  it('leaves an entry from a newer version untouched', () => {
    const storage = new MemoryStorage();
    const raw = JSON.stringify({ version: 2, anything: true });
    storage.setItem(`${CUSTOM_KEY_PREFIX}future`, raw);
    expect(listCustomScenarios({ storage }).notices).toEqual([
      'Your saved scenario "future" was saved by a newer version of this app, so it was left untouched.',
    ]);
    expect(storage.getItem(`${CUSTOM_KEY_PREFIX}future`)).toBe(raw);
  });

  it('repairs an entry that lost its warnings', async () => {
    const { storage, save } = setup();
    await save(fakeText());
    const key = `${CUSTOM_KEY_PREFIX}fake-call`;
    const { warnings: _, ...rest } = JSON.parse(storage.getItem(key)!);
    storage.setItem(key, JSON.stringify(rest));
    expect(listCustomScenarios({ storage })).toMatchObject({ scenarios: [{ id: 'fake-call', warnings: [] }], notices: [] });
  });

  it('refuses to open a saved scenario that no longer validates, and sets it aside', async () => {
    const { storage, save } = setup();
    await save(fakeText());
    const key = `${CUSTOM_KEY_PREFIX}fake-call`;
    const record = JSON.parse(storage.getItem(key)!);
    record.scenario.machine.initial = 'gone';
    storage.setItem(key, JSON.stringify(record));
    const loaded = await loadCustomScenario('fake-call', { storage });
    expect(loaded).toEqual({ ok: false, message: expect.stringContaining('machine → initial: there is no scene called "gone"') });
    expect(storage.getItem(key)).toBeNull();
    expect([...storage.map.keys()].some((k) => k.startsWith(SET_ASIDE_KEY_PREFIX))).toBe(true);
  });

  it('says so when asked for a scenario it does not have', async () => {
    expect(await loadCustomScenario('missing', { storage: new MemoryStorage() })).toEqual({
      ok: false,
      message: 'There is no custom scenario called "missing".',
    });
  });

  it('exports a saved scenario as the same file an export of the scenario gives', async () => {
    const { storage, save } = setup();
    await save(fakeText());
    expect(customScenarioFile('fake-call', { storage })).toEqual(exportScenario(fake()));
  });
});
