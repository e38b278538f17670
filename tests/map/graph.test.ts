// @vitest-environment node
/**
 * The map's graph: every transition out of a scene in file order (a choice by its label, a continue's
 * branches numbered), and one edge per pair of scenes, shared by every transition between them.
 */
import { describe, expect, it } from 'vitest';
import { scenarioGraph } from '../../src/lib/map/graph.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { fakeScenario } from '../support/fakes.ts';

function scenario(): Scenario {
  const data = fakeScenario() as any;
  // The wrap-up continues to the end, or to an aside first when the call was pushy.
  data.machine.states.wrap.on['choice.warm'].target = 'pause';
  data.machine.states.wrap.on['choice.curt'].target = 'pause';
  data.machine.states.wrap.on['choice.curt'].guard = { type: 'flagSet', params: { flag: 'pushy' } };
  data.machine.states.pause = {
    meta: { speaker: 'narrator', text: ['A pause.'] },
    on: { continue: [{ target: 'aside', guard: { type: 'flagSet', params: { flag: 'pushy' } } }, { target: 'end' }] },
  };
  data.machine.states.aside = { meta: { speaker: 'narrator', text: ['An aside.'] }, on: { continue: { target: 'end' } } };
  const v = validateScenario(data);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario;
}

describe('the map graph', () => {
  const graph = scenarioGraph(scenario());

  it('lists each scene’s transitions in file order: choices by label, continue branches numbered', () => {
    expect(graph.exits.wrap).toEqual([
      { event: 'choice.warm', label: 'Explain the next steps warmly', guarded: false, to: 'pause' },
      { event: 'choice.curt', label: 'End the call abruptly', guarded: true, to: 'pause' },
    ]);
    expect(graph.exits.pause).toEqual([
      { event: 'continue', label: 'continue (branch 1)', guarded: true, to: 'aside' },
      { event: 'continue', label: 'continue (branch 2)', guarded: false, to: 'end' },
    ]);
    expect(graph.exits.aside).toEqual([{ event: 'continue', label: 'continue', guarded: false, to: 'end' }]);
    expect(graph.exits.end).toEqual([]);
  });

  it('joins the transitions between two scenes in one edge, and counts every exit on the node', () => {
    const wrap = graph.edges.filter((e) => e.from === 'wrap');
    expect(wrap).toEqual([
      {
        from: 'wrap',
        to: 'pause',
        kind: 'choice',
        transitions: [
          { event: 'choice.warm', label: 'Explain the next steps warmly', guarded: false },
          { event: 'choice.curt', label: 'End the call abruptly', guarded: true },
        ],
      },
    ]);
    expect(graph.edges.filter((e) => e.from === 'pause').map((e) => [e.to, e.kind])).toEqual([
      ['aside', 'continue'],
      ['end', 'continue'],
    ]);
    const node = (id: string) => graph.nodes.find((n) => n.id === id)!;
    expect([node('wrap').exits, node('pause').exits, node('end').exits]).toEqual([2, 2, 0]);
    expect([node('start').kind, node('pause').kind, node('end').kind]).toEqual(['decision', 'continue', 'final']);
  });
});
