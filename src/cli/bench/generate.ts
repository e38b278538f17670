/**
 * Generates large, valid scenarios for the benchmark. Scenes stand in layers of parallel tracks: each
 * layer has `width` decision scenes, each decision three options, each option a reaction scene that
 * leads to a decision on the same or a neighbouring track in the next layer. Decisions alternate between
 * the employer and the candidate layer by layer; the simulated side reacts to its ledger. Paths branch and
 * meet again, as in a long real scenario.
 */
import { DIMENSIONS, type Side } from '../../lib/engine/ledger.ts';
import type { ScenarioInput } from '../../lib/engine/schema.ts';

const OPTIONS = [
  { name: 'warm', by: 2, shift: 0 },
  { name: 'plain', by: 1, shift: 1 },
  { name: 'cold', by: -3, shift: 2 },
] as const;

/** Tracks in a layer: paths start on track 0 and spread by up to two tracks a layer. */
const tracksIn = (layer: number, width: number) => Math.min(width, 2 * layer + 1);

/**
 * A scenario of at least `scenes` scenes (whole layers of up to `width` tracks, four scenes a track,
 * plus one final scene).
 */
export function generateScenario(scenes: number, width = 10): ScenarioInput {
  let layers = 0;
  for (let count = 1; count < scenes; layers++) count += tracksIn(layers, width) * (1 + OPTIONS.length);
  const states: Record<string, unknown> = {};
  for (let layer = 0; layer < layers; layer++) {
    const decides: Side = layer % 2 === 0 ? 'employer' : 'candidate';
    // The decider's move changes how the other side sees them.
    const ledger: Side = decides === 'employer' ? 'candidate' : 'employer';
    for (let track = 0; track < tracksIn(layer, width); track++) {
      const dimension = DIMENSIONS[(layer + track) % DIMENSIONS.length]!;
      const id = `l${layer}t${track}`;
      states[id] = {
        meta: {
          speaker: decides,
          text: [`Layer ${layer + 1}, track ${track + 1}: the ${decides} decides.`],
          decides,
          npc: [
            { guard: { type: 'ledgerBelow', params: { ledger: decides, value: 0 } }, choose: 'choice.cold' },
            { choose: (layer + track) % 3 === 0 ? 'choice.plain' : 'choice.warm' },
          ],
        },
        on: Object.fromEntries(
          OPTIONS.map((o) => [
            `choice.${o.name}`,
            {
              target: `${id}${o.name}`,
              actions: [{ type: 'impress', params: { ledger, dimension, by: o.by } }],
              meta: { label: `Be ${o.name}`, feedback: `Moves ${dimension} by ${o.by}.`, thoughts: `The ${ledger} notices.` },
            },
          ]),
        ),
      };
      for (const o of OPTIONS) {
        const target = layer + 1 < layers ? `l${layer + 1}t${(track + o.shift) % tracksIn(layer + 1, width)}` : 'end';
        states[`${id}${o.name}`] = {
          meta: { speaker: ledger, text: [`The ${ledger} reacts to a ${o.name} move.`] },
          on: { continue: { target } },
        };
      }
    }
  }
  states['end'] = { type: 'final', meta: { speaker: 'narrator', text: ['The end.'] } };
  const count = Object.keys(states).length;
  return {
    format: 1,
    id: `generated-${count}`,
    title: `Generated scenario (${count} scenes)`,
    summary: 'A large generated scenario for the benchmark.',
    setting: 'Generated.',
    seats: ['employer', 'candidate'],
    minutes: 60,
    objectives: ['Measure the analyser.'],
    tags: ['generated'],
    facilitator: { questions: ['None.'] },
    cast: { employer: { name: 'Employer', role: 'Hiring manager' }, candidate: { name: 'Candidate', role: 'Applicant' } },
    machine: { initial: 'l0t0', states: states as never },
  };
}
