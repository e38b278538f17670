/**
 * Adapting a scenario to another company: rename the cast, the company, the role and the setting
 * everywhere they appear. Pure TypeScript (no zod, no DOM).
 *
 * A renaming replaces whole words only (so "Dev" never touches "developer"), matches any case and keeps
 * the case of what it replaces ("CALLUM" becomes "SAM", "callum" becomes "sam"). It reaches every text a
 * player, facilitator or debrief shows: title, summary, setting, objectives, tags, facilitator notes and
 * questions, cast names and roles, scene lines, asides and prompts, choice labels, feedback, thoughts and
 * observed forms, reasons. Ids, scene names, speakers, targets, flags and every other structural value
 * stay as they are.
 */
import type { Scenario } from '../engine/schema.ts';

/** One renaming: every whole-word `from` (any case) becomes `to`. */
export interface Renaming {
  from: string;
  to: string;
}

/** A text that a renaming changed: where it is (JSON path) and the text before and after. */
export interface AdaptChange {
  path: (string | number)[];
  before: string;
  after: string;
  /** How many occurrences changed in this text. */
  count: number;
}

/** Keys whose string values are structure, never text: they are never renamed. */
const STRUCTURAL_KEYS = new Set(['$schema', 'id', 'target', 'speaker', 'decides', 'choose', 'type', 'ledger', 'dimension', 'flag', 'style', 'initial']);
/** Keys whose lists hold structure (`seats`). */
const STRUCTURAL_LISTS = new Set(['seats']);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isUpper = (text: string) => /\p{L}/u.test(text) && text === text.toUpperCase() && text !== text.toLowerCase();
const isLower = (text: string) => /\p{L}/u.test(text) && text === text.toLowerCase() && text !== text.toUpperCase();
const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const isTitle = (text: string) => text.split(/\s+/).every((w) => !/\p{L}/u.test(w.charAt(0)) || w.charAt(0) === w.charAt(0).toUpperCase());

/** `to` in the case of `matched`, where `from` is the renaming's own spelling. */
function inCaseOf(matched: string, from: string, to: string): string {
  if (matched === from) return to;
  if (isUpper(matched) && matched.length > 1) return to.toUpperCase();
  if (isLower(matched)) return to.toLowerCase();
  if (isTitle(matched) && matched.includes(' ')) return to.split(' ').map(capitalise).join(' ');
  if (matched.charAt(0) === matched.charAt(0).toUpperCase()) return capitalise(to);
  return to;
}

/** Renamings that do something: trimmed, non-empty, different, the longest first, each `from` once. */
export function cleanRenamings(renamings: readonly Renaming[]): Renaming[] {
  const seen = new Set<string>();
  const clean: Renaming[] = [];
  for (const r of renamings) {
    const from = r.from.trim();
    const to = r.to.trim();
    if (!from || !to || from === to || seen.has(from.toLowerCase())) continue;
    seen.add(from.toLowerCase());
    clean.push({ from, to });
  }
  return clean.sort((a, b) => b.from.length - a.from.length);
}

/**
 * A function that applies the renamings to one text, in one pass (a replaced word is never replaced
 * again, and longer names win over their parts), and counts what it replaced.
 */
export function renamer(renamings: readonly Renaming[]): (text: string) => { text: string; count: number } {
  const clean = cleanRenamings(renamings);
  if (clean.length === 0) return (text) => ({ text, count: 0 });
  const byLower = new Map(clean.map((r) => [r.from.toLowerCase(), r]));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${clean.map((r) => escape(r.from)).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  return (text) => {
    let count = 0;
    const out = text.replace(pattern, (matched) => {
      const r = byLower.get(matched.toLowerCase());
      if (!r) return matched;
      count++;
      return inCaseOf(matched, r.from, r.to);
    });
    return { text: out, count };
  };
}

/** Calls `visit` with every renamable text of a value, with its path; returns the value with the texts `visit` returns. */
function mapTexts(value: unknown, path: (string | number)[], visit: (text: string, path: (string | number)[]) => string): unknown {
  if (typeof value === 'string') return visit(value, path);
  if (Array.isArray(value)) {
    const key = path.at(-1);
    if (typeof key === 'string' && STRUCTURAL_LISTS.has(key)) return value;
    return value.map((item, i) => mapTexts(item, [...path, i], visit));
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = typeof item === 'string' && STRUCTURAL_KEYS.has(key) ? item : mapTexts(item, [...path, key], visit);
    }
    return out;
  }
  return value;
}

export interface AdaptResult {
  scenario: Scenario;
  changes: AdaptChange[];
  /** Occurrences replaced, over every text. */
  count: number;
}

/**
 * The scenario with every renaming applied to every text, and a list of the texts that changed. The
 * key order, ids and structure stay as they were; `id` becomes `newId` when given.
 */
export function adaptScenario(scenario: Scenario, renamings: readonly Renaming[], newId?: string): AdaptResult {
  const rename = renamer(renamings);
  const changes: AdaptChange[] = [];
  let count = 0;
  const adapted = mapTexts(scenario, [], (text, path) => {
    const result = rename(text);
    if (result.count) {
      changes.push({ path, before: text, after: result.text, count: result.count });
      count += result.count;
    }
    return result.text;
  }) as Scenario;
  return { scenario: newId ? { ...adapted, id: newId } : adapted, changes, count };
}

/** What an author fills in to adapt a scenario: new names and roles for the cast, and words to swap. */
export interface AdaptForm {
  /** For each cast key, the new name and role (blank: unchanged). */
  cast: Record<string, { name: string; role: string }>;
  /** Company, role, setting and any other words: `from` → `to`. */
  words: Renaming[];
}

/**
 * The renamings a form asks for: each cast member's full name, and, when both names have as many words,
 * the first and last names on their own ("Callum" and "Reid" as well as "Callum Reid"); each role; and
 * the other words.
 */
export function renamingsFromForm(scenario: Scenario, form: AdaptForm): Renaming[] {
  const out: Renaming[] = [];
  for (const [key, member] of Object.entries(scenario.cast)) {
    const next = form.cast[key];
    if (!next) continue;
    const name = next.name.trim();
    if (name && name !== member.name) {
      out.push({ from: member.name, to: name });
      const oldWords = member.name.split(/\s+/);
      const newWords = name.split(/\s+/);
      if (oldWords.length > 1 && oldWords.length === newWords.length) oldWords.forEach((w, i) => out.push({ from: w, to: newWords[i]! }));
    }
    const role = next.role.trim();
    if (role && role !== member.role) out.push({ from: member.role, to: role });
  }
  out.push(...form.words);
  return cleanRenamings(out);
}

/** The company named after the last comma of the employer's role ("Head of IT, Acme Ltd" → "Acme Ltd"), or ''. */
export function guessCompany(scenario: Scenario): string {
  const role = scenario.cast.employer.role;
  const comma = role.lastIndexOf(',');
  return comma >= 0 ? role.slice(comma + 1).trim() : '';
}

/** A scenario id made from the original's and a word (e.g. the new company), at most 64 characters. */
export function adaptedId(originalId: string, word: string): string {
  const slug = word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/[^a-zA-Z0-9-]/g, '')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 30);
  return `${originalId.slice(0, 33)}-${slug || 'adapted'}`.replace(/-+$/, '');
}
