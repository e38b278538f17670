/**
 * What the phones see of a facilitator session: the scene and, at a decision, the options in the session's
 * display order (the ballot's order), open while the vote is. Pure: the control publishes this after every change.
 */
import type { Scenario } from '../engine/schema.ts';
import { choiceLabel, speakerName, type Position } from '../facilitator/position.ts';
import type { Phase, SessionContext } from '../facilitator/session-machine.ts';
import type { RoundView } from './protocol.ts';

/** The round for the session's current state, or null before it starts. */
export function roundViewOf(scenario: Scenario, context: SessionContext, position: Position | null, phase: Phase | null): RoundView | null {
  if (!position || !phase || phase === 'briefing') return null;
  const ended = phase === 'closing' || phase === 'debrief';
  const ballot = context.ballot;
  const teams = context.mode === 'teams' ? { ...context.teams } : null;
  return {
    // One round per decision: a vote opened again after a tie keeps its votes.
    key: `${context.id}:${context.steps.length}`,
    title: scenario.title.slice(0, 200),
    speaker: ended ? '' : speakerName(scenario, position.scene).slice(0, 200),
    text: ended ? ['The interview is over. Thank you for voting.'] : position.scene.meta.text.slice(0, 20).map((line) => line.slice(0, 4_000)),
    options: ended || !ballot ? [] : ballot.options.map((id) => ({ id, label: choiceLabel(scenario, ballot.scene, id).slice(0, 600) })),
    open: phase === 'voting',
    team: teams && ballot ? ballot.side : null,
    teams,
    chosen: phase === 'revealed' ? (ballot?.chosen ?? null) : null,
  };
}
