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

/** The 1-based steps at which a run's `path` (scene ids in order) was in each scene, built in one pass. */
export function stepsByScene(path: readonly string[]): Map<string, number[]> {
  const steps = new Map<string, number[]>();
  path.forEach((id, i) => {
    const list = steps.get(id);
    if (list) list.push(i + 1);
    else steps.set(id, [i + 1]);
  });
  return steps;
}

/** What the map marks on a scene; `steps` from `stepsByScene` of the highlighted run's path. */
export function sceneMarks(node: MapNode, facts: MapFacts, steps: ReadonlyMap<string, number[]>): SceneMarks {
  return {
    unreachable: !facts.reachable.has(node.id),
    deadEnd: facts.deadEnds.has(node.id),
    endings: facts.endings.get(node.id) ?? [],
    steps: steps.get(node.id) ?? [],
  };
}

/** The second line in a scene's box: "start · employer decides", "ending", "unreachable"… */
export function shortStatus(node: MapNode, marks: SceneMarks): string {
  const what = marks.unreachable
    ? 'unreachable'
    : marks.deadEnd
      ? 'dead end'
      : node.kind === 'final'
        ? 'ending'
        : node.decides
          ? `${node.decides} decides`
          : 'continues';
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

/** Trim text to at most `max` characters, ending with "…" when cut. */
export function fitText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Most characters of a scene's title, the first words of its text, as drawn in its box. */
export const TITLE_LENGTH = 22;

/**
 * A scene's title for the map: the first words of its first line, without a leading speaker prefix
 * ("Diane: ") or opening quote, cut at a word and ended with "…" to fit `max` characters. Falls back to
 * the scene's id when the line has no words.
 */
export function sceneTitle(firstLine: string, id: string, max = TITLE_LENGTH): string {
  const text = firstLine
    .replace(/^[\p{Lu}][\p{L}\p{M} .'’-]{0,30}:\s+/u, '')
    .replace(/^[\s"“‘'«(]+/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return id;
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  // Keep the last word only when it ends where the cut does.
  const space = text[max - 1] === ' ' ? cut.length : cut.lastIndexOf(' ');
  const words = (space > max / 3 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?"”’'–—-]+$/u, '');
  return `${words}…`;
}

/**
 * Titles for every scene, by id. Scenes whose titles would be the same are told apart by a number
 * ("The call ends. (2)") in file order, so no two scene buttons share a name.
 */
export function sceneTitles(nodes: readonly Pick<MapNode, 'id' | 'firstLine'>[]): Map<string, string> {
  const titles = new Map(nodes.map((n) => [n.id, sceneTitle(n.firstLine, n.id)]));
  const seen = new Map<string, number>();
  for (const n of nodes) {
    const title = titles.get(n.id)!;
    const count = (seen.get(title) ?? 0) + 1;
    seen.set(title, count);
    if (count > 1) titles.set(n.id, `${title} (${count})`);
  }
  return titles;
}
