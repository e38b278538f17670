/**
 * Judgement words: the one list of words that, in a choice's label, judge the choice instead of saying
 * what is said or done ("Snap back", "Answer bluntly", "Thank them warmly"). A label that carries one
 * tells the player which option the scenario rewards, so the player can win without reading.
 *
 * The rule: a label says what the person says (as speech in quotation marks) or does (plainly, outside
 * them). Words inside quotation marks are speech, and a person may say anything ("Honestly, I'm not
 * sure"), so only the part of a label outside "…" or “…” is checked. An opening quotation mark without
 * a closing one quotes to the end of the label.
 *
 * What is on the list: adverbs of manner that grade the delivery (bluntly, politely, warmly, curtly,
 * calmly, abruptly…), verbs and nouns that grade the act rather than name it (snap, rant, lecture,
 * ramble, brag, grovel…), and adjectives that grade the speaker (pushy, snide, smug…). Not on the list:
 * words that name what is done (ask, decline, thank, apologise, interrupt, wait), because those are the
 * act itself.
 */

/** The judgement words, lower case. Matched as whole words (a hyphenated word is one word). */
export const JUDGEMENT_WORDS: readonly string[] = [
  // adverbs of manner that grade the delivery
  'abruptly',
  'aggressively',
  'angrily',
  'appropriately',
  'arrogantly',
  'awkwardly',
  'bluntly',
  'bravely',
  'brusquely',
  'calmly',
  'candidly',
  'carefully',
  'carelessly',
  'clumsily',
  'coldly',
  'condescendingly',
  'confidently',
  'considerately',
  'constructively',
  'courteously',
  'curtly',
  'defensively',
  'diplomatically',
  'disrespectfully',
  'dismissively',
  'firmly',
  'foolishly',
  'frankly',
  'gently',
  'gracefully',
  'graciously',
  'harshly',
  'helpfully',
  'honestly',
  'humbly',
  'impatiently',
  'impolitely',
  'inappropriately',
  'kindly',
  'meekly',
  'nervously',
  'nicely',
  'openly',
  'passive-aggressively',
  'patiently',
  'pleasantly',
  'politely',
  'professionally',
  'properly',
  'pushily',
  'reasonably',
  'respectfully',
  'rudely',
  'sarcastically',
  'sensibly',
  'sharply',
  'sheepishly',
  'smugly',
  'snidely',
  'snippily',
  'tactfully',
  'tactlessly',
  'testily',
  'thoughtfully',
  'unprofessionally',
  'unreasonably',
  'warmly',
  'wisely',
  // verbs and nouns that grade the act instead of naming it
  'snap',
  'snaps',
  'snapped',
  'snapping',
  'rant',
  'rants',
  'ranted',
  'ranting',
  'lecture',
  'lectures',
  'lectured',
  'lecturing',
  'ramble',
  'rambles',
  'rambled',
  'rambling',
  'brag',
  'brags',
  'bragging',
  'boast',
  'boasts',
  'boasting',
  'grovel',
  'grovels',
  'grovelling',
  'groveling',
  'whine',
  'whines',
  'whining',
  'whinge',
  'whinges',
  'whingeing',
  'bark',
  'barks',
  'scold',
  'scolds',
  'patronise',
  'patronize',
  'patronising',
  'patronizing',
  'nag',
  'nags',
  // adjectives that grade the speaker
  'pushy',
  'snide',
  'smug',
  'snarky',
  'rude',
  'polite',
  'arrogant',
  'condescending',
  'passive-aggressive',
  'unprofessional',
  'tactful',
  'tactless',
  'gracious',
];

/** Every stretch of the label outside quotation marks ("…" and “…”), joined by spaces. */
export function outsideQuotes(label: string): string {
  let out = '';
  let closing: string | null = null;
  for (const ch of label) {
    if (closing === null) {
      if (ch === '"') closing = '"';
      else if (ch === '“') closing = '”';
      else {
        out += ch;
        continue;
      }
      out += ' ';
    } else if (ch === closing) {
      closing = null;
    }
  }
  return out;
}

const WORD = /[\p{L}]+(?:[-'’][\p{L}]+)*/gu;
const LISTED = new Set(JUDGEMENT_WORDS);

/**
 * The judgement words in `label` outside quotation marks, lower case, in the order they appear (each
 * once). Whole words, case-insensitive: "Snap back" gives ["snap"]; `Say "honestly, no"` gives [].
 */
export function judgementWords(label: string): string[] {
  const found: string[] = [];
  for (const match of outsideQuotes(label).matchAll(WORD)) {
    const word = match[0].toLowerCase().replace(/’/g, "'");
    if (LISTED.has(word) && !found.includes(word)) found.push(word);
  }
  return found;
}
