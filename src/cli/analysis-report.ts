/**
 * Plain-text report of an analysis, for the `npm run scenarios` command.
 */
import type { ScenarioAnalysis } from '../lib/engine/analyse.ts';
import { strategyWins } from '../lib/engine/content.ts';
import { CONTENT_RULES } from '../lib/engine/content-rules.ts';
import { OPENING_DEVICE_LABELS, openingDevice, type FeedbackFormula, type SecondEditionSummary } from '../lib/engine/content-second-edition.ts';
import type { Scenario } from '../lib/engine/schema.ts';
import { JUDGED_STRATEGIES, LABEL_STRATEGIES, partialSearchWords, STRATEGY_LABELS, type GameabilityReport } from '../lib/engine/gameability.ts';
import { OUTCOMES, OUTCOME_INFO } from '../lib/engine/ledger.ts';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The widest half-width of a 95% interval for a share estimated from `n` plays (at a share of 50%). */
const margin = (n: number) => (n > 0 ? 1.96 * Math.sqrt(0.25 / n) : 1);

/**
 * A file's analysis: per seat, the states explored, the endings, and each outcome's share with its
 * shortest path. Each share says whether it is exact (counted over every complete path) or estimated
 * from random plays, with a bound that holds for every share at 95% and the 95% interval; the seat line
 * says how many paths or plays, and why an estimate. A seat whose exploration stopped at a limit is
 * marked partial. The findings (dead ends, traps, outcomes out of reach…) are printed by the caller, in
 * the checker's words.
 */
export function formatAnalysis(file: string, analysis: ScenarioAnalysis): string {
  const lines = [`${file}: "${analysis.title}" (${analysis.millis.toFixed(0)} ms)`];
  for (const seat of analysis.seats) {
    const shares = seat.shares;
    const why =
      shares.why === 'state limit'
        ? 'exploration stopped at the state limit'
        : shares.why === 'large'
          ? 'every state was found, too many to count paths one by one'
          : 'loops make the paths endless';
    const shareNote =
      shares.method === 'exact'
        ? `${shares.paths} complete paths, shares exact`
        : `shares ESTIMATED from ${shares.paths} random plays, each offered option equally likely (${why}${shares.finished !== undefined && shares.finished < Number(shares.paths) ? `; ${shares.finished} finished` : ''}), ± the 95% bound, 95% interval`;
    lines.push(
      `  ${seat.seat}'s seat: ${seat.states} states${seat.complete ? '' : ' (limit reached: partial, reachability is a lower bound)'}, ${seat.endings} distinct endings, ${shareNote}`,
    );
    for (const outcome of OUTCOMES) {
      const reach = seat.outcomes[outcome];
      const interval = shares.interval?.[outcome];
      const bound = shares.margin ?? margin(Number(shares.paths));
      const share =
        shares.method === 'exact'
          ? `${percent(shares.byOutcome[outcome])} exact`
          : `${percent(shares.byOutcome[outcome])} estimated ± ${percent(bound)}${interval ? ` (${percent(interval[0])}–${percent(interval[1])})` : ''}`;
      const how = reach.reachable ? `shortest: ${reach.choices!.join(' → ') || '(no choices)'}` : 'UNREACHABLE';
      lines.push(`    ${outcome.padEnd(18)} ${share.padStart(shares.method === 'exact' ? 12 : 37)}  ${how}`);
    }
  }
  return lines.join('\n');
}

export function outcomeLegend(): string {
  return OUTCOMES.map((o) => `${o}: ${OUTCOME_INFO[o].description}`).join('\n');
}

/**
 * The gameability section of a file's report: per seat, where each label-only strategy ends, the
 * random-play outcome shares, where the best option sits and how often the longest label is best; then
 * every label with judgement words. Indented to sit under `formatAnalysis`. A seat whose search stopped
 * short says so on its seat line (`partialSearchWords`), and its decision counts read "at most".
 */
export function formatGameability(report: GameabilityReport): string {
  const lines = ['  gameability (can it be won without reading?):'];
  for (const seat of report.seats) {
    const r = seat.random;
    const how =
      r.method === 'exact'
        ? 'exact'
        : `ESTIMATED from ${r.samples} random plays, about ±${percent(margin(r.samples ?? 0))} per share at 95%${r.why === 'loops' ? '' : ', sampled because the search was partial'}`;
    const partial = partialSearchWords(seat);
    lines.push(`    ${seat.seat}'s seat:${partial ? ` ${partial}` : ''}`);
    for (const s of LABEL_STRATEGIES) {
      const run = seat.strategies[s];
      lines.push(`      ${STRATEGY_LABELS[s].padEnd(48)} → ${run.outcome ?? 'stuck or looping'}`);
    }
    const shares = OUTCOMES.map((o) => `${o} ${percent(r.byOutcome[o])}`).join(', ');
    lines.push(`      random play (${how}): ${shares}${r.unfinished ? `, unfinished ${percent(r.unfinished)}` : ''}`);
    const b = seat.bestPosition;
    const positions = b.counts.map((n, i) => `#${i + 1}: ${n}`).join(', ') || 'none';
    const over = partial ? `at most ${b.decisions} decisions (scenes linked from the start)` : `${b.decisions} decisions`;
    lines.push(`      best option by position over ${over} (ties count for each): ${positions}`);
    lines.push(`      longest label is best in ${b.longestIsBest} of ${over} (${percent(b.longestIsBestShare)})`);
  }
  const overall = report.decisions ? report.longestIsBest / report.decisions : 0;
  const partialSeats = report.seats.filter((s) => !s.explored).length;
  const upTo = partialSeats
    ? `at most ${report.decisions} decisions (partial search from ${partialSeats} of ${report.seats.length} seats)`
    : `${report.decisions} decisions`;
  lines.push(`    all seats: longest label is best in ${report.longestIsBest} of ${upTo} (${percent(overall)})`);
  if (!report.judgedLabels.length) lines.push('    judgement words in labels: none');
  for (const j of report.judgedLabels) lines.push(`    judgement words in ${j.scene} → ${j.event}: ${j.words.join(', ')}  ("${j.label}")`);
  return lines.join('\n');
}

/** The library-level line: how many of all the seats each judged label-only strategy wins from. */
export function formatLibraryGameability(reports: readonly GameabilityReport[]): string {
  const { seats, wins } = strategyWins(reports);
  const parts = JUDGED_STRATEGIES.map((s) => `${s} ${wins[s]}/${seats}`).join(', ');
  return `library: label-only strategies reaching mutualFit, by seat: ${parts}`;
}

/**
 * The second-edition line of a file's report: format, branching share (1 − the share of decisions whose
 * options all lead to the same next scene), final scenes, reading grade, opening device and feedback
 * formulas. Indented to sit under `formatAnalysis`.
 */
export function formatSecondEdition(s: SecondEditionSummary): string {
  const { since } = CONTENT_RULES.secondEdition;
  const r = s.railroads;
  const formulas = (Object.entries(s.formulas.counts) as [FeedbackFormula, number][])
    .map(([name, n]) => `${name} ${s.formulas.total ? percent(n / s.formulas.total) : '0%'}`)
    .join(', ');
  return [
    `  second edition (format ${s.format}${s.format >= since ? '' : `: rules are advice until format ${since}`}):`,
    `    branching ${percent(1 - r.share)} of ${r.decisions} decisions (${r.scenes.length} send every option to the same scene), ${s.finals.length} final scenes`,
    `    reading grade ${s.reading.combined.grade.toFixed(1)} (scene text ${s.reading.text.grade.toFixed(1)}, feedback ${s.reading.feedback.grade.toFixed(1)}), opens with ${OPENING_DEVICE_LABELS[s.opening]}`,
    `    feedback formulas: ${formulas}`,
  ].join('\n');
}

/** The library's second-edition line: how many scenarios open with each device, and whether the library rules are strict yet. */
export function formatLibrarySecondEdition(scenarios: readonly Scenario[], strict: boolean): string {
  const counts = new Map<string, number>();
  for (const s of scenarios) counts.set(openingDevice(s), (counts.get(openingDevice(s)) ?? 0) + 1);
  const openings = [...counts].map(([device, n]) => `${device} ${n}`).join(', ');
  const older = scenarios.filter((s) => s.format < CONTENT_RULES.secondEdition.since).length;
  const mode = strict ? 'rules enforced' : `advice while ${older} of ${scenarios.length} files are below format ${CONTENT_RULES.secondEdition.since}`;
  return `library: second edition (${mode}): openings by device: ${openings}`;
}
