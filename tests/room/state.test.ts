// @vitest-environment node
/** The room's rules, without a socket: one vote per participant per round, only while open, teams. */
import { describe, expect, it } from 'vitest';
import { castVote, joinRoom, newRoom, publishRound, tallyOf } from '../../src/lib/room/state.ts';
import { joinRequestSchema, messageSize } from '../../src/lib/room/protocol.ts';
import { round } from './helpers.ts';

const joined = (...ids: string[]) =>
  ids.reduce((state, id) => joinRoom(state, id, { name: id, team: null }).state, publishRound(newRoom('ABCD2345', 'h'), round('s:0')));

describe('room rules', () => {
  it('counts one vote per participant; changing a vote moves it', () => {
    let state = joined('ann', 'bob');
    state = castVote(state, 'ann', 's:0', 'choice.a').state;
    state = castVote(state, 'ann', 's:0', 'choice.a').state;
    state = castVote(state, 'bob', 's:0', 'choice.a').state;
    state = castVote(state, 'bob', 's:0', 'choice.b').state;
    expect(tallyOf(state)).toEqual({ round: 's:0', counts: { 'choice.a': 1, 'choice.b': 1, 'choice.c': 0 }, voted: 2, joined: 2 });
  });

  it('refuses votes from strangers, for other rounds, unknown options and closed rounds', () => {
    const state = joined('ann');
    expect(castVote(state, 'eve', 's:0', 'choice.a').problem).toBe('not-joined');
    expect(castVote(state, 'ann', 's:1', 'choice.a').problem).toBe('stale-round');
    expect(castVote(state, 'ann', 's:0', 'choice.z').problem).toBe('unknown-option');
    expect(castVote(publishRound(state, round('s:0', false)), 'ann', 's:0', 'choice.a').problem).toBe('closed');
  });

  it('keeps votes when the same round is published again, and clears them for the next one', () => {
    const voted = castVote(joined('ann'), 'ann', 's:0', 'choice.c').state;
    expect(tallyOf(publishRound(voted, round('s:0', false))).voted).toBe(1);
    expect(tallyOf(publishRound(voted, round('s:1'))).voted).toBe(0);
  });

  it('in teams, needs a team to join and lets only the deciding team vote', () => {
    const teams = { employer: 'Hiring panel', candidate: 'Applicants' };
    const state = publishRound(newRoom('ABCD2345', 'h'), round('t:0', true, { teams, team: 'candidate' }));
    expect(joinRoom(state, 'ann', { name: 'Ann', team: null }).problem).toBe('pick-a-team');
    const both = [
      ['ann', 'employer'],
      ['bob', 'candidate'],
    ].reduce((s, [id, team]) => joinRoom(s, id!, { name: id!, team: team as 'employer' | 'candidate' }).state, state);
    expect(castVote(both, 'ann', 't:0', 'choice.a').problem).toBe('other-team');
    expect(castVote(both, 'bob', 't:0', 'choice.a').problem).toBeNull();
  });

  it('checks messages: trimmed pseudonyms within 30 characters, and their size in bytes', () => {
    const join = { code: 'ABCD2345', participant: 'p'.repeat(20) };
    expect(joinRequestSchema.safeParse({ ...join, name: '  Sam ' }).data?.name).toBe('Sam');
    expect(joinRequestSchema.safeParse({ ...join, name: '   ' }).success).toBe(false);
    expect(joinRequestSchema.safeParse({ ...join, name: 'x'.repeat(31) }).success).toBe(false);
    expect(joinRequestSchema.safeParse({ ...join, code: 'abcd2345', name: 'Sam' }).success).toBe(false);
    expect(messageSize({ name: 'é' })).toBe(13);
  });
});
