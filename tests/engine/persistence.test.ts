// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { playChoices, resumeRun } from '../../src/lib/engine/playthrough.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { historyKind, runKind, type RunRecord } from '../../src/lib/persistence/records.ts';
import { decodeText, SET_ASIDE_PREFIX } from '../../src/lib/persistence/record-store.ts';
import { listSetAside } from '../../src/lib/persistence/set-aside.ts';
import { openRun } from '../../src/lib/persistence/repair.ts';
import { allKeys, memoryStorage, type KeyValueStorage } from '../../src/lib/persistence/storage.ts';
import { KEEP_FINISHED_RUNS, KEYS, SaveStore } from '../../src/lib/persistence/store.ts';
import { fakeScenario } from '../support/fakes.ts';

function fake(): Scenario {
  const v = validateScenario(fakeScenario());
  if (!v.ok) throw new Error('fake invalid');
  return v.scenario;
}

const scenario = fake();
const clock = (start = 1_700_000_000_000) => {
  let time = start;
  return () => (time += 1000);
};

/** A finished run of the fake call from the employer's seat, as the app saves it. */
function finishedRun(store: SaveStore, outcome: 'mutualFit' | 'noFit' = 'mutualFit'): RunRecord {
  const choices = analyseScenario(scenario).seats[0]!.outcomes[outcome].choices!;
  const { steps } = playChoices(scenario, 'employer', choices, { seed: 7 });
  const run = store.startRun({ scenarioId: scenario.id, scenarioTitle: scenario.title, seat: 'employer', mode: 'coach', seed: 7 });
  const full: RunRecord = { ...run, choices, stepCount: steps.length, outcome };
  store.putRun(full);
  return full;
}
const start = (seat: 'employer' | 'candidate' | 'both', mode: 'coach' | 'realistic' = 'coach') => ({
  scenarioId: 'fake-call',
  scenarioTitle: 'A short call',
  seat,
  mode,
  seed: 3,
});

describe('SaveStore', () => {
  it('keeps a run, as its choices, across a reload', () => {
    const storage = memoryStorage();
    const run = finishedRun(new SaveStore(storage, clock()));
    const reloaded = new SaveStore(storage, clock());
    expect(reloaded.problems).toEqual([]);
    expect(reloaded.runs.get(run.id)).toEqual(run);
    expect(storage.getItem(KEYS.run(run.id))!.length).toBeLessThan(600);
  });

  it('rebuilds every step of a saved run exactly by replaying its choices', () => {
    const storage = memoryStorage();
    const run = finishedRun(new SaveStore(storage, clock()));
    const saved = new SaveStore(storage, clock()).runs.get(run.id)!;
    const { actor, steps } = resumeRun(scenario, saved);
    expect(steps).toEqual(playChoices(scenario, 'employer', run.choices, { seed: 7 }).steps);
    expect(actor.getSnapshot().output?.outcome).toBe('mutualFit');
  });

  it('records a finished run once in the history and in the outcomes found', () => {
    const store = new SaveStore(memoryStorage(), clock());
    const run = finishedRun(store, 'noFit');
    store.finishRun(run, 'noFit', 3);
    store.finishRun(run, 'noFit', 3);
    expect(store.history).toHaveLength(1);
    expect(store.history[0]).toMatchObject({ runId: run.id, outcome: 'noFit', seat: 'employer', choices: 3 });
    expect(store.discovered['fake-call']).toEqual({ employer: ['noFit'], candidate: [] });
  });

  it('counts a pass-and-play outcome for both seats', () => {
    const store = new SaveStore(memoryStorage(), clock());
    const run = store.startRun(start('both'));
    store.finishRun(run, 'mutualFit', 3);
    expect(store.discovered['fake-call']).toEqual({ employer: ['mutualFit'], candidate: ['mutualFit'] });
  });

  it(`keeps the snapshots of the newest ${KEEP_FINISHED_RUNS} finished runs, and every history line`, () => {
    const store = new SaveStore(memoryStorage(), clock());
    const runs = Array.from({ length: KEEP_FINISHED_RUNS + 3 }, () => {
      const run = finishedRun(store);
      store.finishRun(run, 'mutualFit', 3);
      return run;
    });
    expect(store.runs.size).toBe(KEEP_FINISHED_RUNS);
    expect(store.runs.has(runs[0]!.id)).toBe(false);
    expect(store.runs.has(runs.at(-1)!.id)).toBe(true);
    expect(store.history).toHaveLength(KEEP_FINISHED_RUNS + 3);
  });

  it('branches a run from exactly where it stood before an earlier step, leaving the original as it was', () => {
    const store = new SaveStore(memoryStorage(), clock());
    const run = finishedRun(store);
    const { steps } = resumeRun(scenario, run);
    const firstChoice = steps.findIndex((s) => !s.auto);
    const branch = store.branchRun(run, firstChoice + 1, steps);
    expect(branch.id).not.toBe(run.id);
    expect(branch).toMatchObject({ choices: run.choices.slice(0, 1), stepCount: firstChoice + 1, outcome: null });
    expect(resumeRun(scenario, branch).steps).toEqual(steps.slice(0, firstChoice + 1));
    expect(branch.branchOf).toEqual({ runId: run.id, step: firstChoice + 1, choices: run.choices });
    expect(store.runs.get(run.id)).toEqual(run);
  });

  it('finds the newest unfinished run of a scenario and seat', () => {
    const store = new SaveStore(memoryStorage(), clock());
    store.startRun(start('candidate'));
    const newer = store.startRun(start('candidate', 'realistic'));
    finishedRun(store);
    expect(store.unfinishedRun('fake-call', 'candidate')?.id).toBe(newer.id);
    expect(store.unfinishedRun('fake-call', 'employer')).toBeUndefined();
  });

  it('erases the progress it saved on reset, and keeps imported scenarios and everything else', () => {
    const storage = memoryStorage({ 'another-app': 'keep me', 'osotd:v1:custom:my-panel': '{"text":"kept"}' });
    const store = new SaveStore(storage, clock());
    store.finishRun(finishedRun(store), 'mutualFit', 3);
    store.setMode('realistic');
    store.reset();
    expect(allKeys(storage).sort()).toEqual(['another-app', 'osotd:v1:custom:my-panel']);
    expect(new SaveStore(storage).settings.mode).toBe('coach');
  });
});

describe('corrupted saves', () => {
  function withDamage(damage: Record<string, string>) {
    const storage = memoryStorage();
    const store = new SaveStore(storage, clock());
    const run = finishedRun(store);
    store.finishRun(run, 'mutualFit', 3);
    store.setMode('realistic');
    for (const [key, text] of Object.entries(damage)) storage.setItem(key, text);
    return { storage, run, reloaded: new SaveStore(storage, clock(1_800_000_000_000)) };
  }

  it('sets aside a run that is not JSON, reports it, and restores everything else', () => {
    const { storage, run, reloaded } = withDamage({ [KEYS.run('broken')]: '{"version":1,"scenarioTitle":"A short call", "snapsh' });
    expect(reloaded.problems).toHaveLength(1);
    expect(reloaded.problems[0]!.message).toBe(
      'Your run of “A short call” could not be read (it is not valid JSON). It was set aside, not deleted: “Your data” lets you download it or try to restore it.',
    );
    expect(listSetAside(reloaded.records)).toEqual([
      expect.objectContaining({ key: KEYS.run('broken'), why: 'it is not valid JSON', text: expect.stringContaining('"snapsh') }),
    ]);
    expect(storage.getItem(KEYS.run('broken'))).toBeNull();
    expect(reloaded.runs.get(run.id)).toEqual(run);
    expect(reloaded.history).toHaveLength(1);
    expect(reloaded.discovered['fake-call']!.employer).toEqual(['mutualFit']);
    expect(reloaded.settings.mode).toBe('realistic');
  });

  it('sets aside records of the wrong shape, one message each', () => {
    const { storage, reloaded } = withDamage({
      [KEYS.history]: JSON.stringify({ version: 1, runs: [{ runId: 3 }] }),
      [KEYS.discovered]: JSON.stringify({ version: 1, scenarios: { 'fake-call': { employer: ['hired'] } } }),
      [KEYS.settings]: 'null',
    });
    expect(reloaded.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Your list of finished runs could not be read \(part of it is damaged \(runs\.0\.runId: .*\)\)\. It was set aside, not deleted/),
      expect.stringMatching(
        /^The outcomes you have discovered could not be read \(part of it is damaged \(scenarios\.fake-call\.employer\.0: .*\)\)\. It was set aside, not deleted/,
      ),
      expect.stringMatching(/^Your settings could not be read \(it could not be brought up to date \(not an object\)\)\. It was set aside, not deleted/),
    ]);
    expect(reloaded.runs.size).toBe(1);
    expect(reloaded.history).toEqual([]);
    expect(reloaded.settings.mode).toBe('coach');
    expect(allKeys(storage).filter((k) => k.startsWith(SET_ASIDE_PREFIX))).toHaveLength(3);
  });

  it('leaves a record saved by a newer version of the app where it is, and never overwrites it', () => {
    const newer = JSON.stringify({ version: 7, mode: 'coach', theme: 'dark' });
    const { storage, reloaded } = withDamage({ [KEYS.settings]: newer });
    expect(reloaded.problems.map((p) => p.message)).toEqual(['Your settings was saved by a newer version of this app, so it was left untouched.']);
    reloaded.setMode('realistic');
    expect(storage.getItem(KEYS.settings)).toBe(newer);
    expect(listSetAside(reloaded.records)).toEqual([]);
  });

  it('rejects a run whose choices are not choice events', () => {
    const { reloaded, run } = withDamage({});
    const text = JSON.stringify({ ...run, id: 'mixed', choices: ['<img onerror>'] });
    const storage = memoryStorage({ [KEYS.run('mixed')]: text });
    const store = new SaveStore(storage, clock());
    expect(store.runs.size).toBe(0);
    expect(store.problems[0]!.message).toMatch(/^Your run of “A short call” could not be read \(part of it is damaged \(choices\.0: /);
    expect(reloaded.problems).toEqual([]);
  });

  it('starts even when the storage itself fails, and says what could not be saved', () => {
    const failing: KeyValueStorage = {
      ...memoryStorage(),
      length: 0,
      key: () => null,
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    const store = new SaveStore(failing, clock());
    expect(store.problems).toEqual([]);
    store.setMode('realistic');
    store.setMode('coach');
    expect(store.problems.map((p) => p.message)).toEqual([
      'Your progress could not be saved: this browser’s storage is full or switched off. You can keep playing, but this run will not survive a reload.',
    ]);
  });
});

describe('saves from version 0', () => {
  const choices = analyseScenario(scenario).seats.find((s) => s.seat === 'candidate')!.outcomes.employerDeclines.choices!;
  const played = playChoices(scenario, 'candidate', choices.slice(0, 1));
  // A version-0 run kept its latest XState snapshot: the parts the migration reads.
  const done = played.actor.getSnapshot();
  const latest = {
    status: done.status,
    value: done.value,
    output: done.output,
    context: { seat: 'candidate', seed: 1, steps: played.steps.map(({ scene, event, side, auto }) => ({ scene, event, side, auto })) },
  };

  function v0Storage() {
    return memoryStorage({
      [KEYS.run('old1')]: JSON.stringify({ id: 'old1', scenarioId: 'fake-call', seat: 'candidate', snapshot: latest, startedAt: '2025-03-01T10:00:00Z' }),
      [KEYS.history]: JSON.stringify([{ scenarioId: 'fake-call', seat: 'employer', outcome: 'noFit', finishedAt: '2025-02-28T09:30:00Z' }]),
      [KEYS.discovered]: JSON.stringify({ 'fake-call': { employer: ['noFit'], candidate: [] } }),
      [KEYS.settings]: JSON.stringify({ coach: false }),
    });
  }

  it('migrates every record and writes it back in the current version', () => {
    const storage = v0Storage();
    const store = new SaveStore(storage, clock());
    expect(store.problems).toEqual([]);
    expect(store.settings).toEqual({ version: 1, mode: 'realistic' });
    expect(store.history).toEqual([
      {
        runId: 'old-0',
        scenarioId: 'fake-call',
        scenarioTitle: 'fake-call',
        seat: 'employer',
        outcome: 'noFit',
        finishedAt: Date.parse('2025-02-28T09:30:00Z'),
      },
    ]);
    expect(store.discovered['fake-call']!.employer).toEqual(['noFit']);
    const run = store.runs.get('old1')!;
    expect(run).toMatchObject({
      version: 2,
      seat: 'candidate',
      mode: 'coach',
      startedAt: Date.parse('2025-03-01T10:00:00Z'),
      holder: null,
      choices: choices.slice(0, 1),
      outcome: done.output?.outcome ?? null,
    });
    expect(JSON.parse(storage.getItem(KEYS.run('old1'))!).version).toBe(2);
    for (const key of [KEYS.history, KEYS.discovered, KEYS.settings]) {
      expect(JSON.parse(storage.getItem(key)!).version, key).toBe(1);
    }
  });

  it('opens a migrated run at exactly the step where it stopped', () => {
    const run = new SaveStore(v0Storage(), clock()).runs.get('old1')!;
    expect(openRun(scenario, run)).toEqual({ ok: true, run });
    expect(resumeRun(scenario, run).steps).toEqual(played.steps);
  });

  it('reads a version-0 record that does not fit as damaged', () => {
    expect(decodeText(historyKind, JSON.stringify({ scenarioId: 'x' }))).toEqual({ ok: false, reason: 'it could not be brought up to date (not a list)' });
    expect(decodeText(runKind, JSON.stringify([1, 2]))).toEqual({ ok: false, reason: 'it could not be brought up to date (not an object)' });
  });
});

describe('openRun', () => {
  const run = (() => {
    const store = new SaveStore(memoryStorage(), clock());
    return finishedRun(store);
  })();

  it('opens a run that fits the scenario as it is', () => {
    expect(openRun(scenario, run)).toEqual({ ok: true, run });
  });

  it('refuses a run whose scenario lost a choice it made', () => {
    const input = fakeScenario() as unknown as { machine: { states: Record<string, { on?: Record<string, unknown>; meta: { npc?: { choose: string }[] } }> } };
    const last = run.choices.at(-1)!;
    const scene = Object.values(input.machine.states).find((s) => s.on && last in s.on)!;
    scene.on![`${last}Renamed`] = scene.on![last];
    delete scene.on![last];
    for (const rule of scene.meta.npc ?? []) if (rule.choose === last) rule.choose = `${last}Renamed`;
    const changed = validateScenario(input);
    if (!changed.ok) throw new Error(JSON.stringify(changed.problems));
    expect(openRun(changed.scenario, run)).toEqual({ ok: false, reason: 'its choices no longer lead through “A short call” the way they did' });
  });

  it('refuses a run that can no longer be replayed to how it ended', () => {
    // Calling on time now breaks a deal for the candidate.
    const truncated = run;
    const input = fakeScenario() as unknown as { machine: { states: { start: { on: Record<string, { actions: unknown[] }> } } } };
    input.machine.states.start.on['choice.onTime']!.actions = [
      { type: 'dealBreaker', params: { ledger: 'candidate', reason: 'The call came from a withheld number.' } },
    ];
    const tweaked = validateScenario(input);
    if (!tweaked.ok) throw new Error('invalid');
    expect(openRun(tweaked.scenario, truncated)).toEqual({ ok: false, reason: 'replaying its choices no longer leads to where it stopped' });
  });
});
