/**
 * The share link of a finished run, for its debrief. Kept out of the run screen's own code, so the link's
 * encoding loads with the debrief, not before the first choice.
 */
import { encodeShare, shareUrl } from '../lib/share/link.ts';
import { sharePicks } from '../lib/share/replay.ts';
import type { RunSession } from '../lib/state/run.svelte.ts';

export function runShareUrl(session: RunSession): string {
  const verdict = session.snapshot.output!;
  const picks = sharePicks(session.scenario, session.steps);
  return shareUrl(encodeShare({ scenarioId: session.scenario.id, seat: session.seat, picks, outcome: verdict.outcome, seed: session.record.seed }));
}
