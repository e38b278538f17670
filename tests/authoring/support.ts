/**
 * Helpers for the authoring tests: an in-memory Web Storage with an optional quota, and scenario texts.
 */
import type { StorageLike } from '../../src/lib/authoring/store.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { fakeScenario } from '../support/fakes.ts';

export class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  /** Largest total of key and value lengths it accepts, like a browser's quota. */
  quota = Infinity;
  /** When set, every setItem throws (a browser refusing to write). */
  failWrites = false;

  get length() {
    return this.map.size;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    const used = [...this.map].reduce((sum, [k, v]) => sum + (k === key ? 0 : k.length + v.length), 0);
    if (this.failWrites || used + key.length + value.length > this.quota) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.map.set(key, String(value));
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.map);
  }
}

/** The fake scenario, validated. */
export function fake(partial: Parameters<typeof fakeScenario>[0] = {}): Scenario {
  const v = validateScenario(fakeScenario(partial));
  if (!v.ok) throw new Error(`fake invalid: ${JSON.stringify(v.problems)}`);
  return v.scenario;
}

/**
 * The fake scenario with two flaws: a scene nobody reaches ("orphan") and a scene where runs get stuck
 * ("limbo", which the abrupt ending now leads to).
 */
export function fakeWithFlaws(): Scenario {
  const v = validateScenario(
    JSON.parse(
      fakeText((d) => {
        d.machine.states.orphan = { type: 'final', meta: { speaker: 'narrator', text: ['Nobody ever gets here.'] } };
        d.machine.states.limbo = {
          meta: { speaker: 'narrator', text: ['The line goes quiet.'] },
          on: { continue: [{ target: 'end', guard: { type: 'flagSet', params: { flag: 'never' } } }] },
        };
        d.machine.states.wrap.on['choice.curt'].target = 'limbo';
      }),
    ),
  );
  if (!v.ok) throw new Error(`flawed fake invalid: ${JSON.stringify(v.problems)}`);
  return v.scenario;
}

/** The fake scenario as a file's text, pretty-printed as an author would write it. */
export function fakeText(edit: (data: any) => void = () => {}): string {
  const data = structuredClone(fakeScenario()) as any;
  edit(data);
  return JSON.stringify(data, null, 2);
}

/** The 1-based line of `text` that holds `needle` (first occurrence). */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, at).split('\n').length;
}
