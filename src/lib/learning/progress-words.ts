/**
 * "My progress" in words: the sentences the screen shows (and screen readers read for the pictures), and
 * the whole summary as a Markdown file. Pure: no DOM.
 */
import { DIMENSION_LABELS, OUTCOME_INFO, OUTCOMES, type Dimension } from '../engine/ledger.ts';
import { seatWords } from '../ui/words.ts';
import type { DimensionLoss, Moment, Progress, SeatOutcomes } from './progress.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "courtesy −2, common sense −1" */
export function lostWords(lost: Moment['lost']): string {
  return (Object.entries(lost) as [Dimension, number][]).map(([d, n]) => `${DIMENSION_LABELS[d].toLowerCase()} ${n}`).join(', ');
}

/** "Both sides like each other; The candidate walks away (2 of 4 outcomes, 3 runs)" */
export function seatOutcomeWords(row: SeatOutcomes): string {
  const names = row.found.map((o) => OUTCOME_INFO[o].title).join('; ');
  return `${names} (${row.found.length} of ${OUTCOMES.length} outcomes, ${plural(row.runs, 'run')})`;
}

/** One bar of the dimension chart, in words. */
export function lossWords(loss: DimensionLoss): string {
  return `${DIMENSION_LABELS[loss.dimension]}: lowered by ${plural(loss.times, 'choice')}, ${plural(loss.points, 'point')} in all`;
}

/** Where a moment happened and what it cost, in one sentence. */
export function momentWords(m: Moment): string {
  const cost = [lostWords(m.lost), m.dealBreaker ? `deal-breaker: ${m.dealBreaker}` : ''].filter(Boolean).join('; ');
  return `In “${m.scenarioTitle}”, at ${m.sceneTitle}, you chose “${m.label}” (${plural(m.times, 'time')}): ${cost}.`;
}

/** The summary's headline: what the learner loses most often. */
export function headline(progress: Progress): string {
  if (!progress.replayed) return 'No saved runs to look at yet. Play a scenario, and your progress appears here.';
  if (!progress.mostLost) return `In ${plural(progress.replayed, 'saved run')}, none of your choices lowered the other side’s view. Well done.`;
  const top = progress.dimensions[0]!;
  return `In ${plural(progress.replayed, 'saved run')}, the other side’s view of you went down most often on ${DIMENSION_LABELS[top.dimension].toLowerCase()} (${plural(top.times, 'choice')}).`;
}

/** Text safe in a Markdown line or table cell. */
function md(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`[\]<>#])/g, '\\$1')
    .replace(/\s*\n\s*/g, ' ');
}

/** The whole summary as Markdown, dated. */
export function progressMarkdown(progress: Progress, date: string): string {
  const lines = ['# My progress', '', `Other Side of the Desk, ${date}.`, '', md(headline(progress)), ''];
  lines.push('## Outcomes found', '');
  if (!progress.outcomes.length) lines.push('No finished runs yet.');
  else {
    lines.push('| Scenario | Seat | Outcomes found | Runs |', '| --- | --- | --- | --- |');
    for (const row of progress.outcomes) {
      lines.push(`| ${md(row.scenarioTitle)} | ${md(seatWords(row.seat))} | ${md(row.found.map((o) => OUTCOME_INFO[o].title).join('; '))} | ${row.runs} |`);
    }
  }
  lines.push('', '## What you lose most often', '');
  for (const loss of progress.dimensions) lines.push(`- ${md(lossWords(loss))}`);
  lines.push('', '## The moments', '');
  if (!progress.moments.length) lines.push('None of your choices lowered the other side’s view.');
  for (const m of progress.moments) lines.push(`- ${md(momentWords(m))}`);
  lines.push('', '## Deal-breakers', '');
  if (!progress.dealBreakers.length) lines.push('None of your choices was a deal-breaker.');
  for (const m of progress.dealBreakers) lines.push(`- ${md(m.scenarioTitle)}: “${md(m.label)}”: ${md(m.dealBreaker ?? '')}`);
  lines.push('', '## Take-aways', '');
  if (!progress.takeaways.length) lines.push('Nothing to take away yet.');
  progress.takeaways.forEach((m, i) => lines.push(`${i + 1}. ${md(m.feedback)} (${md(m.scenarioTitle)}, “${md(m.label)}”)`));
  if (progress.skipped) lines.push('', `${plural(progress.skipped, 'saved run')} could not be read again (the scenario is missing or has changed).`);
  lines.push('');
  return lines.join('\n');
}
