/**
 * A room's state and its rules, as pure functions: who joined, the round the phones see, and one vote per
 * participant per round, taken only while the round is open. The in-memory store applies these directly;
 * the Redis store reads the same state, asks {@link voteProblem} and writes only if nothing changed meanwhile.
 */
import type { Refusal, RoundView, Tally, TeamSide } from './protocol.ts';

/** Someone who joined the room from a phone. Names stay on the server: reports only count. */
export interface Participant {
  name: string;
  /** The team picked when the session plays in teams, else null. */
  team: TeamSide | null;
}

export interface RoomState {
  code: string;
  /** SHA-256 of the facilitator's secret, hex. */
  secretHash: string;
  round: RoundView | null;
  participants: Record<string, Participant>;
  /** Votes in the current round: participant id → option id. */
  votes: Record<string, string>;
}

export function newRoom(code: string, secretHash: string): RoomState {
  return { code, secretHash, round: null, participants: {}, votes: {} };
}

/** Show a new round (or the same one, opened, closed or revealed). Votes are kept only within a round. */
export function publishRound(state: RoomState, round: RoundView | null): RoomState {
  const same = round !== null && state.round?.key === round.key;
  return { ...state, round, votes: same ? state.votes : {} };
}

/** Why a participant may not join now, or null. A team is needed when the session plays in teams. */
export function joinProblem(round: RoundView | null, team: TeamSide | null): Refusal | null {
  return round?.teams && !team ? 'pick-a-team' : null;
}

export function joinRoom(state: RoomState, id: string, participant: Participant): { state: RoomState; problem: Refusal | null } {
  const problem = joinProblem(state.round, participant.team);
  if (problem) return { state, problem };
  return { state: { ...state, participants: { ...state.participants, [id]: participant } }, problem: null };
}

/** The one rule of voting: why this vote does not count, or null when it does. */
export function voteProblem(round: RoundView | null, participant: Participant | undefined, roundKey: string, option: string): Refusal | null {
  if (!participant) return 'not-joined';
  if (!round) return 'no-round';
  if (round.key !== roundKey) return 'stale-round';
  if (!round.open) return 'closed';
  if (!round.options.some((o) => o.id === option)) return 'unknown-option';
  if (round.team && participant.team !== round.team) return 'other-team';
  return null;
}

/** Take (or change) a participant's vote. A vote sent again counts once. */
export function castVote(state: RoomState, id: string, roundKey: string, option: string): { state: RoomState; problem: Refusal | null } {
  const problem = voteProblem(state.round, state.participants[id], roundKey, option);
  if (problem) return { state, problem };
  if (state.votes[id] === option) return { state, problem: null };
  return { state: { ...state, votes: { ...state.votes, [id]: option } }, problem: null };
}

/** The current round's count. */
export function tallyOf(state: RoomState): Tally {
  const counts: Record<string, number> = Object.fromEntries((state.round?.options ?? []).map((o) => [o.id, 0]));
  for (const option of Object.values(state.votes)) counts[option] = (counts[option] ?? 0) + 1;
  return { round: state.round?.key ?? null, counts, voted: Object.keys(state.votes).length, joined: Object.keys(state.participants).length };
}
