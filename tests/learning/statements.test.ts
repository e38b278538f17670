// @vitest-environment node
/**
 * Statement building against the xAPI 1.0.3 rules (`xapi-validator.ts`): a learner's choice and finished
 * run, a facilitator session as a group activity, and the checker itself refusing what a record store refuses.
 */
import { describe, expect, it } from 'vitest';
import { buildDebrief } from '../../src/lib/engine/debrief.ts';
import { playChoices } from '../../src/lib/engine/playthrough.ts';
import { buildSessionReport } from '../../src/lib/facilitator/report.ts';
import { exportXapi, sessionStatements } from '../../src/lib/facilitator/xapi.ts';
import { factsSince, LRS_SETTINGS_KEY } from '../../src/lib/learning/run-facts.ts';
import { lrsSettingsKind, pageBase, settingsProblems } from '../../src/lib/learning/lrs-settings.ts';
import { statementsFor } from '../../src/lib/learning/run-reporter.ts';
import { nameUuid, randomUuid, UUID_PATTERN } from '../../src/lib/learning/uuid.ts';
import { actorOf, isoDuration, type RunStatementContext } from '../../src/lib/learning/xapi.ts';
import { decide, scenario as fakeScenario, startSession } from '../facilitator/support.ts';
import { statementProblems } from './xapi-validator.ts';

const BASE = 'https://training.example.com/desk/xapi/';

/** The statements of a candidate's run of the fake scenario: prepared answer, then the end. */
function candidateRun() {
  const scenario = fakeScenario();
  const { actor, steps } = playChoices(scenario, 'candidate', ['choice.prepared']);
  const snapshot = actor.getSnapshot();
  actor.stop();
  const view = { record: { id: 'r1', startedAt: Date.UTC(2026, 11, 2, 1, 0) }, steps, debrief: buildDebrief(scenario, steps), snapshot };
  const { facts } = factsSince(view, { steps: 0, completed: false }, Date.UTC(2026, 11, 2, 1, 4, 12));
  const context: RunStatementContext = {
    actor: actorOf({ kind: 'account', name: 'Ada', homePage: 'https://learning.example.com', account: 'ada42' }),
    base: BASE,
    registration: randomUuid(),
    scenario: { id: scenario.id, title: scenario.title, summary: scenario.summary },
    seat: 'candidate',
    mode: 'coach',
  };
  return { statements: statementsFor(scenario, context, facts), verdict: snapshot.output! };
}

describe('a learner’s statements', () => {
  const { statements, verdict } = candidateRun();

  it('follow the xAPI 1.0.3 rules', () => {
    expect(statements.map(statementProblems)).toEqual(statements.map(() => []));
  });

  it('report the choice as a response to the scene, with its change to each dimension', () => {
    const [choice] = statements;
    expect(choice).toMatchObject({
      verb: { id: 'http://adlnet.gov/expapi/verbs/responded' },
      object: { id: `${BASE}scenario/fake-call/scene/answer`, definition: { name: { 'en-GB': 'Tell me about an alert you handled.' } } },
      result: {
        response: 'Walk through a real alert',
        extensions: {
          [`${BASE}extensions/choice`]: 'choice.prepared',
          [`${BASE}extensions/employer-view-change`]: { courtesy: 0, communication: 0, commonSense: 2 },
          [`${BASE}extensions/candidate-view-change`]: { courtesy: 0, communication: 0, commonSense: 0 },
        },
      },
      context: { contextActivities: { parent: [{ id: `${BASE}scenario/fake-call` }] }, extensions: { [`${BASE}extensions/seat`]: 'candidate' } },
      actor: { account: { homePage: 'https://learning.example.com', name: 'ada42' } },
      timestamp: '2026-12-02T01:04:12.000Z',
    });
    expect(choice!.id).toMatch(UUID_PATTERN);
  });

  it('report the finished run with its outcome, both ledgers and deal-breakers; success means both sides like each other', () => {
    const done = statements.at(-1)!;
    expect(statements).toHaveLength(2);
    expect(done).toMatchObject({
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: `${BASE}scenario/fake-call`, definition: { type: 'http://adlnet.gov/expapi/activities/simulation' } },
      result: { completion: true, success: verdict.outcome === 'mutualFit', duration: 'PT4M12S' },
    });
    expect(done.result!.extensions).toEqual({
      [`${BASE}extensions/outcome`]: verdict.outcome,
      [`${BASE}extensions/ledgers`]: expect.objectContaining({ employer: expect.any(Object), candidate: expect.any(Object) }),
      [`${BASE}extensions/deal-breakers`]: { employer: null, candidate: null },
    });
    expect(new Set(statements.map((s) => s.context!.registration)).size).toBe(1);
  });

  it('name the learner by email address when asked', () => {
    expect(actorOf({ kind: 'mbox', name: ' Ada ', email: 'ada@example.com ' })).toEqual({ objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@example.com' });
    expect(isoDuration(3_725_000)).toBe('PT1H2M5S');
  });
});

describe('record store settings', () => {
  it('are found by the run screen under the key the settings are saved with', () => {
    expect(LRS_SETTINGS_KEY).toBe(lrsSettingsKind.prefix);
  });

  it('say what is missing, and default the activity ids to the app’s own address', () => {
    const problems = settingsProblems({
      version: 1,
      endpoint: 'lrs.example.com',
      key: '',
      secret: 's',
      learner: { kind: 'mbox', name: '', email: 'nobody' },
      activityBase: 'https://x.example/',
    });
    expect(Object.keys(problems)).toEqual(['endpoint', 'key', 'learner']);
    expect(pageBase({ protocol: 'https:', origin: 'https://desk.example', pathname: '/app/index.html' })).toBe('https://desk.example/app/xapi/');
    expect(pageBase({ protocol: 'file:', origin: 'null', pathname: '/x/index.html' })).toMatch(/\.invalid\/xapi\/$/);
  });
});

describe('a facilitator session as xAPI', () => {
  function report() {
    const { session, clock } = startSession({ id: '20250314-0930-abcd' });
    session.send({ type: 'session.start' });
    clock.advance(60_000);
    decide(session, { 'choice.onTime': 3, 'choice.late': 3, 'choice.rude': 1 }, 'choice.late');
    session.send({ type: 'scene.advance' });
    decide(session, { 'choice.warm': 8, 'choice.curt': 2 });
    session.send({ type: 'scene.advance' });
    return buildSessionReport(session.scenario, session.snapshot!.context);
  }

  const played = report();

  it('reports each room decision and the ending for the room as a group, grouped by the session', () => {
    const statements = sessionStatements(played, BASE);
    expect(statements.map(statementProblems)).toEqual(statements.map(() => []));
    expect(statements.map((s) => s.verb.display['en-GB'])).toEqual(['responded', 'responded', 'completed']);
    expect(statements[0]).toMatchObject({
      actor: { objectType: 'Group', name: 'The room', account: { homePage: BASE, name: 'session-20250314-0930-abcd' } },
      result: { response: 'Call ten minutes late', extensions: { [`${BASE}extensions/votes`]: { 'choice.onTime': 3, 'choice.late': 3, 'choice.rude': 1 } } },
      context: {
        contextActivities: { grouping: [{ id: `${BASE}session/20250314-0930-abcd`, definition: { type: 'http://adlnet.gov/expapi/activities/meeting' } }] },
      },
    });
  });

  it('gives the same ids when the same session is exported again', () => {
    expect(exportXapi(played, BASE).text).toBe(exportXapi(structuredClone(played), BASE).text);
    expect(nameUuid('http://www.example.com/')).toBe('fcde3c85-2270-590f-9e7c-ee003d65e0e2');
  });
});

describe('the statement checker', () => {
  const good = candidateRun().statements[0]!;
  const broken = (change: (s: Record<string, unknown>) => void) => {
    const copy = structuredClone(good) as unknown as Record<string, unknown>;
    change(copy);
    return statementProblems(copy);
  };

  it('refuses what a record store refuses', () => {
    expect(broken((s) => delete s.actor)).toEqual(['statement.actor: is required']);
    expect(broken((s) => (s.verb = { id: 'responded' }))[0]).toMatch(/verb.id: must be an IRI/);
    expect(broken((s) => (s.actor = { mbox: 'mailto:a@b.c', account: { homePage: 'https://x.y', name: 'a' } }))[0]).toMatch(/exactly one identifier/);
    expect(broken((s) => (s.id = 'not-a-uuid'))[0]).toMatch(/statement.id: must be a UUID/);
    expect(broken((s) => (s.timestamp = '2026-12-02 01:04'))[0]).toMatch(/ISO 8601/);
    expect(broken((s) => ((s.result as Record<string, unknown>).extensions = { seat: 1 }))[0]).toMatch(/extensions key: must be an IRI/);
    expect(broken((s) => ((s.context as Record<string, unknown>).registration = 'r1'))[0]).toMatch(/registration: must be a UUID/);
    expect(broken((s) => ((s.result as Record<string, unknown>).score = { scaled: 2 }))[0]).toMatch(/scaled/);
    expect(broken((s) => (s.colour = 'blue'))[0]).toMatch(/not a property/);
  });
});
