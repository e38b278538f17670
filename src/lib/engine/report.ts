/**
 * Plain-text report of an analysis, for the `npm run scenarios` command.
 */
import type { ScenarioAnalysis } from './analyse.ts';
import { OUTCOMES, OUTCOME_INFO } from './ledger.ts';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export function formatAnalysis(file: string, analysis: ScenarioAnalysis): string {
  const lines = [`${file}: "${analysis.title}" (${analysis.millis.toFixed(0)} ms)`];
  for (const seat of analysis.seats) {
    const shareNote = seat.shares.method === 'exact' ? `${seat.shares.paths} complete paths` : `estimate from ${seat.shares.paths} random plays`;
    lines.push(`  ${seat.seat}'s seat: ${seat.states} states${seat.complete ? '' : ' (state limit reached: partial)'}, ${seat.endings} distinct endings, ${shareNote}`);
    for (const outcome of OUTCOMES) {
      const reach = seat.outcomes[outcome];
      const share = percent(seat.shares.byOutcome[outcome]);
      const how = reach.reachable ? `shortest: ${reach.choices!.join(' → ') || '(no choices)'}` : 'UNREACHABLE';
      lines.push(`    ${outcome.padEnd(18)} ${share.padStart(6)}  ${how}`);
    }
  }
  if (analysis.unreachableScenes.length) lines.push(`  unreachable scenes: ${analysis.unreachableScenes.join(', ')}`);
  for (const d of analysis.deadEnds) lines.push(`  dead end in "${d.scene}": ${d.reason}`);
  if (analysis.choicesWithoutEffect.length) {
    lines.push(`  choices with no effect: ${analysis.choicesWithoutEffect.map((c) => `${c.scene} → ${c.event}`).join(', ')}`);
  }
  for (const missing of analysis.missingOutcomes) lines.push(`  INCOMPLETE: ${missing}`);
  return lines.join('\n');
}

export function outcomeLegend(): string {
  return OUTCOMES.map((o) => `${o}: ${OUTCOME_INFO[o].description}`).join('\n');
}
