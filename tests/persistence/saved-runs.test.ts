/**
 * Saved runs through the record store, as the app opens them: with the browser's storage full, and with
 * the imported scenario they were played on damaged.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSaved } from '../../src/app/run-route.ts';
import type { ScenarioSource } from '../../src/app/source.ts';
import { loadCustomScenario, saveCustomScenario } from '../../src/lib/authoring/store.ts';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { playChoices } from '../../src/lib/engine/playthrough.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { RecordStore } from '../../src/lib/persistence/record-store.ts';
import { listSetAside } from '../../src/lib/persistence/set-aside.ts';
import { memoryStorage, type KeyValueStorage } from '../../src/lib/persistence/storage.ts';
import { KEYS, SaveStore } from '../../src/lib/persistence/store.ts';
import { SavedData } from '../../src/lib/state/saved.svelte.ts';
import { fake } from '../authoring/support.ts';
import { fullStorage } from './support.ts';

const scenario = fake();
const clock = () => {
  let time = 1_700_000_000_000;
  return () => (time += 1000);
};

/** Runs of the fake call as the app saves them: `finished` finished ones, and one stopped after its first choice. */
function savedRuns(storage: KeyValueStorage, finished = 1): string[] {
  const store = new SaveStore(storage, clock());
  const choices = analyseScenario(scenario).seats[0]!.outcomes.mutualFit.choices!;
  const start = { scenarioId: scenario.id, scenarioTitle: scenario.title, seat: 'employer' as const, mode: 'coach' as const, seed: 7 };
  const ids: string[] = [];
  for (let n = 0; n < finished; n++) {
    const run = {
      ...store.startRun(start),
      choices,
      stepCount: playChoices(scenario, 'employer', choices, { seed: 7 }).steps.length,
      outcome: 'mutualFit' as const,
    };
    store.putRun(run);
    store.finishRun(run, 'mutualFit', choices.length);
    ids.push(run.id);
  }
  const unfinished = store.startRun(start);
  store.putRun({ ...unfinished, choices: choices.slice(0, 1), stepCount: playChoices(scenario, 'employer', choices.slice(0, 1), { seed: 7 }).steps.length });
  return [...ids, unfinished.id];
}

const source = (load: (id: string) => Promise<Scenario | undefined>): ScenarioSource => ({ list: () => [], load });

afterEach(() => vi.unstubAllGlobals());

describe('saved runs when the browser’s storage is full', () => {
  it('are all still there after a reload, and open', async () => {
    const written = memoryStorage();
    const ids = savedRuns(written);
    const keys = Object.fromEntries(ids.map((id) => [KEYS.run(id), written.getItem(KEYS.run(id))!]));
    vi.stubGlobal('localStorage', fullStorage({ ...keys, [KEYS.history]: written.getItem(KEYS.history)! }));

    const saved = new SavedData();
    expect(saved.problems).toEqual([]);
    for (const id of ids) {
      expect(saved.run(id)).toMatchObject({ id });
      expect(
        await openSaved(
          source(async () => scenario),
          saved,
          id,
        ),
      ).toMatchObject({ kind: 'ready', record: { id } });
    }
    expect(saved.history).toHaveLength(1);
  });

  it('keeps every run when a record read from an older version cannot be written back', () => {
    const written = memoryStorage();
    const ids = savedRuns(written, 10);
    const texts = Object.fromEntries(ids.map((id) => [KEYS.run(id), written.getItem(KEYS.run(id))!]));
    // A settings record from the prototype (version 0) migrates on load; the write-back fails: nothing may be pruned for it.
    const full = fullStorage({ ...texts, [KEYS.settings]: JSON.stringify({ coach: false }) });
    const store = new SaveStore(full, clock());
    expect(store.settings.mode).toBe('realistic');
    expect([...store.runs.keys()].sort()).toEqual([...ids].sort());
    for (const [key, text] of Object.entries(texts)) expect(full.getItem(key)).toBe(text);
  });

  it('says, once, that progress could not be saved, and keeps the saved runs', () => {
    const written = memoryStorage();
    const ids = savedRuns(written);
    const full = fullStorage(Object.fromEntries(ids.map((id) => [KEYS.run(id), written.getItem(KEYS.run(id))!])));
    const saved = new SavedData(full);
    saved.setMode('realistic');
    saved.setMode('coach');
    expect(saved.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^Your progress could not be saved: this browser’s storage is full/)]);
    expect(new SaveStore(full).runs.size).toBe(2);
  });
});

describe('a damaged imported scenario', () => {
  it('is set aside alone: the runs played on it stay where they are, and open again once it is back', async () => {
    const storage = memoryStorage();
    const custom = fake({ id: 'my-call' });
    await saveCustomScenario(JSON.stringify(custom), { storage, builtInIds: [] });
    const good = storage.getItem('osotd:v1:custom:my-call')!;
    const customSource = source(async (id) => {
      const loaded = await loadCustomScenario(id, { storage });
      return loaded.ok ? loaded.scenario : undefined;
    });
    const saved = new SavedData(storage);
    const run = saved.startRun({ scenarioId: 'my-call', scenarioTitle: custom.title, seat: 'candidate', mode: 'coach', seed: 3 });
    const runText = storage.getItem(KEYS.run(run.id));

    storage.setItem('osotd:v1:custom:my-call', '{"version": 1, "summ');
    const opened = await openSaved(customSource, saved, run.id);
    expect(opened).toMatchObject({
      kind: 'error',
      title: 'Scenario not found',
      message: expect.stringContaining(`Your run of “${custom.title}” is kept on this device.`),
    });
    expect(storage.getItem(KEYS.run(run.id))).toBe(runText);
    expect(listSetAside(new RecordStore(storage)).map((a) => a.key)).toEqual(['osotd:v1:custom:my-call']);

    storage.removeItem(listSetAside(new RecordStore(storage))[0]!.asideKey);
    storage.setItem('osotd:v1:custom:my-call', good);
    const reloaded = new SavedData(storage);
    expect(await openSaved(customSource, reloaded, run.id)).toMatchObject({ kind: 'ready', record: { id: run.id } });
  });
});
