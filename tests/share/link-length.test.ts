// @vitest-environment node
/**
 * A huge share link (2,000,000 characters: pasted many times over, or junk) is refused at once, in words,
 * before anything decodes it; the router does no heavy work on such a hash either.
 */
import { describe, expect, it } from 'vitest';
import { parseHash } from '../../src/app/routes.ts';
import { decodeShare, encodeShare, MAX_LINK_LENGTH } from '../../src/lib/share/link.ts';

const HUGE = 2_000_000;

/**
 * The CPU time `work` takes, in ms, with its result: the least of five tries. CPU time, not the wall clock:
 * on a shared machine the clock also counts the time the test waits for a CPU. The least of five, because
 * the figure is the whole process's and the other test thread's work can fall into one try, hardly into
 * all five; a refusal that decoded the link would cost hundreds of ms every time.
 */
function timed<T>(work: () => T): { ms: number; result: T } {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < 5; i++) {
    const before = process.cpuUsage();
    result = work();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { ms: best, result };
}

/** A string as the browser hands it over: in one piece (a joined string is otherwise flattened on first use). */
function flat(text: string): string {
  text.includes('\u0000');
  return text;
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
    it(`is refused within 50 ms, in words (${name})`, () => {
      const hash = flat(`#/replay/${body}`);
      const { ms, result: decoded } = timed(() => {
        const route = parseHash(hash);
        return route.name === 'replay' ? decodeShare(route.link) : undefined;
      });
      expect(ms).toBeLessThan(50);
      expect(decoded).toEqual({
        ok: false,
        message: expect.stringMatching(
          /^This link is far longer than any link the app makes, so it cannot be a shared run.* Ask for the link again, or choose a scenario from the library\.$/,
        ),
      });
    });
  }

  it('is refused straight from the text, too', () => {
    const link = flat('%41'.repeat(HUGE / 3));
    const { ms, result } = timed(() => decodeShare(link));
    expect(ms).toBeLessThan(50);
    expect(result.ok).toBe(false);
  });

  it('a link at the bound is still read', () => {
    const link = encodeShare({ scenarioId: 'phone-screen', seat: 'both', picks: Array.from({ length: MAX_LINK_LENGTH - 40 }, (_, i) => i % 4) });
    expect(link.length).toBeLessThanOrEqual(MAX_LINK_LENGTH);
    expect(decodeShare(link)).toMatchObject({ ok: true, run: { scenarioId: 'phone-screen', seat: 'both' } });
  });

  it('any other huge address is a page not found, named briefly, without decoding it', () => {
    const hash = flat(`#/${'%2F/'.repeat(HUGE / 4)}`);
    const { ms, result: route } = timed(() => parseHash(hash));
    expect(ms).toBeLessThan(50);
    expect(route).toEqual({ name: 'notFound', path: expect.stringMatching(/^%2F\/.{0,80}…$/) });
  });
});
