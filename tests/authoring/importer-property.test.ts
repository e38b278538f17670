// @vitest-environment node
/**
 * Property-based: random mutations of valid scenarios thrown at the importer. It never crashes, never
 * stores an invalid scenario, and never loses or changes what was stored before (except the one custom
 * scenario a person explicitly chose to replace).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOM_KEY_PREFIX, listCustomScenarios, loadCustomScenario, saveCustomScenario } from '../../src/lib/authoring/store.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { builtInScenarios, loadBuiltIn } from '../../src/lib/scenarios/catalog.ts';
import { fakeText, MemoryStorage } from './support.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every path to a value inside `data`. */
function pathsOf(data: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(data)) data.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) pathsOf(v, [...at, k], out);
  return out;
}

function parentOf(data: Json, path: Path): { parent: any; key: string | number } | undefined {
  if (!path.length) return undefined;
  let parent: any = data;
  for (const part of path.slice(0, -1)) parent = parent[part];
  return { parent, key: path.at(-1)! };
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '__proto__',
  'constructor',
  '',
  ' ',
  '\u0000',
  '😀'.repeat(3),
];
const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(...HOSTILE, 0, -6, 6, 1.5, 1e308, null, true, [], {}, 'choice.onTime', 'start', 'end', 'employer', 'candidate', 'final', 'impress'),
);

/** One change to the parsed data, or to the text. */
type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'replace'; pick: number; value: Json }
  | { kind: 'rename'; pick: number; name: string }
  | { kind: 'copy'; pick: number; to: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: jsonValue }),
  fc.record({
    kind: fc.constant('rename' as const),
    pick: fc.nat(),
    name: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...HOSTILE, 'choice.x', 'continue', 'type')),
  }),
  fc.record({ kind: fc.constant('copy' as const), pick: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom(',', '}', ']', '"', '{', ':', '\\')),
  }),
);

function mutate(text: string, mutations: Mutation[]): string {
  let data = JSON.parse(text) as Json;
  for (const m of mutations) {
    if (m.kind === 'cut' || m.kind === 'insert') {
      let out = JSON.stringify(data, null, 2);
      const at = m.at % (out.length + 1);
      out = m.kind === 'cut' ? out.slice(0, at) : out.slice(0, at) + m.text + out.slice(at);
      return out; // the text is now (probably) not JSON: no further structural changes
    }
    const paths = pathsOf(data);
    const path = paths[m.pick % paths.length]!;
    const spot = parentOf(data, path);
    if (m.kind === 'replace') {
      if (spot) spot.parent[spot.key] = structuredClone(m.value);
      else data = structuredClone(m.value);
    } else if (m.kind === 'delete' && spot) {
      if (Array.isArray(spot.parent)) spot.parent.splice(spot.key as number, 1);
      else delete spot.parent[spot.key];
    } else if (m.kind === 'rename' && spot && !Array.isArray(spot.parent)) {
      const value = spot.parent[spot.key];
      delete spot.parent[spot.key];
      Object.defineProperty(spot.parent, m.name, { value, enumerable: true, writable: true, configurable: true });
    } else if (m.kind === 'copy' && spot) {
      const target = paths[m.to % paths.length]!;
      const into = parentOf(data, target);
      if (into && !target.slice(0, path.length).every((p, i) => p === path[i])) into.parent[into.key] = structuredClone(spot.parent[spot.key]);
    }
  }
  return JSON.stringify(data, null, 2);
}

/** A storage holding two custom scenarios and an unrelated key of another part of the app. */
async function storedBefore(): Promise<MemoryStorage> {
  const storage = new MemoryStorage();
  storage.setItem('osotd:v1:settings', '{"version":1,"mode":"coach"}');
  for (const id of ['fake-call', 'kept-call']) {
    const result = await saveCustomScenario(
      fakeText((d) => (d.id = id)),
      { storage, builtInIds: [] },
    );
    if (!result.ok) throw new Error(result.message);
  }
  return storage;
}

const BUILT_IN_IDS = ['phone-screen', 'built-in-call'];

async function checkOne(base: string, mutations: Mutation[], options: { asDraft: boolean; onClash: 'refuse' | 'replace' | 'copy' }) {
  const storage = await storedBefore();
  const before = storage.snapshot();
  const text = mutate(base, mutations);
  const result = await saveCustomScenario(text, { storage, builtInIds: BUILT_IN_IDS, ...options });
  const after = storage.snapshot();

  if (!result.ok) {
    expect(after).toEqual(before);
    return result.reason;
  }
  const key = CUSTOM_KEY_PREFIX + result.summary.id;
  // Only the saved key changed; it is not a built-in id; a replaced entry was asked for.
  expect(BUILT_IN_IDS).not.toContain(result.summary.id);
  for (const [k, v] of Object.entries(before)) if (k !== key) expect(after[k]).toBe(v);
  expect(Object.keys(after).filter((k) => !(k in before))).toEqual(key in before ? [] : [key]);
  if (key in before) expect(result.replaced && options.onClash === 'replace').toBe(true);
  if (result.summary.status === 'draft') expect(options.asDraft).toBe(true);
  // What was stored is a valid scenario, and it loads.
  const stored = JSON.parse(after[key]!);
  expect(validateScenario(stored.scenario).ok).toBe(true);
  expect((await loadCustomScenario(result.summary.id, { storage })).ok).toBe(true);
  // Everything stored before is still listed.
  const ids = listCustomScenarios({ storage }).scenarios.map((s) => s.id);
  expect(ids).toEqual(expect.arrayContaining(['fake-call', 'kept-call', result.summary.id]));
  return 'saved';
}

const options = fc.record({ asDraft: fc.boolean(), onClash: fc.constantFrom('refuse' as const, 'replace' as const, 'copy' as const) });

describe('the importer under random mutations', () => {
  it('never crashes, never stores an invalid scenario, never loses what was stored (small scenario)', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), options, async (mutations, opts) => {
        const outcome = await checkOne(fakeText(), mutations, opts);
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      }),
      { numRuns: 400 },
    );
    // The mutations reach every branch: some files are saved, some refused as invalid.
    expect(seen.get('saved')).toBeGreaterThan(0);
    expect(seen.get('invalid')).toBeGreaterThan(0);
  }, 60_000);

  it('holds for mutations of every built-in scenario too', async () => {
    const texts = await Promise.all(builtInScenarios().map(async (s) => JSON.stringify(await loadBuiltIn(s.id), null, 2)));
    expect(texts.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: texts.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 2 }), options, async (which, mutations, opts) => {
        await checkOne(texts[which]!, mutations, opts);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
