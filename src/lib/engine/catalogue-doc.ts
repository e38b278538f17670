/**
 * docs/scenarios.md: the library at a glance, made from the scenario files and their analysis so it
 * never drifts from them (`npm run scenarios:doc`; a test checks it is current).
 */
import type { ScenarioAnalysis } from './analyse.ts';
import { OUTCOMES, OUTCOME_INFO, SIDE_LABELS } from './ledger.ts';
import type { Scenario } from './schema.ts';

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function scenarioCatalogue(entries: { scenario: Scenario; analysis: ScenarioAnalysis }[]): string {
  const lines = [
    '# The scenario library',
    '',
    'Made by `npm run scenarios:doc` from the files in `scenarios/`; do not edit by hand.',
    '',
    'Outcome shares are the share of all complete paths from that seat that end in each outcome:',
    ...OUTCOMES.map((o) => `- **${OUTCOME_INFO[o].title}** (\`${o}\`): ${OUTCOME_INFO[o].description}`),
    '',
    '| scenario | seats | minutes | scenes per seat |',
    '| --- | --- | --- | --- |',
    ...entries.map(({ scenario, analysis }) => {
      const scenes = analysis.seats.map((s) => `${SIDE_LABELS[s.seat]} ${s.reachableScenes.length}`).join(', ');
      return `| [${scenario.title}](#${scenario.id}) | ${scenario.seats.map((s) => SIDE_LABELS[s]).join(', ')} | ${scenario.minutes} | ${scenes} |`;
    }),
  ];
  for (const { scenario, analysis } of entries) {
    lines.push('', `## ${scenario.title}`, '', `<a id="${scenario.id}"></a>\`scenarios/${scenario.id}.json\` · ${scenario.minutes} minutes to play · suggested session ${scenario.facilitator.minutes ?? '—'} minutes · tags: ${scenario.tags.join(', ')}`, '', scenario.summary, '');
    lines.push('**Learning objectives**', '', ...scenario.objectives.map((o) => `- ${o}`), '');
    lines.push(`| seat | scenes | ${OUTCOMES.map((o) => OUTCOME_INFO[o].title).join(' | ')} |`, `| --- | --- | ${OUTCOMES.map(() => '---').join(' | ')} |`);
    for (const seat of analysis.seats) {
      const estimate = seat.shares.method === 'estimate' ? ' (estimate)' : '';
      lines.push(`| ${SIDE_LABELS[seat.seat]}${estimate} | ${seat.reachableScenes.length} | ${OUTCOMES.map((o) => percent(seat.shares.byOutcome[o])).join(' | ')} |`);
    }
  }
  return lines.join('\n') + '\n';
}
