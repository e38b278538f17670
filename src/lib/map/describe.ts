/**
 * The map in words: short marks drawn inside each scene box, and the full sentence that screen readers
 * hear and the scene list shows. Marks never rely on colour alone.
 */
import { OUTCOME_INFO, type Outcome } from '../engine/ledger.ts';
import type { MapFacts } from './facts.ts';
import type { MapNode } from './graph.ts';

/** One letter per outcome, drawn in the outcome's colour on final scenes and explained in the legend. */
export const OUTCOME_LETTERS: Record<Outcome, string> = {
  mutualFit: 'M',
  candidateDeclines: 'C',
  employerDeclines: 'E',
  noFit: 'N',
};

export interface SceneMarks {
  unreachable: boolean;
  deadEnd: boolean;
  /** Outcomes of runs that end here (final scenes only). */
  endings: Outcome[];
  /** 1-based step numbers at which the highlighted run was in this scene. */
  steps: number[];
}

export function sceneMarks(node: MapNode, facts: MapFacts, path: readonly string[]): SceneMarks {
  const steps: number[] = [];
  path.forEach((id, i) => id === node.id && steps.push(i + 1));
  return {
    unreachable: !facts.reachable.has(node.id),
    deadEnd: facts.deadEnds.has(node.id),
    endings: facts.endings[node.id] ?? [],
    steps,
  };
}

/** The second line in a scene's box: "start · employer decides", "ending", "unreachable"… */
export function shortStatus(node: MapNode, marks: SceneMarks): string {
  const what = marks.unreachable ? 'unreachable' : marks.deadEnd ? 'dead end' : node.kind === 'final' ? 'ending' : node.decides ? `${node.decides} decides` : 'continues';
  return node.initial ? `start · ${what}` : what;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A full sentence about a scene, for its accessible name and the scene list. */
export function longStatus(node: MapNode, marks: SceneMarks): string {
  const parts: string[] = [];
  if (node.initial) parts.push('The scenario starts here.');
  if (node.kind === 'final') parts.push('The interview ends here.');
  else if (node.decides) parts.push(`The ${node.decides} decides: ${plural(node.exits, 'choice')}.`);
  else parts.push(node.exits > 1 ? `It continues to one of ${node.exits} scenes, depending on the ledgers.` : 'It continues.');
  if (marks.unreachable) parts.push('Unreachable: no seat can get here.');
  if (marks.deadEnd) parts.push('Dead end: a run can get stuck here.');
  if (marks.endings.length) parts.push(`Runs that end here: ${marks.endings.map((o) => OUTCOME_INFO[o].title.toLowerCase()).join('; ')}.`);
  if (marks.steps.length) parts.push(`On the run's path at step ${marks.steps.join(', ')}.`);
  return parts.join(' ');
}

/** Trim an id to fit a box; the full id is in the accessible name and the details. */
export function fitText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
