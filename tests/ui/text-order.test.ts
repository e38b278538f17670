import { describe, expect, it } from 'vitest';
import { allTags } from '../../src/lib/state/library.svelte.ts';
import { builtInScenarios } from '../../src/lib/scenarios/catalog.ts';
import { textOrder } from '../../src/lib/ui/text-order.ts';

const sign = (n: number) => Math.sign(n);

describe('textOrder', () => {
  const names = [
    ...new Set(builtInScenarios().flatMap((s) => [...s.tags, s.title])),
    'AI tools',
    'ai tools',
    'Ai Tools',
    'on-call',
    'on call',
    'oncall',
    'SOC',
    'soc',
    'Soc 2',
    'soc 10',
    'Zebra',
    'apple',
    '',
    'Café',
    'cafe',
    'Ångström',
    'zulu',
    'naïve',
    'b, c',
  ];

  it('orders every pair as localeCompare does (the built-in topics and titles, and cases and accents)', () => {
    for (const a of names) for (const b of names) expect(sign(textOrder(a, b)), `${a} against ${b}`).toBe(sign(a.localeCompare(b)));
  });

  it('gives the library its topics in alphabetical order regardless of case, each once', () => {
    const tags = allTags([
      { id: 'a', title: 'A', summary: '', seats: ['employer'], minutes: 5, tags: ['SOC', 'feedback', 'AI tools'] },
      { id: 'b', title: 'B', summary: '', seats: ['employer'], minutes: 5, tags: ['feedback', 'on-call', 'Equality Act'] },
    ]);
    expect(tags).toEqual(['AI tools', 'Equality Act', 'feedback', 'on-call', 'SOC']);
  });
});
