// @vitest-environment node
/**
 * A huge share link (2,000,000 characters: pasted many times over, or junk) is refused at once, in words,
 * before anything decodes it; the router does no heavy work on such a hash either.
 */
import { describe, expect, it } from 'vitest';
import { MAX_HASH_LENGTH, parseHash } from '../../src/app/routes.ts';
import { decodeShare, encodeShare, MAX_LINK_LENGTH } from '../../src/lib/share/link.ts';

const HUGE = 2_000_000;

/**
 * The longest text any string or pattern operation, or `decodeURIComponent`, reads while `work` runs, with
 * `work`'s result. Reading the whole huge hash (decoding it, splitting it, matching a pattern over it) is
 * what made refusing it slow; a refusal that only checks the length and keeps a short prefix reads at most
 * that prefix. Counted, not timed, so a busy machine cannot change the answer.
 */
function longestRead<T>(work: () => T): { longest: number; result: T } {
  let longest = 0;
  const note = (text: unknown) => {
    if (typeof text === 'string') longest = Math.max(longest, text.length);
  };
  const restore: (() => void)[] = [];
  const watch = <O extends object>(owner: O, name: string, readsThis: boolean) => {
    const original = (owner as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
    (owner as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      if (readsThis) note(this);
      args.forEach(note);
      return original.apply(this, args);
    };
    restore.push(() => ((owner as Record<string, unknown>)[name] = original));
  };
  watch(globalThis, 'decodeURIComponent', false);
  watch(globalThis, 'decodeURI', false);
  for (const name of ['split', 'replace', 'replaceAll', 'match', 'matchAll', 'search', 'trim', 'includes', 'indexOf', 'normalize', 'toLowerCase']) {
    watch(String.prototype, name, true);
  }
  for (const name of ['exec', 'test']) watch(RegExp.prototype, name, false);
  try {
    const result = work();
    return { longest, result };
  } finally {
    restore.forEach((undo) => undo());
  }
}

/** Bodies that used to cost the most: percent escapes to decode, dots to split, slashes for the router's patterns. */
const shapes = {
  letters: 'a'.repeat(HUGE),
  escapes: '%41'.repeat(HUGE / 3),
  dots: `1.${'.'.repeat(HUGE - 2)}`,
  'a real link, repeated': encodeShare({ scenarioId: 'phone-screen', seat: 'candidate', picks: [0, 2, 1, 3], outcome: 'mutualFit', seed: 42 }).repeat(
    HUGE / 30,
  ),
};

describe('a 2,000,000-character share link', () => {
  for (const [name, body] of Object.entries(shapes)) {
    it(`is refused in words, reading no more than its first few thousand characters (${name})`, () => {
      const hash = `#/replay/${body}`;
      const { longest, result: decoded } = longestRead(() => {
        const route = parseHash(hash);
        return route.name === 'replay' ? decodeShare(route.link) : undefined;
      });
      expect(longest).toBeLessThanOrEqual(MAX_HASH_LENGTH);
      expect(decoded).toEqual({
        ok: false,
        message: expect.stringMatching(
          /^This link is far longer than any link the app makes, so it cannot be a shared run.* Ask for the link again, or choose a scenario from the library\.$/,
        ),
      });
    });
  }

  it('is refused straight from the text, too', () => {
    const link = '%41'.repeat(HUGE / 3);
    const { longest, result } = longestRead(() => decodeShare(link));
    expect(longest).toBeLessThanOrEqual(MAX_HASH_LENGTH);
    expect(result.ok).toBe(false);
  });

  it('a link at the bound is still read', () => {
    const link = encodeShare({ scenarioId: 'phone-screen', seat: 'both', picks: Array.from({ length: MAX_LINK_LENGTH - 40 }, (_, i) => i % 4) });
    expect(link.length).toBeLessThanOrEqual(MAX_LINK_LENGTH);
    expect(decodeShare(link)).toMatchObject({ ok: true, run: { scenarioId: 'phone-screen', seat: 'both' } });
  });

  it('any other huge address is a page not found, named briefly, without decoding it', () => {
    const hash = `#/${'%2F/'.repeat(HUGE / 4)}`;
    const { longest, result: route } = longestRead(() => parseHash(hash));
    expect(longest).toBeLessThanOrEqual(MAX_HASH_LENGTH);
    expect(route).toEqual({ name: 'notFound', path: expect.stringMatching(/^%2F\/.{0,80}…$/) });
  });
});
