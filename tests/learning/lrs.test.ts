// @vitest-environment node
/**
 * The xAPI path end to end against a local test record store that checks every statement against the
 * xAPI 1.0.3 rules: a run played through `RunSession`, observed the way the run screen observes it
 * (after every change), its facts built into statements and sent by the queue. Also: going offline mid-run
 * and back, an answer lost after the store kept a statement (retried with the same id, stored once), and
 * settings the store refuses.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LrsClient, lrsQueueKind } from '../../src/lib/learning/lrs-client.ts';
import type { LrsSettings } from '../../src/lib/learning/lrs-settings.ts';
import { factsSince, seenAtStart } from '../../src/lib/learning/run-facts.ts';
import { StatementReporter } from '../../src/lib/learning/run-reporter.ts';
import { RecordStore } from '../../src/lib/persistence/record-store.ts';
import { memoryStorage } from '../../src/lib/persistence/storage.ts';
import { RunSession } from '../../src/lib/state/run.svelte.ts';
import { scenario as fakeScenario } from '../facilitator/support.ts';
import { KEY, SECRET, startTestLrs, type TestLrs } from './test-lrs.ts';

let lrs: TestLrs;
beforeEach(async () => {
  lrs = await startTestLrs();
});
afterEach(() => lrs.close());

const settings = (): LrsSettings => ({
  version: 1,
  endpoint: lrs.endpoint,
  key: KEY,
  secret: SECRET,
  learner: { kind: 'mbox', name: 'Ada Learner', email: 'ada@example.com' },
  activityBase: 'https://training.example.com/desk/xapi/',
});

/** Timers the test fires by hand; "back online" the test announces. */
function network() {
  const timers: (() => void)[] = [];
  let online: (() => void) | undefined;
  return {
    setTimer: (run: () => void) => timers.push(run),
    clearTimer: () => {},
    whenOnline: (retry: () => void) => ((online = retry), () => (online = undefined)),
    backOnline: () => online?.(),
    timers,
  };
}

/** A candidate's run of the fake scenario, reported as the run screen reports it. */
function reportedRun(records: RecordStore, net: ReturnType<typeof network>, seat: 'candidate' | 'both' = 'candidate') {
  const scenario = fakeScenario();
  const sent: Promise<void>[] = [];
  const reporter = new StatementReporter(scenario, { id: 'run-1', seat, mode: 'realistic' }, settings(), { records, ...net });
  let seen: ReturnType<typeof seenAtStart>;
  const session: RunSession = new RunSession({
    scenario,
    seat,
    mode: 'realistic',
    onchange: () => {
      const found = factsSince(session, seen, Date.UTC(2026, 11, 2, 1, 30));
      seen = found.seen;
      sent.push(reporter.report(found.facts));
    },
  });
  seen = seenAtStart(session);
  /** One move: the first offered choice, or the scenario's own move. */
  const move = () => {
    if (session.handoverTo) return session.acceptHandover();
    const turn = session.turn;
    if (turn.kind === 'player') session.choose(turn.choices[0]!.event as `choice.${string}`);
    else session.proceed();
  };
  /** Moves up to and including the next person's choice. */
  const choose = () => {
    while (session.turn.kind !== 'player' || session.handoverTo) move();
    move();
  };
  return { session, reporter, move, choose, settle: () => Promise.all(sent) };
}

const byVerb = (verb: string) => [...lrs.stored.values()].filter((s) => (s as { verb: { id: string } }).verb.id.endsWith(verb));

describe('statements sent to a learning record store', () => {
  it('sends one valid statement per choice and one for the finished run', async () => {
    const records = new RecordStore(memoryStorage());
    const run = reportedRun(records, network());
    while (run.session.snapshot.status !== 'done') run.move();
    await run.settle();
    expect(lrs.refused).toEqual([]);
    const choices = run.session.steps.filter((s) => !s.auto && s.event !== 'continue');
    expect(byVerb('responded')).toHaveLength(choices.length);
    const completed = byVerb('completed') as { result: { success: boolean; extensions: Record<string, unknown> } }[];
    expect(completed).toHaveLength(1);
    expect(completed[0]!.result.success).toBe(run.session.snapshot.output!.outcome === 'mutualFit');
    expect(completed[0]!.result.extensions['https://training.example.com/desk/xapi/extensions/outcome']).toBe(run.session.snapshot.output!.outcome);
    // Every statement of the run shares one registration, and the queue is empty.
    const registrations = new Set([...lrs.stored.values()].map((s) => (s as { context: { registration: string } }).context.registration));
    expect(registrations.size).toBe(1);
    expect(records.read(lrsQueueKind, '')).toMatchObject({ value: { pending: [] } });
  });

  it('keeps statements while offline and sends them, each once, when back online', async () => {
    const records = new RecordStore(memoryStorage());
    const net = network();
    // Two people on one device: three choices, then the end.
    const run = reportedRun(records, net, 'both');
    run.choose();
    await run.settle();
    expect(lrs.stored.size).toBe(1);

    lrs.offline = true;
    while (run.session.snapshot.status !== 'done') run.move();
    await run.settle();
    expect(lrs.stored.size).toBe(1);
    expect(run.reporter.client.status).toMatchObject({ state: 'waiting', pending: 3 });
    expect(run.reporter.client.status.problem).toMatch(/cannot be reached/);
    expect(net.timers.length).toBeGreaterThan(0);

    lrs.offline = false;
    net.backOnline();
    await run.reporter.client.flush();
    expect(lrs.refused).toEqual([]);
    expect(byVerb('responded')).toHaveLength(3);
    expect(byVerb('completed')).toHaveLength(1);
    // Sent in the order they were made.
    expect([...lrs.stored.values()].map((s) => (s as { timestamp: string }).timestamp)).toEqual(
      [...lrs.stored.values()].map((s) => (s as { timestamp: string }).timestamp).sort(),
    );
    expect(run.reporter.client.status).toMatchObject({ state: 'idle', pending: 0 });
  });

  it('sends a statement again with the same id when its answer was lost, and the store keeps it once', async () => {
    const records = new RecordStore(memoryStorage());
    const net = network();
    const run = reportedRun(records, net);
    lrs.loseNextAnswer = true;
    run.choose();
    await run.settle();
    expect(lrs.stored.size).toBe(1);
    expect(run.reporter.client.status.pending).toBe(1);

    // A retry from a timer, then a new page (a new client over the same storage) finding nothing left.
    net.timers.shift()!();
    await run.reporter.client.flush();
    expect(lrs.requests).toBe(2);
    expect(lrs.stored.size).toBe(1);
    const again = new LrsClient({ records, settings: settings(), uuid: () => 'unused' });
    expect(again.status.pending).toBe(0);
  });

  it('waits for new settings when the store refuses the key and secret, keeping the statements', async () => {
    const records = new RecordStore(memoryStorage());
    const net = network();
    const run = reportedRun(records, net);
    lrs.offline = true;
    run.choose();
    await run.settle();
    lrs.offline = false;
    const wrong = new LrsClient({ records, settings: { ...settings(), secret: 'wrong' }, uuid: () => 'unused', ...net });
    const timers = net.timers.length;
    await wrong.flush();
    expect(wrong.status).toMatchObject({ state: 'waiting', pending: 1 });
    expect(wrong.status.problem).toMatch(/refused the key and secret \(401\)/);
    expect(net.timers).toHaveLength(timers);
    expect(lrs.stored.size).toBe(0);
  });
});
