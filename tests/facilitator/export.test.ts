// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { OUTCOME_INFO } from '../../src/lib/engine/ledger.ts';
import { exportReport, toCsv, toJson, toMarkdown, REPORT_FORMAT } from '../../src/lib/facilitator/export.ts';
import { buildSessionReport } from '../../src/lib/facilitator/report.ts';
import { decide, startSession } from './support.ts';

/**
 * A played session: the room (employer) calls late after a 3–3 tie broken by the facilitator, the
 * simulated candidate answers vaguely, and the facilitator overrides a warm close with an abrupt one.
 */
function playedReport() {
  const { session, clock } = startSession({ id: '20250314-0930-abcd' });
  session.send({ type: 'session.start' });
  clock.advance(60_000);
  decide(session, { 'choice.onTime': 3, 'choice.late': 3, 'choice.rude': 1 }, 'choice.late');
  clock.advance(30_000);
  session.send({ type: 'scene.advance' });
  session.send({ type: 'vote.open' });
  // The second vote is taken on phones: 10 of 12 participants vote.
  session.send({ type: 'vote.phones', votes: { 'choice.warm': 8, 'choice.curt': 2 }, joined: 12, voted: 10 });
  clock.advance(45_000);
  session.send({ type: 'vote.close' });
  session.send({ type: 'vote.override', option: 'choice.curt', reason: 'to show "abrupt" endings, too' });
  session.send({ type: 'decision.reveal' });
  session.send({ type: 'scene.advance' });
  return buildSessionReport(session.scenario, session.snapshot!.context);
}

describe('session report exports', () => {
  const report = playedReport();

  it('reports the played path, the votes, the override and the outcome', () => {
    expect(report.path.map((s) => s.label)).toEqual(['Call ten minutes late', 'Answer in generalities', 'End the call abruptly']);
    expect(report.path.map((s) => s.by)).toEqual(['room', 'scenario', 'room']);
    expect(report.decisions.map((d) => d.how)).toEqual(['tie', 'override']);
    expect(report.overrides).toHaveLength(1);
    expect(report.outcome?.id).toBe('noFit');
    expect(report.totalMs).toBe(135_000);
  });

  it('says what the most popular other option would have led to', () => {
    const [first, second] = report.decisions;
    // The other tied option, calling on time: +2 courtesy for the candidate, then the room's later choices.
    expect(first!.whatIf).toMatchObject({ option: 'choice.onTime', votes: 3, totalDelta: { candidate: 2, employer: 0 }, nextScene: 'answer' });
    expect(first!.whatIf!.verdict.outcome).toBe('candidateDeclines');
    expect(first!.whatIf).toMatchObject({ kept: 1, changed: 0 });
    // The vote's own favourite, which the override set aside.
    expect(second!.whatIf).toMatchObject({ option: 'choice.warm', votes: 8, kept: 0 });
    expect(second!.whatIf!.verdict.outcome).toBe('noFit');
  });

  it('Markdown holds the path, the votes per decision, the override and the outcome', () => {
    const text = toMarkdown(report);
    expect(text).toContain('# A short call: session report');
    expect(text).toContain(`**${OUTCOME_INFO.noFit.title}.**`);
    expect(text).toMatch(/\| 1 \| The call is due at ten\. \| The room \| Call ten minutes late \| the facilitator, breaking a tie \| 1 minute \|/);
    expect(text).toMatch(/\| 2 \| Tell me about an alert you handled\. \| Candidate \(the scenario\) \| Answer in generalities \|/);
    expect(text).toContain('| Call on time | 3 | tied |');
    expect(text).toContain(
      '"Call on time" (3 votes), would have moved the candidate\'s view of the employer by +2, and led to this ending: the candidate walks away.',
    );
    expect(text).toContain('| Call ten minutes late | 3 | chosen, tied |');
    expect(text).toContain('| Explain the next steps warmly | 8 |  |');
    expect(text).toContain('| End the call abruptly | 2 | chosen |');
    expect(text).toContain(
      '- Decision 2: the vote favoured "Explain the next steps warmly"; the facilitator chose "End the call abruptly": to show "abrupt" endings, too.',
    );
  });

  it('CSV holds one row per step, per option voted on, and the outcome', () => {
    const rows = parseCsv(toCsv(report));
    const header = rows[0]!;
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    const kinds = rows.slice(1).map((r) => r[0]);
    expect(kinds).toEqual(['step', 'step', 'step', 'vote', 'vote', 'vote', 'vote', 'vote', 'vote', 'outcome']);
    expect(rows.filter((r) => r[0] === 'step').map((r) => col(r, 'label'))).toEqual([
      'Call ten minutes late',
      'Answer in generalities',
      'End the call abruptly',
    ]);
    const votes = rows.filter((r) => r[0] === 'vote').map((r) => [col(r, 'label'), col(r, 'votes'), col(r, 'chosen')]);
    expect(votes).toContainEqual(['Call ten minutes late', '3', 'yes']);
    expect(votes).toContainEqual(['Explain the next steps warmly', '8', 'no']);
    expect(votes).toContainEqual(['End the call abruptly', '2', 'yes']);
    const overrideRow = rows.find((r) => r[0] === 'step' && col(r, 'how') === 'override')!;
    expect(col(overrideRow, 'reason')).toBe('to show "abrupt" endings, too');
    const outcome = rows.at(-1)!;
    expect([col(outcome, 'event'), col(outcome, 'label')]).toEqual(['noFit', OUTCOME_INFO.noFit.title]);
    // Phones: counted for the vote taken on them, empty for the show of hands.
    const phones = (kind: string, step: string) =>
      rows.filter((r) => r[0] === kind && col(r, 'step') === step).map((r) => [col(r, 'phones_joined'), col(r, 'phones_voted')]);
    expect(phones('step', '3')).toEqual([['12', '10']]);
    expect(new Set(phones('vote', '3').map(String))).toEqual(new Set(['12,10']));
    expect(phones('step', '1')).toEqual([['', '']]);
  });

  it('CSV defuses text a spreadsheet would run as a formula', () => {
    const tricky = { ...report, path: report.path.map((s, i) => (i === 0 ? { ...s, label: '=HYPERLINK("x")' } : s)) };
    expect(toCsv(tricky)).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('JSON holds the path, the votes and the outcome', () => {
    const data = JSON.parse(toJson(report));
    expect(data.format).toBe(REPORT_FORMAT);
    expect(data.path.map((s: { event: string }) => s.event)).toEqual(['choice.late', 'choice.vague', 'choice.curt']);
    expect(data.decisions[0].options).toContainEqual({ event: 'choice.onTime', label: 'Call on time', votes: 3 });
    expect(data.decisions[1]).toMatchObject({ how: 'override', reason: 'to show "abrupt" endings, too', chosen: 'choice.curt' });
    expect(data.session.overrides).toEqual([2]);
    expect(data.outcome).toMatchObject({ id: 'noFit', totals: { employer: -2, candidate: -5 } });
  });

  it('names files by scenario, date and session', () => {
    expect(exportReport(report, 'markdown').filename).toBe('fake-call-session-2025-03-14-abcd.md');
    expect(exportReport(report, 'csv')).toMatchObject({ filename: 'fake-call-session-2025-03-14-abcd.csv', mime: 'text/csv' });
    expect(exportReport(report, 'json').mime).toBe('application/json');
  });

  it('reports an unfinished session without an outcome', () => {
    const { session } = startSession();
    session.send({ type: 'session.start' });
    const early = buildSessionReport(session.scenario, session.snapshot!.context);
    expect(early.outcome).toBeNull();
    expect(toMarkdown(early)).toContain('The session has not reached an ending yet.');
    expect(parseCsv(toCsv(early)).slice(1)).toEqual([]);
  });
});

/** A small RFC 4180 reader, enough to check the export. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r') continue;
    else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

describe('excerpt', () => {
  it('keeps the first sentence, shortened at a word', async () => {
    const { excerpt } = await import('../../src/lib/facilitator/report.ts');
    expect(excerpt('Tuesday, 1:52 pm. Farid runs the SOC.')).toBe('Tuesday, 1:52 pm.');
    expect(excerpt('"So," Farid says, "tell me where you are now, and why tier 2."')).toBe('"So," Farid says, "tell me where you are now, and why tier 2."');
    expect(excerpt('word '.repeat(40), 30)).toBe('word word word word word…');
  });
});

describe('session report exports: the outcome as the picture draws it', () => {
  /** A snide opening (a deal-breaker for the candidate), a real example, a warm close: the candidate walks away at +1. */
  function dealBreakerReport() {
    const { session } = startSession({ id: '20250314-1000-dbrk' });
    session.send({ type: 'session.start' });
    decide(session, { 'choice.rude': 3 });
    session.send({ type: 'scene.advance' });
    decide(session, { 'choice.warm': 3 });
    session.send({ type: 'scene.advance' });
    return buildSessionReport(session.scenario, session.snapshot!.context);
  }

  it('Markdown names the quadrant and the side a deal-breaker decided, whatever its total', () => {
    const report = dealBreakerReport();
    expect(report.outcome?.id).toBe('candidateDeclines');
    const text = toMarkdown(report);
    expect(text).toContain(
      `- On the picture: the bottom right quadrant (${OUTCOME_INFO.candidateDeclines.title}). A deal-breaker decided the candidate’s side: The interviewer mocked them. It outweighs the candidate’s positive total of +1.`,
    );
  });

  it('JSON names the quadrant and the sides a deal-breaker decided', () => {
    const data = JSON.parse(toJson(dealBreakerReport()));
    expect(data.outcome).toMatchObject({ id: 'candidateDeclines', quadrant: 'bottom right', decidedByDealBreaker: ['candidate'] });
    expect(JSON.parse(toJson(playedReport())).outcome).toMatchObject({ quadrant: 'bottom left', decidedByDealBreaker: [] });
  });
});

describe('session report: a choice made without a vote', () => {
  /** The facilitator picks the opening without a vote, then the room votes the close (8 to 2). */
  function noVoteReport() {
    const { session } = startSession({ id: '20250314-0930-nvot' });
    session.send({ type: 'session.start' });
    session.send({ type: 'vote.override', option: 'choice.late' });
    session.send({ type: 'decision.reveal' });
    session.send({ type: 'scene.advance' });
    session.send({ type: 'scene.advance' });
    decide(session, { 'choice.warm': 8, 'choice.curt': 2 });
    session.send({ type: 'scene.advance' });
    return buildSessionReport(session.scenario, session.snapshot!.context);
  }

  it('is not counted as an override anywhere', () => {
    const report = noVoteReport();
    expect(report.decisions.map((d) => d.how)).toEqual(['no-vote', 'vote']);
    expect(report.overrides).toEqual([]);
    const text = toMarkdown(report, { timeZone: 'UTC' });
    expect(text).toContain('- Decisions: 2; overrides: 0');
    expect(text).toContain('None: every decision followed the vote or the tie rule.');
    expect(text).toContain('Decided by the facilitator, without a vote.');
    const rows = parseCsv(toCsv(report, { timeZone: 'UTC' }));
    const how = rows[0]!.indexOf('how');
    expect(rows.filter((r) => r[0] === 'step').map((r) => r[how])).toEqual(['no-vote', 'scenario', 'vote']);
    expect(rows.some((r) => r[how] === 'override')).toBe(false);
    const data = JSON.parse(toJson(report, { timeZone: 'UTC' }));
    expect(data.session.overrides).toEqual([]);
    expect(data.decisions[0]).toMatchObject({ how: 'no-vote', voteHeld: false });
  });

  it('speaks of no "most popular other option" when no vote was held', () => {
    const report = noVoteReport();
    expect(report.decisions[0]!.whatIf).toBeNull();
    expect(report.decisions[1]!.whatIf).toMatchObject({ option: 'choice.curt', votes: 2 });
    const decision1 = toMarkdown(report).split('### Decision 1')[1]!.split('### Decision 2')[0]!;
    expect(decision1).not.toContain('most popular other option');
    expect(decision1).not.toContain('(0 votes)');
  });
});

describe('session report: times and scene names', () => {
  const report = playedReport();

  it('tells times in local time with the zone named, not as UTC ISO strings', () => {
    // The fake clock starts at 09:30 UTC on 14 March 2025: 05:30 in New York (GMT-4), 10:30 in Berlin (CET).
    const ny = toMarkdown(report, { timeZone: 'America/New_York' });
    expect(ny).toContain('- Started: 14 Mar 2025, 05:30 GMT-4 (America/New_York); ended: 14 Mar 2025, 05:32 GMT-4 (America/New_York)');
    expect(ny).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
    const berlin = parseCsv(toCsv(report, { timeZone: 'Europe/Berlin' }));
    expect(berlin[1]![berlin[0]!.indexOf('at')]).toMatch(/^2025-03-14T10:3\d:\d\d\+01:00$/);
    const data = JSON.parse(toJson(report, { timeZone: 'Europe/Berlin' }));
    expect(data.session).toMatchObject({ timeZone: 'Europe/Berlin', startedLocal: '2025-03-14T10:30:00+01:00' });
    // Late in the evening in New York is the next day in Tokyo: the file is named by the local date.
    const late = { ...report, startedAt: Date.UTC(2025, 2, 14, 23, 30) };
    expect(exportReport(late, 'csv', { timeZone: 'Asia/Tokyo' }).filename).toBe('fake-call-session-2025-03-15-abcd.csv');
  });

  it('names a scene by its first line of speech, else its first sentence of some length', async () => {
    const { sceneTitle } = await import('../../src/lib/facilitator/report.ts');
    expect(sceneTitle(['Wednesday, 3 pm. Owen calls Kwame: "The team loved you. We\'d like to offer you the role."'])).toBe('“The team loved you.”');
    expect(sceneTitle(['Wednesday.', 'Kwame is sitting in a hotel room between two days of testing.'])).toBe(
      'Kwame is sitting in a hotel room between two days of testing.',
    );
    expect(sceneTitle(['Tuesday. A phishing page called "shift swap" is live.'])).toBe('A phishing page called "shift swap" is live.');
    expect(sceneTitle(['word '.repeat(40)], 30)).toBe('word word word word word…');
    expect(report.path[0]!.title).toBe('The call is due at ten.');
  });
});
