/**
 * Every number of the library's content rules, in one place (re-exported by `content.ts`). Kept in its
 * own module so that the rule modules (`content.ts`, `content-second-edition.ts`) can share it without
 * importing each other.
 */
export const CONTENT_RULES = {
  scenesPerSeat: { min: 12, max: 30 },
  optionsPerDecision: { min: 3, max: 4 },
  outcomeShare: { min: 0.05, max: 0.6 },
  discussionQuestions: 3,
  feedbackLength: { min: 40, max: 600 },
  thoughtsLength: { min: 30, max: 600 },
  labelLength: { min: 3, max: 160 },
  lineLength: { max: 700 },
  /** The longest label may be the best option in at most this share of a scenario's decisions (all seats together). */
  longestIsBest: { maxShare: 0.4 },
  /** A label-only strategy (longest, shortest, most courtesy words) may reach mutualFit on at most this share of the library's seats. */
  strategyMutualFit: { maxShare: 0.25 },

  // ---- second edition (issue 13): rules for files in format `secondEdition.since` or later --------
  secondEdition: {
    /** The format version from which the second-edition rules are problems; older files get them as advice. */
    since: 3,
    /** At most this share of a scenario's decisions may send all their options to the same next scene. */
    railroad: { maxShare: 0.4 },
    /** At least this many final scenes reachable (from any seat). */
    finalScenes: { min: 4 },
    /** No feedback formula (see `FEEDBACK_FORMULAS`) in more than this share of a scenario's feedback. */
    feedbackFormula: { maxShare: 0.25 },
    /**
     * Flesch–Kincaid grade of a scenario's scene text and feedback together: written for `target`,
     * checked against `allowed` (the target with a tolerance of half a grade below and one above, as
     * the estimate moves by about that much with a few long or short sentences).
     */
    readingGrade: { target: { min: 8, max: 10 }, allowed: { min: 7.5, max: 11 } },
    /** At most this many scenarios in the library open with the same device (see `openingDevice`). */
    openingDevice: { maxScenarios: 2 },
    /**
     * Near-duplicate passages across scenarios: passages compared as sets of `shingle`-word runs; two
     * passages of different scenarios are near-duplicates when they share at least `minShared` runs
     * and those runs are at least `minContainment` of the shorter passage's runs, or when they share
     * `longRun` runs or more whatever their length (a copied stretch of ten words or so).
     */
    nearDuplicate: { shingle: 6, minShared: 3, minContainment: 0.4, longRun: 5 },
  },
} as const;
