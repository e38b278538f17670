import { describe, expect, it } from 'vitest';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { OUTCOMES } from '../../src/lib/engine/ledger.ts';
import type { PlaySeat } from '../../src/lib/engine/machine.ts';
import { playChoices } from '../../src/lib/engine/playthrough.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { decodeShare, encodeShare, shareUrl } from '../../src/lib/share/link.ts';
import { replayShared, sharePicks } from '../../src/lib/share/replay.ts';
import { fakeScenario } from '../support/fakes.ts';

function valid(input: unknown): Scenario {
  const v = validateScenario(input);
  if (!v.ok) throw new Error(v.problems.map((p) => p.message).join('; '));
  return v.scenario;
}
const scenario = valid(fakeScenario());
const DAMAGED =
  'This link is incomplete or damaged: it may have been cut short when it was copied. Ask for the link again, or choose a scenario from the library.';

describe('share links', () => {
  it('encodes a run compactly and decodes it back', () => {
    const code = encodeShare({ scenarioId: 'phone-screen', seat: 'candidate', picks: [0, 2, 1, 3], outcome: 'mutualFit' });
    expect(code).toBe('1.phone-screen.c.0213.m');
    expect(decodeShare(code)).toEqual({ ok: true, run: { scenarioId: 'phone-screen', seat: 'candidate', picks: [0, 2, 1, 3], outcome: 'mutualFit' } });
    expect(shareUrl(code, { origin: 'https://example.org', pathname: '/desk/' })).toBe('https://example.org/desk/#/replay/1.phone-screen.c.0213.m');
  });

  it.each([
    ['an empty link', ''],
    ['a cut-short link', '1.phone-screen.c'],
    ['an unknown seat', '1.phone-screen.x.01.m'],
    ['an unknown outcome', '1.phone-screen.e.01.z'],
    ['a bad scenario id', '1.phone screen!.e.01.m'],
    ['a choice that is not a digit', '1.phone-screen.e.0$1.m'],
    ['broken percent-encoding', '1.phone-screen.e.%E0%A4%A.m'],
  ])('says %s is damaged', (_what, link) => {
    expect(decodeShare(link)).toEqual({ ok: false, message: DAMAGED });
  });

  it('says a link from another version of the app cannot be read', () => {
    expect(decodeShare('2.phone-screen.e.01.m')).toEqual({
      ok: false,
      message: 'This link was made by a different version of the app, and this one cannot read it.',
    });
  });

  it('refuses an option it cannot write in one character', () => {
    expect(() => encodeShare({ scenarioId: 'x', seat: 'employer', picks: [36] })).toThrow(RangeError);
  });
});

describe('replaying a shared run', () => {
  const seats: PlaySeat[] = ['employer', 'candidate'];
  for (const seat of seats) {
    it.each(OUTCOMES)(`replays a run from the ${seat}'s seat that ends in %s exactly`, (outcome) => {
      const choices = analyseScenario(scenario).seats.find((s) => s.seat === seat)!.outcomes[outcome].choices!;
      const original = playChoices(scenario, seat, choices, { seed: 12345 });
      const link = encodeShare({ scenarioId: scenario.id, seat, picks: sharePicks(scenario, original.steps), outcome, seed: 12345 });
      const decoded = decodeShare(link);
      if (!decoded.ok) throw new Error(decoded.message);
      const replayed = replayShared(scenario, decoded.run);
      expect(replayed).toEqual({ ok: true, steps: original.steps, choices, seed: 12345, outcome });
    });
  }

  it('replays a pass-and-play run, both sides choosing', () => {
    const original = playChoices(scenario, 'both', ['choice.late', 'choice.rambling', 'choice.curt']);
    const picks = sharePicks(scenario, original.actor.getSnapshot().context.steps);
    expect(picks).toEqual([1, 3, 1]);
    expect(replayShared(scenario, { scenarioId: scenario.id, seat: 'both', picks, outcome: 'noFit' })).toEqual({
      ok: true,
      steps: original.steps,
      choices: ['choice.late', 'choice.rambling', 'choice.curt'],
      seed: 1,
      outcome: 'noFit',
    });
  });

  it('keeps the run’s seed, so a replay shows the options in the order the run showed them', () => {
    const link = encodeShare({ scenarioId: scenario.id, seat: 'employer', picks: [0, 1], seed: 0xfedcba98 });
    expect(link).toBe(`1.fake-call.e.01..${(0xfedcba98).toString(36)}`);
    const decoded = decodeShare(link);
    expect(decoded.ok && decoded.run.seed).toBe(0xfedcba98);
    expect(decodeShare('1.fake-call.e.01.m')).toEqual({ ok: true, run: { scenarioId: 'fake-call', seat: 'employer', picks: [0, 1], outcome: 'mutualFit' } });
  });

  it('says when a choice of the link is no longer offered', () => {
    const result = replayShared(scenario, { scenarioId: scenario.id, seat: 'employer', picks: [0, 3] });
    expect(result).toEqual({
      ok: false,
      message:
        'This link no longer fits “A short call”: the scenario has changed since the link was made (choice 2 was option 4, which is not offered there now). You can still play it from the library.',
    });
  });

  it('says when the link has more or fewer choices than the run now takes', () => {
    const more = replayShared(scenario, { scenarioId: scenario.id, seat: 'employer', picks: [0, 0, 0] });
    expect(more.ok === false && more.message).toContain('(the run now ends after 2 of its 3 choices)');
    const fewer = replayShared(scenario, { scenarioId: scenario.id, seat: 'employer', picks: [0] });
    expect(fewer.ok === false && fewer.message).toContain('(it stops after 1 choice, before the interview ends)');
  });

  it('replays a run that now ends differently, and says so', () => {
    const result = replayShared(scenario, { scenarioId: scenario.id, seat: 'employer', picks: [0, 0], outcome: 'noFit' });
    expect(result.ok && result.note).toBe(
      'The scenario has changed since this link was made: the run ended “Neither side likes the other” then, and ends “Both sides like each other” now.',
    );
  });

  it('says when the link asks for a seat the scenario does not offer', () => {
    const employerOnly = valid(fakeScenario({ seats: ['employer'] }));
    const result = replayShared(employerOnly, { scenarioId: 'fake-call', seat: 'candidate', picks: [0] });
    expect(result).toEqual({ ok: false, message: 'This link plays “A short call” from a seat it no longer offers (candidate).' });
  });
});
