// @vitest-environment node
/**
 * The gameability report: what label-only strategies reach, the exact outcome shares of random play,
 * where the best option sits, the judgement words in labels, and the content rules built on them.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyseScenario, exploreStates, stateGraphs, stateKeyOf } from '../../src/lib/engine/analyse.ts';
import { checkContent, checkLibraryGameability } from '../../src/lib/engine/content.ts';
import { formatGameability } from '../../src/cli/analysis-report.ts';
import { courtesyWordCount, gameability, strategyPick } from '../../src/lib/engine/gameability.ts';
import { judgementWords } from '../../src/lib/engine/judgement-words.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { choice, fakeScenario, impress } from '../support/fakes.ts';

function valid(data: unknown): Scenario {
  const v = validateScenario(data);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario;
}

/**
 * A tiny candidate-seat scenario. The candidate opens (two options), the simulated employer replies
 * warmly if the opening was courteous and coolly otherwise, a continue passes on, and the candidate
 * answers (four options) before the end.
 *
 * Random play by hand: each opening 1/2, each answer 1/4, so each path is 1/8.
 *   hello (employer +1) → warm reply (candidate +1): nothing → candidate 0: candidateDeclines;
 *     team → candidate 2: mutualFit; pay → employer 2: mutualFit; leave → deal-breaker: employerDeclines.
 *   silence (employer −1) → cool reply (candidate −1): every answer leaves the employer ≤ 0 and the
 *     candidate ≤ 0: noFit.
 * So mutualFit 2/8, candidateDeclines 1/8, employerDeclines 1/8, noFit 4/8.
 */
function tinyScenario(labels: Partial<Record<'hello' | 'silence' | 'nothing' | 'team' | 'pay' | 'leave', string>> = {}) {
  const l = {
    hello: 'Say hello and thank them',
    silence: 'Say nothing at all for a while',
    nothing: 'Ask nothing',
    team: 'Ask about the team',
    pay: 'Ask about pay',
    leave: 'Leave',
    ...labels,
  };
  return valid(
    fakeScenario({
      // Written before observed lines were required: the gameability report reads labels only.
      format: 1,
      seats: ['candidate'],
      machine: {
        initial: 'start',
        states: {
          start: {
            meta: { speaker: 'candidate', text: ['The call opens.'], decides: 'candidate', npc: [{ choose: 'choice.hello' }] },
            on: {
              'choice.hello': choice('reply', l.hello, [impress('employer', 'courtesy', 1)]),
              'choice.silence': choice('reply', l.silence, [impress('employer', 'courtesy', -1)]),
            },
          },
          reply: {
            meta: {
              speaker: 'employer',
              text: ['The interviewer replies.'],
              decides: 'employer',
              npc: [{ guard: { type: 'ledgerAtLeast', params: { ledger: 'employer', value: 1 } }, choose: 'choice.warm' }, { choose: 'choice.cool' }],
            },
            on: {
              'choice.warm': choice('pause', 'Reply with a smile', [impress('candidate', 'courtesy', 1)]),
              'choice.cool': choice('pause', 'Reply with one word', [impress('candidate', 'courtesy', -1)]),
            },
          },
          pause: { meta: { speaker: 'narrator', text: ['A pause.'] }, on: { continue: { target: 'ask' } } },
          ask: {
            meta: { speaker: 'employer', text: ['Any questions?'], decides: 'candidate', npc: [{ choose: 'choice.team' }] },
            on: {
              'choice.nothing': choice('end', l.nothing, [impress('candidate', 'communication', -1)]),
              'choice.team': choice('end', l.team, [impress('candidate', 'communication', 1)]),
              'choice.pay': choice('end', l.pay, [impress('employer', 'commonSense', 1)]),
              'choice.leave': choice('end', l.leave, [{ type: 'dealBreaker', params: { ledger: 'employer', reason: 'They walked out.' } }]),
            },
          },
          end: { type: 'final', meta: { speaker: 'narrator', text: ['The call ends.'] } },
        },
      },
    }),
  );
}

describe('label-only strategies', () => {
  const [seat] = gameability(tinyScenario()).seats;

  it('reports where always taking the longest label ends, and the choices it made', () => {
    expect(seat!.strategies.longest).toEqual({ outcome: 'noFit', choices: ['choice.silence', 'choice.team'] });
  });

  it('reports the shortest label, the most courtesy words (ties to file order) and the first option', () => {
    expect(seat!.strategies.shortest).toEqual({ outcome: 'employerDeclines', choices: ['choice.hello', 'choice.leave'] });
    expect(seat!.strategies.courteous).toEqual({ outcome: 'candidateDeclines', choices: ['choice.hello', 'choice.nothing'] });
    expect(seat!.strategies.first).toEqual({ outcome: 'candidateDeclines', choices: ['choice.hello', 'choice.nothing'] });
  });

  it('breaks ties by file order and counts every courtesy word', () => {
    expect(strategyPick('longest', ['abc', 'xyz', 'ab'])).toBe(0);
    expect(strategyPick('shortest', ['abc', 'xy', 'zw'])).toBe(1);
    expect(courtesyWordCount('Please, thank you, and sorry: thanks!')).toBe(4);
    expect(strategyPick('courteous', ['Leave', 'Say thanks', 'Say sorry'])).toBe(1);
    expect(strategyPick('courteous', ['Leave', 'Stay'])).toBe(0);
  });
});

describe('random play', () => {
  it('is computed exactly over the state graph when it has no loop (worked by hand above)', () => {
    const { random } = gameability(tinyScenario()).seats[0]!;
    expect(random.method).toBe('exact');
    expect(random.byOutcome.mutualFit).toBeCloseTo(2 / 8, 12);
    expect(random.byOutcome.candidateDeclines).toBeCloseTo(1 / 8, 12);
    expect(random.byOutcome.employerDeclines).toBeCloseTo(1 / 8, 12);
    expect(random.byOutcome.noFit).toBeCloseTo(4 / 8, 12);
    expect(random.unfinished).toBe(0);
  });

  it('is estimated by seeded sampling when a choice can lead back to an earlier state', () => {
    const looping = fakeScenario();
    (looping.machine.states as any).answer.on['choice.again'] = choice('start', 'Ask to start over', []);
    const options = { samples: 500, maxStates: 2_000 };
    const candidateSeat = (s: Scenario) => gameability(s, options).seats.find((seat) => seat.seat === 'candidate')!;
    const first = candidateSeat(valid(looping)).random;
    expect(first.method).toBe('estimate');
    // Each time round, the ledgers move on: no state repeats, and the search stops at its limit.
    expect(first.why).toBe('state limit');
    expect(first.samples).toBe(500);
    expect(first.byOutcome.mutualFit).toBeGreaterThan(0);
    expect(candidateSeat(valid(looping)).random).toEqual(first);
  });

  it('is estimated when every state was found but a run can come back to one', () => {
    // Asking for the question again changes nothing: the run is back in the state it left.
    const again = structuredClone(tinyScenario()) as any;
    again.machine.states.ask.on['choice.repeat'] = choice('ask', 'Ask them to repeat the question', []);
    const seat = gameability(valid(again), { samples: 200 }).seats[0]!;
    expect(seat.explored).toBe(true);
    expect(seat.random).toMatchObject({ method: 'estimate', why: 'loops', samples: 200 });
  });
});

describe('the states random play is worked out over', () => {
  it("are the analyser's states: the same search, the same count", () => {
    const scenario = tinyScenario();
    const [seat] = gameability(scenario).seats;
    expect(seat!.explored).toBe(true);
    expect(seat!.random.states).toBe(analyseScenario(scenario).seats[0]!.states);
  });

  it('say partial, never exact, when the search stops one state short of them all', () => {
    const scenario = tinyScenario();
    const states = analyseScenario(scenario).seats[0]!.states;
    const whole = gameability(scenario, { maxStates: states }).seats[0]!;
    expect(whole).toMatchObject({ explored: true, random: { method: 'exact', states } });
    const part = gameability(scenario, { maxStates: states - 1, samples: 200 }).seats[0]!;
    expect(part.explored).toBe(false);
    expect(part.random).toMatchObject({ method: 'estimate', why: 'state limit', samples: 200 });
    expect(part.random.states).toBeUndefined();
    // Past the limit the decisions counted are those of every scene linked from the start: here the same two.
    expect(part.bestPosition.decisions).toBe(2);
  });

  it('are not searched at all when told not to, and the report says so', () => {
    const seat = gameability(tinyScenario(), { explore: false, samples: 200 }).seats[0]!;
    expect(seat.explored).toBe(false);
    expect(seat.random).toMatchObject({ method: 'estimate', why: 'not explored' });
  });
});

describe("the analyser's finished searches, reused", () => {
  const scenario = tinyScenario();

  it('give the same report as a search of its own, and are not searched again', () => {
    const graphs = stateGraphs(scenario);
    analyseScenario(scenario, { graphs });
    const kept = graphs.bySeat.get('candidate')!;
    expect(kept.complete).toBe(true);
    expect(exploreStates(scenario, 'candidate', kept.nodes.length, stateKeyOf(scenario), graphs)).toBe(kept);
    expect(gameability(scenario, { graphs })).toEqual(gameability(scenario));
  });

  it('are not used under a limit they do not fit, nor for another scenario', () => {
    const graphs = stateGraphs(scenario);
    analyseScenario(scenario, { graphs });
    const states = graphs.bySeat.get('candidate')!.nodes.length;
    const part = gameability(scenario, { maxStates: states - 1, samples: 200, graphs });
    expect(part).toEqual(gameability(scenario, { maxStates: states - 1, samples: 200 }));
    expect(part.seats[0]!.explored).toBe(false);
    const other = tinyScenario({ leave: 'Stand up and leave' });
    expect(exploreStates(other, 'candidate', 1_000, stateKeyOf(other), graphs)).not.toBe(graphs.bySeat.get('candidate'));
  });

  it("leave a library file's figures as they were", () => {
    const v = validateScenario(JSON.parse(readFileSync('scenarios/internal-candidate.json', 'utf8')));
    if (!v.ok) throw new Error('internal-candidate does not validate');
    const graphs = stateGraphs(v.scenario);
    analyseScenario(v.scenario, { graphs });
    expect(graphs.bySeat.size).toBe(v.scenario.seats.length);
    expect(gameability(v.scenario, { graphs, samples: 500 })).toEqual(gameability(v.scenario, { samples: 500 }));
  });
});

describe('a partial search, in the report', () => {
  const scenario = tinyScenario();
  const states = analyseScenario(scenario).seats[0]!.states;

  it('says it was cut short: counts an upper bound over scenes linked from the start, random play sampled', () => {
    const text = formatGameability(gameability(scenario, { maxStates: states - 1, samples: 200 }));
    expect(text).toContain("candidate's seat: partial search (the search stopped at the state limit");
    expect(text).toContain('the best-option counts are an upper bound, over every scene linked from the start');
    expect(text).toContain('random play is sampled, not exact');
    expect(text).toContain('ESTIMATED from 200 random plays');
    expect(text).toContain('best option by position over at most 2 decisions (scenes linked from the start)');
    expect(text).toContain('all seats: longest label is best in 1 of at most 2 decisions (partial search from 1 of 1 seats)');
  });

  it('says why when the search was skipped', () => {
    const text = formatGameability(gameability(scenario, { explore: false, samples: 200 }));
    expect(text).toContain('partial search (its states were not searched');
  });

  it('says nothing of the kind when the search finished', () => {
    const text = formatGameability(gameability(scenario, { maxStates: states }));
    expect(text).not.toMatch(/partial|at most|upper bound|ESTIMATED/i);
    expect(text).toContain('best option by position over 2 decisions');
  });
});

describe('where the best option sits', () => {
  it('counts each decision at the position of its best option, and every tied position', () => {
    // start: hello (+1) beats silence (−1): position 1. ask: team and pay tie at +1: positions 2 and 3.
    // The employer's reply is the simulated side's, not the candidate's decision.
    const { bestPosition } = gameability(tinyScenario()).seats[0]!;
    expect(bestPosition.decisions).toBe(2);
    expect(bestPosition.counts).toEqual([1, 1, 1]);
  });

  it('gives the share of decisions in which the longest label is (one of) the best, a deal-breaker counting −100', () => {
    const report = gameability(tinyScenario());
    expect(report.seats[0]!.bestPosition).toMatchObject({ longestIsBest: 1, longestIsBestShare: 0.5 });
    const leaveLong = gameability(tinyScenario({ leave: 'Stand up, pick up your bag and leave the room' }));
    expect(leaveLong.seats[0]!.bestPosition.longestIsBest).toBe(0);
    expect(leaveLong).toMatchObject({ decisions: 2, longestIsBest: 0 });
  });
});

describe('judgement words', () => {
  it('finds words that judge outside quotation marks, whole words, any case', () => {
    expect(judgementWords('Snap back: "Would you like to answer it yourself, then?"')).toEqual(['snap']);
    expect(judgementWords('Answer BLUNTLY, and a little sharply')).toEqual(['bluntly', 'sharply']);
    expect(judgementWords('Reply passive-aggressively')).toEqual(['passive-aggressively']);
  });

  it('ignores speech inside straight or curly quotation marks, and parts of longer words', () => {
    expect(judgementWords('Say: "Honestly, I would rather not rant about it."')).toEqual([]);
    expect(judgementWords('Say: “Politely put, no.”')).toEqual([]);
    expect(judgementWords('Share a snapshot of the lecturer’s slides')).toEqual([]);
    expect(judgementWords('Say: "Calmly now" and then calmly leave')).toEqual(['calmly']);
  });

  it('lists every judged label of a scenario with its scene and choice', () => {
    expect(gameability(valid(fakeScenario())).judgedLabels).toEqual([
      { scene: 'start', event: 'choice.rude', label: 'Open with a snide remark', words: ['snide'] },
      { scene: 'answer', event: 'choice.rambling', label: 'Ramble for five minutes', words: ['ramble'] },
      { scene: 'wrap', event: 'choice.warm', label: 'Explain the next steps warmly', words: ['warmly'] },
      { scene: 'wrap', event: 'choice.curt', label: 'End the call abruptly', words: ['abruptly'] },
    ]);
  });
});

describe('the gameability content rules', () => {
  const contentOf = (s: Scenario) => checkContent(s, analyseScenario(s));

  it('fails a scenario whose label carries a judgement word, naming scene, choice and word (fixture: fakeScenario)', () => {
    expect(contentOf(valid(fakeScenario()))).toContain(
      'scene "wrap" → choice "choice.warm": the label judges instead of saying what is said or done ("warmly")',
    );
  });

  it('fails a scenario in which the longest label is the best option in more than 40% of decisions', () => {
    const longBest = tinyScenario({ hello: 'Say hello to everyone on the call and thank them', team: 'Ask what the team is working on this quarter' });
    expect(contentOf(longBest)).toContain('the longest label is the best option in 2 of 2 decisions (100%); keep it to 40% or fewer');
    expect(contentOf(tinyScenario({ leave: 'Stand up, pick up your bag and leave the room' })).some((p) => p.startsWith('the longest label'))).toBe(false);
  });

  it('fails a library in which always taking the longest label wins on more than a quarter of the seats', () => {
    const longWins = gameability(
      tinyScenario({ hello: 'Say hello to everyone on the call and thank them', team: 'Ask what the team is working on this quarter' }),
    );
    expect(longWins.seats[0]!.strategies.longest.outcome).toBe('mutualFit');
    const longLoses = gameability(tinyScenario());
    expect(checkLibraryGameability([longWins, longWins, longWins, longWins])).toContain(
      'always the longest label reaches mutualFit on 4 of 4 seats (100%); keep it to 25% or fewer',
    );
    expect(checkLibraryGameability([longWins, longLoses, longLoses, longLoses])).toEqual([]);
    expect(checkLibraryGameability([longWins, longWins, longLoses, longLoses])).toContain(
      'always the longest label reaches mutualFit on 2 of 4 seats (50%); keep it to 25% or fewer',
    );
  });
});
