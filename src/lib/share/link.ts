/**
 * Share links: a run as a short text, `1.<scenario id>.<seat>.<choices>.<outcome>.<seed>`, e.g.
 * `1.phone-screen.c.0213.m.5x2k1`. The seed (base 36) makes the replay show the options in the order the
 * run showed them; links made before it was added have no seed and replay with seed 1. Each choice is the index (base 36, one character) of the chosen option among
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
  /** The run's seed (the order its options were shown in). */
  seed?: number;
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
  const parts = [LINK_VERSION, run.scenarioId, SEAT_CODES[run.seat], picks, run.outcome ? OUTCOME_CODES[run.outcome] : ''];
  if (run.seed !== undefined) parts.push((run.seed >>> 0).toString(36));
  return parts.join('.');
}

export type Decoded = { ok: true; run: SharedRun } | { ok: false; message: string };

const DAMAGED =
  'This link is incomplete or damaged: it may have been cut short when it was copied. Ask for the link again, or choose a scenario from the library.';

/**
 * Longest link text `decodeShare` reads, in characters. A link names a scenario (64 characters at most) and
 * one character per choice, so real links are far shorter; anything longer is refused before it is decoded.
 */
export const MAX_LINK_LENGTH = 2_000;

const TOO_LONG =
  'This link is far longer than any link the app makes, so it cannot be a shared run: it may have been pasted twice or joined to other text. Ask for the link again, or choose a scenario from the library.';

/** Reads a link's text; refuses, in words, one that is damaged, too long, or from another version. */
export function decodeShare(text: string): Decoded {
  if (text.length > MAX_LINK_LENGTH) return { ok: false, message: TOO_LONG };
  let raw: string;
  try {
    raw = decodeURIComponent(text).trim();
  } catch {
    return { ok: false, message: DAMAGED };
  }
  const parts = raw.split('.');
  if (parts[0] !== LINK_VERSION) {
    return (parts.length === 5 || parts.length === 6) && /^\d+$/.test(parts[0]!)
      ? { ok: false, message: 'This link was made by a different version of the app, and this one cannot read it.' }
      : { ok: false, message: DAMAGED };
  }
  const [, scenarioId = '', seatCode = '', picks = '', outcomeCode = '', seedCode] = parts;
  const seat = (Object.keys(SEAT_CODES) as PlaySeat[]).find((s) => SEAT_CODES[s] === seatCode);
  const outcome = OUTCOMES.find((o) => OUTCOME_CODES[o] === outcomeCode);
  const seedOk = seedCode === undefined || /^[0-9a-z]{1,7}$/.test(seedCode);
  if (
    (parts.length !== 5 && parts.length !== 6) ||
    !SCENARIO_ID.test(scenarioId) ||
    !seat ||
    !/^[0-9a-z]*$/.test(picks) ||
    (outcomeCode && !outcome) ||
    !seedOk
  ) {
    return { ok: false, message: DAMAGED };
  }
  const seed = seedCode === undefined ? undefined : parseInt(seedCode, 36) >>> 0;
  return {
    ok: true,
    run: { scenarioId, seat, picks: [...picks].map((c) => parseInt(c, 36)), ...(outcome ? { outcome } : {}), ...(seed !== undefined ? { seed } : {}) },
  };
}

/** The address of a shared run, on this app's page. */
export function shareUrl(code: string, base: { origin: string; pathname: string } = window.location): string {
  return `${base.origin}${base.pathname}#/replay/${code}`;
}
