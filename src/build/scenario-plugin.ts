/**
 * Vite plugin: the built-in scenarios. Each file in scenarios/ is checked at build time by the one checking
 * path (`checkScenarioText`, as `npm run scenarios` and the importer do): a file that is invalid or not
 * complete (a dead end, a trap, an outcome out of reach, an id that is not its file name…) fails the build
 * with the checker's messages. Each becomes three lazily loaded chunks, already normalised, so the app
 * needs no validator to play it: `virtual:scenario/<id>`, what play needs before the first choice, and its
 * commentary in two parts (see `splitCommentary`): `virtual:scenario-notes/<id>-coach` (coach feedback and
 * reasons) and `virtual:scenario-notes/<id>-notes` (the other side's thoughts, facilitator notes, prompts…),
 * which the play chunk loads on request (`coach`, `complete`) and which put themselves back into the play
 * chunk's scenario. `virtual:scenario-index` holds only what the library screen shows, plus a
 * loader per scenario.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { formatProblems } from '../lib/engine/validate.ts';
import { checkScenarioText } from '../lib/authoring/check.ts';
import type { Scenario } from '../lib/engine/schema.ts';
import { summarise } from '../lib/scenarios/summary.ts';
import { byJourney } from '../lib/scenarios/journey.ts';
import { splitCommentary } from '../lib/scenarios/commentary.ts';

const INDEX_ID = 'virtual:scenario-index';
const COMMENTARY_MODULE = fileURLToPath(new URL('../lib/scenarios/commentary.ts', import.meta.url));
const SCENARIO_PREFIX = 'virtual:scenario/';
const NOTES_PREFIX = 'virtual:scenario-notes/';
/** A part's module ends in its name, which names its chunk: `<id>-coach-<hash>.js`, `<id>-notes-<hash>.js`. */
const COACH_PART = 'coach';
const DEBRIEF_PART = 'notes';

export function scenarioPlugin(dir = 'scenarios'): Plugin {
  const folder = resolve(dir);
  const files = () =>
    readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .sort();
  // Each file is checked once per content (the index and a scenario's two chunks all load it).
  const checked = new Map<string, { text: string; scenario: Scenario }>();
  const load = (file: string): Scenario => {
    const path = join(folder, file);
    const shown = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const known = checked.get(file);
    if (known?.text === text) return known.scenario;
    const result = checkScenarioText(text, { fileName: file });
    if (!result.ok) throw new Error(`Invalid scenario:\n${formatProblems(shown, result.problems)}`);
    if (result.errors.length) throw new Error(`Unfinished scenario:\n${formatProblems(shown, result.errors)}`);
    checked.set(file, { text, scenario: result.scenario });
    return result.scenario;
  };
  return {
    name: 'scenario-library',
    resolveId(id) {
      if (id === INDEX_ID || id.startsWith(SCENARIO_PREFIX) || id.startsWith(NOTES_PREFIX)) return '\0' + id;
      return null;
    },
    load(id) {
      if (id === '\0' + INDEX_ID) {
        const entries = files()
          .map((file) => {
            this.addWatchFile(join(folder, file));
            return load(file);
          })
          .sort((a, b) => byJourney(a.id, b.id));
        const index = entries.map(summarise);
        const loaders = entries.map((s) => `${JSON.stringify(s.id)}: () => import(${JSON.stringify(SCENARIO_PREFIX + s.id)})`);
        return `export const scenarioIndex = ${JSON.stringify(index)};\nexport const loaders = {${loaders.join(',\n')}};\n`;
      }
      const prefix = [SCENARIO_PREFIX, NOTES_PREFIX].find((p) => id.startsWith('\0' + p));
      if (prefix) {
        const name = id.slice(1 + prefix.length);
        const partName = prefix === NOTES_PREFIX ? [COACH_PART, DEBRIEF_PART].find((p) => name.endsWith(`-${p}`)) : undefined;
        const wanted = partName ? name.slice(0, -partName.length - 1) : name;
        const file = files().find((f) => f === `${wanted}.json`);
        if (!file) throw new Error(`No built-in scenario "${wanted}"`);
        this.addWatchFile(join(folder, file));
        const parts = splitCommentary(load(file));
        if (prefix === SCENARIO_PREFIX) {
          // The play chunk loads its parts (each once; again after a failed load), so the first load's index
          // and catalogue stay as small as before: `coach` the coach's part, `complete` both.
          const part = (name: string) => JSON.stringify(`${NOTES_PREFIX}${wanted}-${name}`);
          return (
            `const scenario = JSON.parse(${JSON.stringify(JSON.stringify(parts.play))});\n` +
            `const once = (load) => { let done; return () => (done ??= load().then((part) => part.default(scenario), (error) => { done = undefined; throw error; })); };\n` +
            `export const coach = once(() => import(${part(COACH_PART)}));\n` +
            `const debrief = once(() => import(${part(DEBRIEF_PART)}));\n` +
            `export const complete = () => Promise.all([coach(), debrief()]).then(() => scenario);\n` +
            `export default scenario;\n`
          );
        }
        // Each part's chunk brings the code that puts it back (loaded with the first part, then shared).
        const commentary = partName === COACH_PART ? parts.coach : parts.debrief;
        return (
          `import { mergeCommentary } from ${JSON.stringify(COMMENTARY_MODULE)};\n` +
          `const commentary = JSON.parse(${JSON.stringify(JSON.stringify(commentary))});\n` +
          `export default (play) => mergeCommentary(play, commentary);\n`
        );
      }
      return null;
    },
  };
}
