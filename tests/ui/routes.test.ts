import { describe, expect, it } from 'vitest';
import { href, parseHash, type Route } from '../../src/app/routes.ts';

describe('routes', () => {
  const routes: [string, Route][] = [
    ['#/', { name: 'library' }],
    ['#/scenario/phone-screen', { name: 'scenario', id: 'phone-screen' }],
    ['#/play/phone-screen/both', { name: 'play', id: 'phone-screen', seat: 'both' }],
    ['#/run/rabc123', { name: 'run', runId: 'rabc123' }],
    ['#/replay/1.phone-screen.c.0213.m', { name: 'replay', link: '1.phone-screen.c.0213.m' }],
    ['#/how-it-works', { name: 'howItWorks' }],
  ];

  it.each(routes)('reads %s and writes it back', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
    expect(href(route)).toBe(hash);
  });

  it('treats an empty hash and a trailing slash as the same address', () => {
    expect(parseHash('')).toEqual({ name: 'library' });
    expect(parseHash('#/scenario/phone-screen/')).toEqual({ name: 'scenario', id: 'phone-screen' });
  });

  it.each([
    ['#/scenarios', 'scenarios'],
    ['#/play/phone-screen/recruiter', 'play/phone-screen/recruiter'],
    ['#/scenario/not%20an%20id', 'scenario/not%20an%20id'],
    ['#/scenario/%E0%A4%A', 'scenario/%E0%A4%A'],
    ['#/run', 'run'],
    ['#/how-it-works/extra', 'how-it-works/extra'],
  ])('sends %s to "not found"', (hash, path) => {
    expect(parseHash(hash)).toEqual({ name: 'notFound', path });
  });
});
