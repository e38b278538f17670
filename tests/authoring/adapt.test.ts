// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adaptedId, adaptScenario, guessCompany, renamer, renamingsFromForm } from '../../src/lib/authoring/adapt.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';

const original = JSON.parse(readFileSync('scenarios/adjustment-request.json', 'utf8')) as Scenario;

/** Every string in a value, with its path. */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, p: string) => {
    if (typeof v === 'string') out.set(p, v);
    else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) walk(item, `${p}/${k}`);
  };
  walk(value, path);
  return out;
}

const NAMES = ['Callum', 'Reid', 'Helen', 'Okafor', 'Severn Vale Water', 'Gloucester'];
const form = {
  cast: {
    candidate: { name: 'Sam Patel', role: '' },
    employer: { name: 'Ada Jones', role: '' },
  },
  words: [
    { from: 'Severn Vale Water', to: 'Northwind Energy' },
    { from: 'Gloucester', to: 'Leeds' },
  ],
};

describe('adapting a scenario', () => {
  const renamings = renamingsFromForm(original, form);
  const { scenario, changes, count } = adaptScenario(original, renamings, 'adjustment-request-northwind');

  it('changes every occurrence of the names, in every text', () => {
    expect(count).toBeGreaterThan(20);
    const anyName = new RegExp(`(?<![\\p{L}])(${NAMES.join('|')})(?![\\p{L}])`, 'iu');
    for (const text of leaves(scenario).values()) expect(text).not.toMatch(anyName);
    expect(scenario.cast.candidate.name).toBe('Sam Patel');
    expect(scenario.title).toBe(original.title);
    expect(scenario.setting).toContain('Northwind Energy supplies');
    expect(scenario.cast.employer.role).toBe('Head of Cyber Defence, Northwind Energy');
  });

  it('changes nothing else: same keys, ids and structure, and renaming back gives the original', () => {
    const before = leaves(original);
    const after = leaves(scenario);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const changed = new Set(changes.map((c) => `/${c.path.join('/')}`));
    for (const [path, text] of before) {
      if (path === '/id') continue;
      if (!changed.has(path)) expect(after.get(path), path).toBe(text);
    }
    expect(scenario.id).toBe('adjustment-request-northwind');
    expect(Object.keys(scenario.machine.states)).toEqual(Object.keys(original.machine.states));
    const back = adaptScenario(
      scenario,
      renamings.map((r) => ({ from: r.to, to: r.from })),
      original.id,
    );
    expect(back.scenario).toEqual(original);
  });

  it('replaces whole words only, keeping their case', () => {
    const rename = renamer([
      { from: 'Dev', to: 'Kim' },
      { from: 'security analyst', to: 'data engineer' },
    ]);
    expect(rename('Dev, the developer; DEV shouted. dev-ops? Dev’s desk').text).toBe('Kim, the developer; KIM shouted. kim-ops? Kim’s desk');
    expect(rename('the Security Analyst role; a security analyst').text).toBe('the Data Engineer role; a data engineer');
  });

  it('guesses the company and makes an id', () => {
    expect(guessCompany(original)).toBe('Severn Vale Water');
    expect(adaptedId('adjustment-request', 'Northwind Énergie!')).toBe('adjustment-request-northwind-energie');
  });
});
