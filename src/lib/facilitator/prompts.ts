/**
 * What the facilitator is shown beside each scene: discussion prompts drawn from the scene itself, and
 * what the live region announces. Pure functions of the scenario and the session.
 */
import { DIMENSION_LABELS, OUTCOME_INFO, otherSide, SIDE_LABELS, type Side } from '../engine/ledger.ts';
import type { Scenario } from '../engine/schema.ts';
import { choiceLabel, speakerName, type Position } from './position.ts';
import { observedMove, sentence } from '../ui/words.ts';
import { deciderName, type Phase, type SessionContext } from './session-machine.ts';
import { totalVotes } from './votes.ts';

const nameOf = (scenario: Scenario, side: Side) => scenario.cast[side]?.name ?? SIDE_LABELS[side];

/** Prompts for the room at this scene and phase, in plain words: the author's own first, if any. */
export function scenePrompts(scenario: Scenario, context: SessionContext, position: Position, phase: Phase): string[] {
  return [...(position.scene.meta.prompts ?? []), ...generalPrompts(scenario, context, position, phase)];
}

function generalPrompts(scenario: Scenario, context: SessionContext, position: Position, phase: Phase): string[] {
  const { turn } = position;
  if (turn.kind === 'player') {
    const other = nameOf(scenario, otherSide(turn.side));
    const team = deciderName(context, turn.side);
    const prompts = [
      `Ask ${team.toLowerCase() === 'the room' ? 'the room' : `the ${team}`}: which option would you choose, and what would it tell ${other} about you?`,
      `Which option is strongest on ${DIMENSION_LABELS.courtesy.toLowerCase()}, which on ${DIMENSION_LABELS.communication.toLowerCase()}, which on ${DIMENSION_LABELS.commonSense.toLowerCase()}?`,
      'Ask someone to argue for the option they like least.',
    ];
    if (phase === 'revealed' || phase === 'decided') prompts.push(`How do you think ${other} took that? Compare with what they thought (below).`);
    return prompts;
  }
  if (turn.kind === 'simulated') {
    return [
      `Why might ${nameOf(scenario, turn.side)} have answered this way? Did anything the room did earlier make it likelier?`,
      'What would you have wanted to hear instead?',
    ];
  }
  if (turn.kind === 'ended') return ['Before the debrief: which side do you think liked the other, and why?'];
  return ['What has changed for each side since the last decision?'];
}

/** One sentence for the live region: what just changed that a listener needs to know. */
export function announcement(scenario: Scenario, context: SessionContext | null, position: Position | null, phase: Phase | null, timeUp: boolean): string {
  if (!context || !position || !phase) return 'Waiting for the session.';
  const scene = position.scene;
  const said = `${speakerName(scenario, scene)}: ${scene.meta.text.join(' ')}`;
  const ballot = context.ballot;
  const label = (event: string | null) => (ballot && event ? choiceLabel(scenario, ballot.scene, event) : '');
  switch (phase) {
    case 'briefing':
      return `${scenario.title}. The session has not started yet.`;
    case 'scene':
      return position.turn.kind === 'simulated' ? `${sentence(said)} ${observedMove(scenario.cast, position.turn.side, position.turn.choice)}` : said;
    case 'ready':
      return `${sentence(said)} ${ballot ? deciderName(context, ballot.side) : 'The room'} decides: ${ballot?.options.length ?? 0} options.`;
    case 'voting':
      return timeUp ? 'Time is up.' : `The vote is open.`;
    case 'tie':
      return `Tie between ${ballot?.leaders.map(label).join(' and ')}. The facilitator decides.`;
    case 'decided':
      if (!ballot) return '';
      if (ballot.how === 'override') return `The facilitator chose: ${sentence(label(ballot.chosen))}`;
      return `Chosen: ${label(ballot.chosen)}, with ${ballot.votes[ballot.chosen ?? ''] ?? 0} of ${totalVotes(ballot.votes)} votes.`;
    case 'revealed':
      return `Revealed: what ${label(ballot?.chosen ?? null)} did.`;
    case 'closing':
      return `${sentence(said)} The interview is over.`;
    case 'debrief':
      return position.turn.kind === 'ended' ? `Debrief: ${OUTCOME_INFO[position.turn.verdict.outcome].title}.` : 'Debrief.';
    case 'stuck':
      return 'This scene has no way on. The scenario file needs fixing.';
  }
}
