/**
 * Share links: a run as a short text, `1.<scenario id>.<seat>.<choices>.<outcome>`, e.g.
 * `1.phone-screen.c.0213.m`. Each choice is the index (base 36, one character) of the chosen option among
 * the scene's options in file order, so a link stays short; the outcome letter tells a link whose run now
 * ends differently (the scenario changed) from one that still replays as it was.
 */
import { OUTCOMES, type Outcome } from '../engine/ledger.ts';
import type { PlaySeat } from '../engine/machine.ts';

export const LINK_VERSION = '1';

/** What a link holds. */
export interface SharedRun {
  scenarioId: string;
  seat: PlaySeat;
  /** For each of the people's choices, the option's index among the scene's options (file order). */
  picks: number[];
  /** How the run ended when the link was made. */
  outcome?: Outcome;
}

const SEAT_CODES: Record<PlaySeat, string> = { employer: 'e', candidate: 'c', both: 'b' };
const OUTCOME_CODES: Record<Outcome, string> = { mutualFit: 'm', candidateDeclines: 'c', employerDeclines: 'e', noFit: 'n' };
const SCENARIO_ID = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;
/** Options per scene a link can name: one base-36 character each. */
export const MAX_OPTIONS = 36;

export function encodeShare(run: SharedRun): string {
  if (run.picks.some((p) => !Number.isInteger(p) || p < 0 || p >= MAX_OPTIONS)) {
    throw new RangeError(`A share link can name options 1 to ${MAX_OPTIONS} only.`);
  }
  const picks = run.picks.map((p) => p.toString(36)).join('');
  return [LINK_VERSION, run.scenarioId, SEAT_CODES[run.seat], picks, run.outcome ? OUTCOME_CODES[run.outcome] : ''].join('.');
}

export type Decoded = { ok: true; run: SharedRun } | { ok: false; message: string };

const DAMAGED =
  'This link is incomplete or damaged: it may have been cut short when it was copied. Ask for the link again, or choose a scenario from the library.';

export function decodeShare(text: string): Decoded {
  let raw: string;
  try {
    raw = decodeURIComponent(text).trim();
  } catch {
    return { ok: false, message: DAMAGED };
  }
  const parts = raw.split('.');
  if (parts[0] !== LINK_VERSION) {
    return parts.length === 5 && /^\d+$/.test(parts[0]!)
      ? { ok: false, message: 'This link was made by a different version of the app, and this one cannot read it.' }
      : { ok: false, message: DAMAGED };
  }
  const [, scenarioId = '', seatCode = '', picks = '', outcomeCode = ''] = parts;
  const seat = (Object.keys(SEAT_CODES) as PlaySeat[]).find((s) => SEAT_CODES[s] === seatCode);
  const outcome = OUTCOMES.find((o) => OUTCOME_CODES[o] === outcomeCode);
  if (parts.length !== 5 || !SCENARIO_ID.test(scenarioId) || !seat || !/^[0-9a-z]*$/.test(picks) || (outcomeCode && !outcome)) {
    return { ok: false, message: DAMAGED };
  }
  return { ok: true, run: { scenarioId, seat, picks: [...picks].map((c) => parseInt(c, 36)), ...(outcome ? { outcome } : {}) } };
}

/** The address of a shared run, on this app's page. */
export function shareUrl(code: string, base: { origin: string; pathname: string } = window.location): string {
  return `${base.origin}${base.pathname}#/replay/${code}`;
}
