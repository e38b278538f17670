/**
 * The measurable rules of the second edition of the library (issue 13): branching that matters, enough
 * endings, reasons on continue branches that move a ledger, varied openings and feedback, no passage
 * copied across scenarios, and a reading level of about grade 8–10. Pure functions; the numbers live in
 * `CONTENT_RULES.secondEdition`.
 *
 * Per-scenario rules are problems for files in format `CONTENT_RULES.secondEdition.since` or later and
 * advice for older files. The library-wide rules (openings, near-duplicates) are problems once every file
 * of the library is in that format, and advice while any is older (`libraryIsStrict`).
 */
import type { ScenarioAnalysis } from './analyse.ts';
import { CONTENT_RULES } from './content-rules.ts';
import type { Scenario } from './schema.ts';
import { sceneChoices } from './choices.ts';

const RULES = () => CONTENT_RULES.secondEdition;
const percent = (share: number) => `${Math.round(share * 100)}%`;

// ---- branching -------------------------------------------------------------------------------

/** How a scenario's decisions branch. */
export interface Railroads {
  /** Scenes where someone decides. */
  decisions: number;
  /** The decision scenes whose options all lead to the same next scene. */
  scenes: string[];
  /** `scenes.length / decisions` (0 when there are no decisions). */
  share: number;
}

/** The decisions whose options all lead to the same next scene (their `target`), whatever their effects. */
export function railroads(scenario: Scenario): Railroads {
  let decisions = 0;
  const scenes: string[] = [];
  for (const [id, scene] of Object.entries(scenario.machine.states)) {
    if (!scene.meta.decides) continue;
    decisions++;
    const targets = new Set(sceneChoices(scene).map((c) => c.choice.target));
    if (targets.size <= 1) scenes.push(id);
  }
  return { decisions, scenes, share: decisions ? scenes.length / decisions : 0 };
}

/** The final scenes a player can reach from any seat the scenario claims. */
export function reachableFinals(scenario: Scenario, analysis: ScenarioAnalysis): string[] {
  const reached = new Set(analysis.seats.flatMap((s) => s.reachableScenes));
  return Object.entries(scenario.machine.states)
    .filter(([id, scene]) => scene.type === 'final' && reached.has(id))
    .map(([id]) => id);
}

/**
 * Stock phrases of endings written for any scenario (issue 13 found them in two or three scenarios
 * each): an ending should say what happened in this one.
 */
export const STOCK_ENDINGS: readonly RegExp[] = [
  /\bleft (?:the [\w-]+(?: [\w-]+)? )?with the same impression\b/i,
  /\bnot surprised,? and not sorry\b/i,
  /\bbaffled\b[^.!?]*[.;,:]?[^.!?]*\bthought (?:it|the [\w-]+) went well\b/i,
  /\bneither side got what it came for\b/i,
];

/** Lines of final scenes that use a stock ending phrase, in words (`scene "endNoFit" → line 2`). */
export function stockEndings(scenario: Scenario): string[] {
  return Object.entries(scenario.machine.states).flatMap(([id, scene]) =>
    scene.type === 'final' ? scene.meta.text.flatMap((line, i) => (STOCK_ENDINGS.some((p) => p.test(line)) ? [`scene "${id}" → line ${i + 1}`] : [])) : [],
  );
}

/** Continue branches that move a ledger (`impress` or `dealBreaker`) but give no `reason`, in words (`scene "x" → continue → branch 2`). */
export function continuesWithoutReason(scenario: Scenario): string[] {
  const missing: string[] = [];
  for (const [id, scene] of Object.entries(scenario.machine.states)) {
    const value = scene.on?.continue;
    if (!value) continue;
    const branches = Array.isArray(value) ? value : [value];
    branches.forEach((branch, i) => {
      const moves = branch.actions.some((a) => a.type === 'impress' || a.type === 'dealBreaker');
      if (moves && !branch.reason) missing.push(`scene "${id}" → continue${Array.isArray(value) ? ` → branch ${i + 1}` : ''}`);
    });
  }
  return missing;
}

// ---- openings ----------------------------------------------------------------------------------

/** The ways a scenario can open (its first scene's first line). */
export const OPENING_DEVICES = ['dayAndTime', 'speech', 'message', 'document', 'sound', 'narration'] as const;
export type OpeningDevice = (typeof OPENING_DEVICES)[number];
/** Each opening device in words. */
export const OPENING_DEVICE_LABELS: Record<OpeningDevice, string> = {
  dayAndTime: 'a narrated day and time ("Tuesday, 1:52 pm.")',
  speech: 'speech, in the middle of a conversation',
  message: 'a message (email, text, chat, voicemail)',
  document: 'a document (advert, notes, calendar, form)',
  sound: 'a sound (a phone, a knock, a ping)',
  narration: 'scene-setting narration',
};

const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const CLOCK = String.raw`\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}`;
/** Patterns tried on the start of the line (day and time, speech) or on its first dozen words (the rest), in this order. */
const OPENINGS: [OpeningDevice, 'start' | 'words', RegExp][] = [
  [
    'dayAndTime',
    'start',
    new RegExp(
      String.raw`^(?:on\s+|it\s+is\s+|it's\s+|at\s+)?(?:(?:${DAYS})\b|(?:${MONTHS})\s+\d|\d{1,2}(?:st|nd|rd|th)?\s+(?:${MONTHS})\b|(?:${CLOCK})(?=[\s,.]|$)|(?:early|late|mid)?\s*(?:morning|afternoon|evening|lunchtime|midnight|noon)[,.])`,
      'i',
    ),
  ],
  ['speech', 'start', /^(?:["“‘']|[\p{Lu}][\p{L}.' -]{0,40}:\s*["“‘])/u],
  ['sound', 'words', /^(?:ping|buzz|bzz|ring|knock|click|beep|ding)\b|\b(?:rings|ringing|buzzes|buzzing|pings|chimes|knocks|beeps|doorbell|ringtone)\b/i],
  [
    'message',
    'words',
    /^(?:from|to|subject|re|sent):|\b(?:e-?mails?|messages?|texts|texted|text message|whatsapp|voicemail|chat|slack|teams message|linkedin|inmail|inbox|dm)\b/i,
  ],
  [
    'document',
    'words',
    /\b(?:job advert|advert|jobs? page|job description|role profile|agenda|calendar|invite|notes|scorecard|form|offer letter|contract|cv|report|spreadsheet|ticket|brief|document|memo)\b/i,
  ],
];

/** How a line opens a scenario: the first device whose pattern matches; speech when a cast member (not the narrator) speaks it. */
export function classifyOpening(line: string, speaker = 'narrator'): OpeningDevice {
  const text = line.trim();
  const words = text.split(/\s+/).slice(0, 12).join(' ');
  const found = OPENINGS.find(([, on, pattern]) => pattern.test(on === 'start' ? text : words))?.[0];
  if (speaker !== 'narrator' && found !== 'dayAndTime') return 'speech';
  return found ?? 'narration';
}

/** How the scenario opens: its first scene's first line, classified. */
export function openingDevice(scenario: Scenario): OpeningDevice {
  const first = scenario.machine.states[scenario.machine.initial];
  return first ? classifyOpening(first.meta.text[0] ?? '', first.meta.speaker) : 'narration';
}

// ---- feedback formulas -------------------------------------------------------------------------

/** Feedback formulas: ways of writing feedback that, repeated, make every piece read the same. */
export const FEEDBACK_FORMULAS = {
  /** "X. But Y.": a sentence that starts with "But". */
  butTurn: { label: 'a sentence starting "But" ("X. But Y.")', pattern: /(?:^|[.!?:;]["”’)]?\s+)But\b/ },
  /** "Good courtesy…", "Clear communication…", "Common sense, …": the dimension named in the first two words. */
  dimensionFirst: {
    label: 'opening by naming the dimension ("Good courtesy.", "Clear communication, …")',
    pattern: /^(?:\S+\s+)?(?:courte\w*|communicat\w*|common[ -]sense|respect\w*|polite\w*)\b/i,
  },
  /** "Strong …", "Poor …", "Good …": a one-word verdict first. */
  verdictFirst: {
    label: 'opening with a verdict ("Good …", "Strong …", "Poor …")',
    pattern: /^(?:good|strong|poor|weak|great|excellent|bad|solid|fine|nice|well done)\b/i,
  },
} as const;
export type FeedbackFormula = keyof typeof FEEDBACK_FORMULAS;

/** How many pieces of a scenario's feedback use each formula, out of `total`. */
export function feedbackFormulas(scenario: Scenario): { total: number; counts: Record<FeedbackFormula, number> } {
  const feedback = choiceFeedback(scenario);
  const counts = Object.fromEntries(
    Object.entries(FEEDBACK_FORMULAS).map(([name, f]) => [name, feedback.filter((text) => f.pattern.test(text)).length]),
  ) as Record<FeedbackFormula, number>;
  return { total: feedback.length, counts };
}

/** The feedback of every choice in the file, scene by scene in file order. */
function choiceFeedback(scenario: Scenario): string[] {
  return Object.values(scenario.machine.states).flatMap((scene) => sceneChoices(scene).map((c) => c.choice.meta.feedback));
}

// ---- reading level -----------------------------------------------------------------------------

/**
 * Syllables in one English word, by the usual rule of thumb: groups of vowels (y counts as one), less a
 * silent final "e" (not "-le"), "-es" or "-ed" (not after t or d); at least one. A number counts one
 * syllable per digit, at most four.
 */
export function syllables(word: string): number {
  const letters = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!letters) {
    const digits = word.replace(/\D/g, '').length;
    return Math.min(Math.max(digits, 1), 4);
  }
  if (letters.length <= 3) return 1;
  const trimmed = letters.replace(/(?:[^laeiouy]es|[^laeiouytd]ed|[^laeiouy]e)$/, (m) => m[0]!).replace(/^y/, '');
  return Math.max(1, trimmed.match(/[aeiouy]+/g)?.length ?? 0);
}

/** Words that end in a full stop without ending a sentence. */
const ABBREVIATIONS = /\b(?:mr|mrs|ms|dr|prof|st|vs|etc|e\.g|i\.e|a\.m|p\.m|approx|no)\./gi;

/** Counts behind a Flesch–Kincaid grade. */
export interface ReadingLevel {
  words: number;
  sentences: number;
  syllables: number;
  /** 0.39 × words per sentence + 11.8 × syllables per word − 15.59; 0 for no words. */
  grade: number;
}

/** Flesch–Kincaid grade of some passages; each passage ends at least one sentence. */
export function readingLevel(passages: readonly string[]): ReadingLevel {
  let words = 0;
  let sentences = 0;
  let syl = 0;
  for (const passage of passages) {
    const tokens = passage.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,:-]*/gu) ?? [];
    if (!tokens.length) continue;
    words += tokens.length;
    for (const t of tokens) syl += syllables(t);
    const ends = passage.replace(ABBREVIATIONS, 'x').match(/[.!?]+["”’)]*(?=\s|$)/g)?.length ?? 0;
    // A passage that does not end with a full stop (a title, a heading) still ends a sentence.
    sentences += ends + (/[.!?]["”’)]*\s*$/.test(passage) ? 0 : 1);
  }
  const grade = words ? 0.39 * (words / sentences) + 11.8 * (syl / words) - 15.59 : 0;
  return { words, sentences, syllables: syl, grade: Math.round(grade * 10) / 10 };
}

/** A scenario's reading level: its scene text, its feedback, and both together (the checked figure). */
export function scenarioReadingLevel(scenario: Scenario): { text: ReadingLevel; feedback: ReadingLevel; combined: ReadingLevel } {
  const text = Object.values(scenario.machine.states).flatMap((s) => s.meta.text);
  const feedback = choiceFeedback(scenario);
  return { text: readingLevel(text), feedback: readingLevel(feedback), combined: readingLevel([...text, ...feedback]) };
}

// ---- per scenario ------------------------------------------------------------------------------

/** The second-edition figures of one scenario, for reports and docs/scenarios.md. */
export interface SecondEditionSummary {
  format: number;
  railroads: Railroads;
  finals: string[];
  reading: ReturnType<typeof scenarioReadingLevel>;
  opening: OpeningDevice;
  formulas: ReturnType<typeof feedbackFormulas>;
}

export function secondEditionSummary(scenario: Scenario, analysis: ScenarioAnalysis): SecondEditionSummary {
  return {
    format: scenario.format,
    railroads: railroads(scenario),
    finals: reachableFinals(scenario, analysis),
    reading: scenarioReadingLevel(scenario),
    opening: openingDevice(scenario),
    formulas: feedbackFormulas(scenario),
  };
}

/** Everything in one scenario that breaks a per-scenario second-edition rule, in words, whatever its format. */
export function secondEditionFindings(scenario: Scenario, analysis: ScenarioAnalysis): string[] {
  const rules = RULES();
  const s = secondEditionSummary(scenario, analysis);
  const found: string[] = [];
  if (s.railroads.share > rules.railroad.maxShare) {
    found.push(
      `${s.railroads.scenes.length} of ${s.railroads.decisions} decisions (${percent(s.railroads.share)}) send every option to the same next scene; keep it to ${percent(rules.railroad.maxShare)} or fewer (${s.railroads.scenes.map((id) => `"${id}"`).join(', ')})`,
    );
  }
  if (s.finals.length < rules.finalScenes.min) {
    found.push(
      `${s.finals.length} final scenes can be reached; write at least ${rules.finalScenes.min}, each ending written for this scenario and its outcome`,
    );
  }
  for (const at of stockEndings(scenario)) found.push(`${at}: a stock ending phrase; write the ending for this scenario and its outcome`);
  for (const at of continuesWithoutReason(scenario)) found.push(`${at}: moves a ledger, so give a "reason" (why, in words; coach mode shows it)`);
  const { total, counts } = s.formulas;
  for (const [name, count] of Object.entries(counts) as [FeedbackFormula, number][]) {
    if (total && count / total > rules.feedbackFormula.maxShare) {
      found.push(
        `${count} of ${total} pieces of feedback (${percent(count / total)}) use one formula, ${FEEDBACK_FORMULAS[name].label}; keep each formula to ${percent(rules.feedbackFormula.maxShare)} or fewer`,
      );
    }
  }
  const { grade } = s.reading.combined;
  const { allowed, target } = rules.readingGrade;
  if (grade < allowed.min || grade > allowed.max) {
    found.push(
      `the scene text and feedback read at grade ${grade.toFixed(1)} (Flesch–Kincaid); write for grade ${target.min}–${target.max} (checked within ${allowed.min}–${allowed.max})`,
    );
  }
  return found;
}

/** Whether the second-edition rules are problems for this file (its format is recent enough), not advice. */
export const isSecondEdition = (scenario: Scenario) => scenario.format >= RULES().since;

// ---- the library -------------------------------------------------------------------------------

/** A passage of one scenario that shares much of its wording with a passage of another. */
export interface NearDuplicate {
  a: { scenario: string; where: string; text: string };
  b: { scenario: string; where: string; text: string };
  /** Word runs (`CONTENT_RULES.secondEdition.nearDuplicate.shingle` words) the two share. */
  shared: number;
  /** `shared` as a share of the shorter passage's runs. */
  containment: number;
}

interface Passage {
  scenario: string;
  where: string;
  text: string;
  shingles: Set<string>;
}

/** The passages compared across scenarios: every line of scene text (endings included), every piece of feedback and thoughts, every continue reason. */
function passages(scenario: Scenario): Omit<Passage, 'shingles'>[] {
  const out: Omit<Passage, 'shingles'>[] = [];
  for (const [id, scene] of Object.entries(scenario.machine.states)) {
    scene.meta.text.forEach((text, i) => out.push({ scenario: scenario.id, where: `scene "${id}" → line ${i + 1}`, text }));
    for (const [event, value] of Object.entries(scene.on ?? {})) {
      if (!value) continue;
      if (!Array.isArray(value) && 'meta' in value) {
        out.push({ scenario: scenario.id, where: `scene "${id}" → choice "${event}" → feedback`, text: value.meta.feedback });
        out.push({ scenario: scenario.id, where: `scene "${id}" → choice "${event}" → thoughts`, text: value.meta.thoughts });
      } else {
        (Array.isArray(value) ? value : [value]).forEach((branch, i) => {
          if (branch.reason) out.push({ scenario: scenario.id, where: `scene "${id}" → continue → branch ${i + 1} → reason`, text: branch.reason });
        });
      }
    }
  }
  return out;
}

/** The runs of `size` consecutive words in a text (lower case, punctuation dropped). */
export function shingles(text: string, size = RULES().nearDuplicate.shingle): Set<string> {
  const words =
    text
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .match(/[\p{L}\p{N}']+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

/**
 * Pairs of passages in different scenarios that share much of their wording (see
 * `CONTENT_RULES.secondEdition.nearDuplicate`), most alike first. Passages of the same scenario are not
 * compared: a scenario may echo itself.
 */
export function nearDuplicates(scenarios: readonly Scenario[]): NearDuplicate[] {
  const { minShared, minContainment, longRun } = RULES().nearDuplicate;
  const all: Passage[] = scenarios.flatMap((s) => passages(s).map((p) => ({ ...p, shingles: shingles(p.text) })));
  const index = new Map<string, number[]>();
  all.forEach((p, i) => p.shingles.forEach((sh) => index.set(sh, [...(index.get(sh) ?? []), i])));
  const shared = new Map<string, number>();
  for (const holders of index.values()) {
    for (let x = 0; x < holders.length; x++) {
      for (let y = x + 1; y < holders.length; y++) {
        const [i, j] = [holders[x]!, holders[y]!];
        if (all[i]!.scenario === all[j]!.scenario) continue;
        const key = `${i} ${j}`;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
  }
  const found: NearDuplicate[] = [];
  for (const [key, count] of shared) {
    const [a, b] = key.split(' ').map((n) => all[Number(n)]!) as [Passage, Passage];
    const containment = count / Math.min(a.shingles.size, b.shingles.size);
    if ((count >= minShared && containment >= minContainment) || count >= longRun) {
      const strip = ({ scenario, where, text }: Passage) => ({ scenario, where, text });
      found.push({ a: strip(a), b: strip(b), shared: count, containment });
    }
  }
  return found.sort((x, y) => y.containment - x.containment || y.shared - x.shared);
}

/** Scenarios (ids) by how they open, for the devices more than `CONTENT_RULES.secondEdition.openingDevice.maxScenarios` scenarios use. */
export function crowdedOpenings(scenarios: readonly Scenario[]): Partial<Record<OpeningDevice, string[]>> {
  const by: Partial<Record<OpeningDevice, string[]>> = {};
  for (const s of scenarios) (by[openingDevice(s)] ??= []).push(s.id);
  const { maxScenarios } = RULES().openingDevice;
  return Object.fromEntries(Object.entries(by).filter(([, ids]) => ids.length > maxScenarios));
}

/** Whether the library-wide second-edition rules are problems: every scenario of the library is in the second-edition format. */
export const libraryIsStrict = (scenarios: readonly Scenario[]) => scenarios.length > 0 && scenarios.every(isSecondEdition);

/** The library-wide second-edition rules a set of scenarios breaks, in words (openings, near-duplicate passages). */
export function librarySecondEditionFindings(scenarios: readonly Scenario[]): string[] {
  const { maxScenarios } = RULES().openingDevice;
  const found = Object.entries(crowdedOpenings(scenarios)).map(
    ([device, ids]) =>
      `${ids.length} scenarios open with ${OPENING_DEVICE_LABELS[device as OpeningDevice]} (${ids.join(', ')}); at most ${maxScenarios} may share a device`,
  );
  for (const d of nearDuplicates(scenarios)) {
    found.push(
      `near-duplicate passages: ${d.a.scenario} ${d.a.where} and ${d.b.scenario} ${d.b.where} share ${d.shared} runs of words (${percent(d.containment)} of the shorter): "${excerpt(d.a.text)}"`,
    );
  }
  return found;
}

/**
 * The library-wide second-edition rules, split as `CONTENT_RULES.secondEdition` says: `problems` once
 * every scenario is in format `since` or later (`libraryIsStrict`), `advice` while any is older.
 */
export function checkLibrarySecondEdition(scenarios: readonly Scenario[]): { strict: boolean; problems: string[]; advice: string[] } {
  const strict = libraryIsStrict(scenarios);
  const found = librarySecondEditionFindings(scenarios);
  return { strict, problems: strict ? found : [], advice: strict ? [] : found };
}

const excerpt = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
