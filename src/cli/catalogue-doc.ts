/**
 * docs/scenarios.md: the library at a glance, made from the scenario files and their analysis so it
 * never drifts from them (`npm run scenarios:doc`; a test checks it is current).
 */
import type { ScenarioAnalysis } from '../lib/engine/analyse.ts';
import { OUTCOMES, OUTCOME_INFO, SIDE_LABELS } from '../lib/engine/ledger.ts';
import type { Scenario } from '../lib/engine/schema.ts';
import { CONTENT_RULES } from '../lib/engine/content-rules.ts';
import { OPENING_DEVICE_LABELS, secondEditionSummary } from '../lib/engine/content-second-edition.ts';

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The catalogue page: a table of every scenario, then a section per scenario with its objectives, second-edition figures and outcome shares per seat. */
export function scenarioCatalogue(entries: { scenario: Scenario; analysis: ScenarioAnalysis }[]): string {
  const rules = CONTENT_RULES.secondEdition;
  const since = rules.since;
  const lines = [
    '# The scenario library',
    '',
    'Made by `npm run scenarios:doc` from the files in `scenarios/`; do not edit by hand.',
    '',
    'Outcome shares are the share of all complete paths from that seat that end in each outcome:',
    ...OUTCOMES.map((o) => `- **${OUTCOME_INFO[o].title}** (\`${o}\`): ${OUTCOME_INFO[o].description}`),
    '',
    `Second edition (format ${since} and later): **branching** is the share of decisions whose options do not all lead to the same next scene (at least ${percent(1 - rules.railroad.maxShare)}); **final scenes** are those a player can reach (at least ${rules.finalScenes.min}); **reading grade** is the Flesch–Kincaid grade of the scene text and feedback together (written for ${rules.readingGrade.target.min}–${rules.readingGrade.target.max}, checked within ${rules.readingGrade.allowed.min}–${rules.readingGrade.allowed.max}). Files in an older format are still being rewritten: for them these figures are advice.`,
    '',
    '| scenario | format | seats | minutes | scenes per seat | branching | final scenes | reading grade |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...entries.map(({ scenario, analysis }) => {
      const scenes = analysis.seats.map((s) => `${SIDE_LABELS[s.seat]} ${s.reachableScenes.length}`).join(', ');
      const se = secondEditionSummary(scenario, analysis);
      const edition = scenario.format >= since ? `${scenario.format} (second edition)` : String(scenario.format);
      return `| [${scenario.title}](#${scenario.id}) | ${edition} | ${scenario.seats.map((s) => SIDE_LABELS[s]).join(', ')} | ${scenario.minutes} | ${scenes} | ${percent(1 - se.railroads.share)} | ${se.finals.length} | ${se.reading.combined.grade.toFixed(1)} |`;
    }),
  ];
  for (const { scenario, analysis } of entries) {
    lines.push(
      '',
      `## ${scenario.title}`,
      '',
      `<a id="${scenario.id}"></a>\`scenarios/${scenario.id}.json\` · ${scenario.minutes} minutes to play · suggested session ${scenario.facilitator.minutes ?? '—'} minutes · tags: ${scenario.tags.join(', ')}`,
      '',
      scenario.summary,
      '',
    );
    lines.push('**Learning objectives**', '', ...scenario.objectives.map((o) => `- ${o}`), '');
    const se = secondEditionSummary(scenario, analysis);
    const r = se.reading;
    lines.push(
      `Format ${scenario.format}${scenario.format >= since ? ' (second edition)' : ''} · branching ${percent(1 - se.railroads.share)} of ${se.railroads.decisions} decisions · ${se.finals.length} final scenes · reading grade ${r.combined.grade.toFixed(1)} (scene text ${r.text.grade.toFixed(1)}, feedback ${r.feedback.grade.toFixed(1)}) · opens with ${OPENING_DEVICE_LABELS[se.opening]}`,
      '',
    );
    lines.push(`| seat | scenes | ${OUTCOMES.map((o) => OUTCOME_INFO[o].title).join(' | ')} |`, `| --- | --- | ${OUTCOMES.map(() => '---').join(' | ')} |`);
    for (const seat of analysis.seats) {
      const estimate = seat.shares.method === 'estimate' ? ' (estimate)' : '';
      lines.push(
        `| ${SIDE_LABELS[seat.seat]}${estimate} | ${seat.reachableScenes.length} | ${OUTCOMES.map((o) => percent(seat.shares.byOutcome[o])).join(' | ')} |`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
