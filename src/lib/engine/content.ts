/**
 * The library's content rules: the measurable parts of what makes a scenario worth playing. Tests run
 * them over every file in scenarios/; `npm run scenarios` prints what breaks them.
 */
import type { ScenarioAnalysis } from './analyse.ts';
import { gameability, JUDGED_STRATEGIES, STRATEGY_LABELS, type GameabilityReport } from './gameability.ts';
import { DIMENSION_LABELS, OUTCOMES, type Dimension } from './ledger.ts';
import type { Scenario } from './schema.ts';
import { CONTENT_RULES } from './content-rules.ts';
import { isSecondEdition, secondEditionFindings } from './content-second-edition.ts';
import { sceneChoices } from './choices.ts';

export { CONTENT_RULES };

/** Words in feedback that name each dimension. */
const DIMENSION_WORDS: Record<Dimension, RegExp> = {
  courtesy: /courte|respect|polite|manners|rude/i,
  communication: /communicat/i,
  commonSense: /common[ -]sense/i,
};

/**
 * Everything in `scenario` that breaks a content rule, in words. Empty means it passes. Pass the
 * scenario's gameability report when you have it; otherwise it is worked out here. The second-edition
 * rules (`content-second-edition.ts`) count from format `CONTENT_RULES.secondEdition.since`; for older
 * files they are advice (`secondEditionAdvice`).
 */
export function checkContent(scenario: Scenario, analysis: ScenarioAnalysis, report: GameabilityReport = gameability(scenario)): string[] {
  const rules = CONTENT_RULES;
  const problems: string[] = [...checkGameability(report)];
  if (isSecondEdition(scenario)) problems.push(...secondEditionFindings(scenario, analysis));
  const { min: lo, max: hi } = rules.outcomeShare;
  for (const seat of analysis.seats) {
    const scenes = seat.reachableScenes.length;
    if (scenes < rules.scenesPerSeat.min || scenes > rules.scenesPerSeat.max) {
      problems.push(`the ${seat.seat}'s seat reaches ${scenes} scenes; it should reach ${rules.scenesPerSeat.min}–${rules.scenesPerSeat.max}`);
    }
    for (const outcome of OUTCOMES) {
      const share = seat.shares.byOutcome[outcome];
      if (share < lo || share > hi) {
        problems.push(`from the ${seat.seat}'s seat, ${outcome} ends ${(share * 100).toFixed(1)}% of paths; keep it within ${lo * 100}–${hi * 100}%`);
      }
    }
  }
  if (scenario.facilitator.questions.length < rules.discussionQuestions) {
    problems.push(`give at least ${rules.discussionQuestions} discussion questions`);
  }
  if (!scenario.facilitator.minutes) problems.push('give the facilitator a suggested time (facilitator.minutes)');
  for (const [sceneId, scene] of Object.entries(scenario.machine.states)) {
    for (const line of scene.meta.text) {
      if (line.length > rules.lineLength.max) problems.push(`scene "${sceneId}" has a line over ${rules.lineLength.max} characters`);
    }
    const choices = sceneChoices(scene);
    if (scene.meta.decides && (choices.length < rules.optionsPerDecision.min || choices.length > rules.optionsPerDecision.max)) {
      problems.push(
        `scene "${sceneId}" offers ${choices.length} options; a decision should offer ${rules.optionsPerDecision.min}–${rules.optionsPerDecision.max}`,
      );
    }
    for (const { event, choice: value } of choices) {
      const at = `scene "${sceneId}" → choice "${event}"`;
      const { label, feedback, thoughts } = value.meta;
      const within = (text: string, what: string, range: { min: number; max: number }) => {
        if (text.length < range.min || text.length > range.max)
          problems.push(`${at}: the ${what} should be ${range.min}–${range.max} characters (it is ${text.length})`);
      };
      within(label, 'label', rules.labelLength);
      within(feedback, 'feedback', rules.feedbackLength);
      within(thoughts, 'thoughts', rules.thoughtsLength);
      const touched = new Set(value.actions.flatMap((a) => (a.type === 'impress' ? [a.params.dimension] : [])));
      if (touched.size && ![...touched].some((d) => DIMENSION_WORDS[d].test(feedback))) {
        const names = [...touched].map((d) => DIMENSION_LABELS[d].toLowerCase()).join(' or ');
        problems.push(`${at}: the feedback should name the dimension it touched (${names})`);
      }
    }
  }
  return problems;
}

/**
 * The second-edition rules a file in an older format breaks, in words: advice, not problems (the same
 * findings are problems from format `CONTENT_RULES.secondEdition.since`). Empty for newer files.
 */
export function secondEditionAdvice(scenario: Scenario, analysis: ScenarioAnalysis): string[] {
  return isSecondEdition(scenario) ? [] : secondEditionFindings(scenario, analysis);
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The per-scenario gameability rules, in words: the longest label is the best option in more than
 * `CONTENT_RULES.longestIsBest.maxShare` of the scenario's decisions, and every label that carries
 * judgement words outside quotation marks (scene, choice and word).
 */
export function checkGameability(report: GameabilityReport): string[] {
  const problems: string[] = [];
  const { maxShare } = CONTENT_RULES.longestIsBest;
  if (report.decisions && report.longestIsBest / report.decisions > maxShare) {
    problems.push(
      `the longest label is the best option in ${report.longestIsBest} of ${report.decisions} decisions (${percent(report.longestIsBest / report.decisions)}); keep it to ${percent(maxShare)} or fewer`,
    );
  }
  for (const j of report.judgedLabels) {
    const words = j.words.map((w) => `"${w}"`).join(', ');
    problems.push(`scene "${j.scene}" → choice "${j.event}": the label judges instead of saying what is said or done (${words})`);
  }
  return problems;
}

/** How many of the library's seats each judged label-only strategy wins (reaches mutualFit) from. */
export function strategyWins(reports: readonly GameabilityReport[]): { seats: number; wins: Record<(typeof JUDGED_STRATEGIES)[number], number> } {
  const seats = reports.flatMap((r) => r.seats);
  const wins = Object.fromEntries(JUDGED_STRATEGIES.map((s) => [s, seats.filter((seat) => seat.strategies[s].outcome === 'mutualFit').length])) as Record<
    (typeof JUDGED_STRATEGIES)[number],
    number
  >;
  return { seats: seats.length, wins };
}

/**
 * The library-level rule, in words: a label-only strategy (longest, shortest, most courtesy words)
 * reaches mutualFit on more than `CONTENT_RULES.strategyMutualFit.maxShare` of the library's seats
 * (every seat of every scenario). Empty means the library passes.
 */
export function checkLibraryGameability(reports: readonly GameabilityReport[]): string[] {
  const { seats, wins } = strategyWins(reports);
  const { maxShare } = CONTENT_RULES.strategyMutualFit;
  return JUDGED_STRATEGIES.flatMap((s) =>
    seats && wins[s] / seats > maxShare
      ? [`${STRATEGY_LABELS[s]} reaches mutualFit on ${wins[s]} of ${seats} seats (${percent(wins[s] / seats)}); keep it to ${percent(maxShare)} or fewer`]
      : [],
  );
}

/**
 * Advice for one file on its own: each seat from which a judged label-only strategy reaches mutualFit,
 * in words. Not a rule (the rule is library-wide, `checkLibraryGameability`); shown where a single file
 * is checked, such as the import screen.
 */
export function strategyAdvice(report: GameabilityReport): string[] {
  return report.seats.flatMap((seat) =>
    JUDGED_STRATEGIES.filter((s) => seat.strategies[s].outcome === 'mutualFit').map(
      (s) => `from the ${seat.seat}'s seat, ${STRATEGY_LABELS[s]} reaches mutualFit: a player can win without reading`,
    ),
  );
}
