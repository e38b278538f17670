/**
 * What the live region says after each change in a run: the new scene, the other side's move, a
 * hand-over, or the outcome. Never anything private to a side that is not looking.
 */
import { OUTCOME_INFO } from '../lib/engine/ledger.ts';
import type { RunSession } from '../lib/state/run.svelte.ts';
import { coachNoteWords, observedMove, sentence, speakerLine, theSide } from '../lib/ui/words.ts';

export function announce(session: RunSession): string {
  const { scenario } = session;
  const cast = scenario.cast;
  const turn = session.turn;
  if (turn.kind === 'ended') {
    const info = OUTCOME_INFO[turn.verdict.outcome];
    return `The interview is over. ${info.title}. ${info.description}`;
  }
  const to = session.handoverTo;
  if (to) return `Pass the device to ${cast[to].name}, ${theSide(to)}.`;
  const parts: string[] = [];
  for (const note of session.coaching) {
    const words = coachNoteWords(cast, note);
    parts.push(`Coach: ${sentence(words.what)} ${sentence(words.why)}`);
  }
  if (session.reviewing) {
    parts.push(`When you have read this, pass the device on.`);
    return parts.join(' ');
  }
  parts.push(`${speakerLine(cast, session.scene.meta.speaker)}: ${sentence(session.scene.meta.text.join(' '))}`);
  if (session.aside) parts.push(`Only you can see this: ${sentence(session.aside)}`);
  if (turn.kind === 'simulated') parts.push(`${sentence(observedMove(cast, turn.side, turn.choice))} Press Continue.`);
  else if (turn.kind === 'player') parts.push(`${turn.choices.length} choices: press 1 to ${turn.choices.length}.`);
  else if (turn.kind === 'continue') parts.push('Press Continue.');
  return parts.join(' ');
}
