/**
 * How the app says things: people's names, seats, effects and outcomes in plain words. Pure functions,
 * shared by the screens and their tests.
 */
import type { TimelineEntry } from '../engine/debrief.ts';
import { DIMENSION_LABELS, DIMENSIONS, OUTCOME_INFO, otherSide, SIDE_LABELS, type Outcome, type Side } from '../engine/ledger.ts';
import type { PlaySeat } from '../engine/machine.ts';
import type { Choice, Scenario } from '../engine/schema.ts';
import type { CoachNote } from '../state/run.svelte.ts';

type Cast = Scenario['cast'];

export function firstName(cast: Cast, side: Side): string {
  return cast[side].name.split(' ')[0]!;
}

/** "the employer" */
export function theSide(side: Side): string {
  return `the ${SIDE_LABELS[side].toLowerCase()}`;
}

/** "as the candidate" / "with two players on one device": follows a verb ("Play …", "played …"). */
export function seatWords(seat: PlaySeat): string {
  return seat === 'both' ? 'with two players on one device' : `as ${theSide(seat)}`;
}

/** The name and role of whoever speaks a scene. */
export function speakerLine(cast: Cast, speaker: string): string {
  const member = cast[speaker];
  return member ? `${member.name}, ${member.role}` : 'Narrator';
}

/** "Priya's view of Tomás": whose ledger, in names. */
export function viewOf(cast: Cast, side: Side): string {
  return `${firstName(cast, side)}’s view of ${firstName(cast, otherSide(side))}`;
}

/** "+2", "-1", "0". */
export function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

/** What a step did to the ledgers, one line per side it moved, e.g. "Priya’s view of Tomás: common sense +2". */
export function effectLines(cast: Cast, entry: TimelineEntry): string[] {
  const lines: string[] = [];
  for (const side of ['employer', 'candidate'] as const) {
    const moved = DIMENSIONS.filter((d) => entry.delta[side][d] !== 0).map((d) => `${DIMENSION_LABELS[d].toLowerCase()} ${signed(entry.delta[side][d])}`);
    if (moved.length) lines.push(`${viewOf(cast, side)}: ${moved.join(', ')}`);
    const broken = entry.dealBreakers[side];
    if (broken) lines.push(`Deal-breaker for ${firstName(cast, side)}: ${broken}`);
  }
  return lines;
}

export function outcomeTitle(outcome: Outcome): string {
  return OUTCOME_INFO[outcome].title;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * "12 Mar, 14:05", in the reader's time zone. Written out by hand: the first `Intl` date format (or
 * `toLocaleString` with options) loads the browser's locale data, a long task at start-up on a slow phone,
 * and the app's words are English anyway.
 */
export function when(time: number): string {
  const date = new Date(time);
  return `${onDay(date)}, ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}

/** "12 Mar 2026", in the reader's time zone (see `when`). */
export function dayOf(date: Date): string {
  return `${onDay(date)} ${date.getFullYear()}`;
}

const onDay = (date: Date) => `${date.getDate()} ${MONTHS[date.getMonth()]}`;

/**
 * What the other side sees or hears when the scenario makes a choice for `side`: the author's observed
 * line, or a neutral line for older files without one. Never the private label.
 */
export function observedMove(cast: Cast, side: Side, choice: Choice): string {
  return choice.meta.observed ?? `${firstName(cast, side)} decides.`;
}

/** The text with a full stop at the end, unless it already ends with one (or with ?, !, … or a closing quote after one). */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]["”’)]*$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A coach note in words: what happened (as the viewer could see it), why it moved the ledgers, and the moves. */
export function coachNoteWords(cast: Cast, note: CoachNote): { what: string; why: string; lines: string[] } {
  const { entry, kind, side } = note;
  const lines = effectLines(cast, entry);
  if (kind === 'choice' && entry.choice && side) {
    return { what: `${firstName(cast, side)} chose “${entry.choice.meta.label}”`, why: entry.choice.meta.feedback, lines };
  }
  if (kind === 'simulated' && entry.choice && side) {
    return { what: observedMove(cast, side, entry.choice), why: entry.choice.meta.feedback, lines };
  }
  const broken = Object.values(entry.dealBreakers)[0];
  return { what: 'The story moved on', why: entry.reason ?? broken ?? 'Because of what happened earlier in this run.', lines };
}
