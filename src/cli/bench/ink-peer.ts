/**
 * The peer the bench measures the app against: a minimal page that plays an ink story with inkjs 2.4 (a
 * dev dependency), a plain choice list. The story is comparable to a built-in scenario: 30 knots of about
 * 220 characters each, three choices per decision, six counters that the choices move, four endings
 * decided by the counters (like the two ledgers and the four outcomes). It is written here, compiled with
 * inkjs's own compiler at bench time, and served with the runtime (`dist/ink.js`, minified) next to it.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Compiler } from 'inkjs/full';
import { mulberry32 } from '../../lib/engine/analyse.ts';

/** The heading the ink page shows when a story ends (the bench's "run ended" signal). */
export const INK_END_TITLE = 'The end';

const COUNTERS = ['ec', 'ek', 'es', 'cc', 'ck', 'cs'];
const WORDS =
  'the interviewer looks up from the notes and asks about the last project you led and how the team handled a deadline that moved twice in one week while the client kept changing what they wanted from the release'.split(
    ' ',
  );

function sentence(pick: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(pick() * WORDS.length)]!);
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * The ink source: `knots` knots in layers of three, each offering three choices into the next layer
 * (each choice moves two counters), then a verdict knot that diverts to one of four ending knots.
 */
export function inkStorySource(knots = 30): string {
  const pick = mulberry32(15);
  const playable = knots - 4;
  const layer = (i: number) => Math.floor(i / 3);
  const lastLayer = layer(playable - 1);
  const lines: string[] = [...COUNTERS.map((c) => `VAR ${c} = 0`), '-> k0', ''];
  for (let i = 0; i < playable; i++) {
    lines.push(`=== k${i} ===`, sentence(pick, 20), sentence(pick, 18));
    const next = layer(i) + 1;
    for (let c = 0; c < 3; c++) {
      const to = next > lastLayer ? 'verdict' : `k${Math.min(playable - 1, next * 3 + ((i + c) % 3))}`;
      const a = COUNTERS[Math.floor(pick() * 3)]!;
      const b = COUNTERS[3 + Math.floor(pick() * 3)]!;
      const da = pick() < 0.5 ? '+ 1' : '- 1';
      const db = pick() < 0.5 ? '+ 1' : '- 1';
      lines.push(`* [${sentence(pick, 9)}]`, `  ~ ${a} = ${a} ${da}`, `  ~ ${b} = ${b} ${db}`, `  -> ${to}`);
    }
    lines.push('');
  }
  lines.push(
    '=== verdict ===',
    '{',
    '  - ec + ek + es > 0 && cc + ck + cs > 0: -> mutual',
    '  - ec + ek + es > 0: -> declined_by_candidate',
    '  - cc + ck + cs > 0: -> declined_by_employer',
    '  - else: -> no_fit',
    '}',
    '',
  );
  for (const [knot, words] of [
    ['mutual', 'Both sides liked what they saw, and an offer is on its way.'],
    ['declined_by_candidate', 'The employer wanted you, but you did not want them.'],
    ['declined_by_employer', 'You liked them, but they did not offer you the job.'],
    ['no_fit', 'Neither side wanted to go on.'],
  ]) {
    lines.push(`=== ${knot} ===`, words!, '-> END', '');
  }
  return lines.join('\n');
}

/** The story compiled to ink's JSON, with inkjs's compiler. */
export function compileInkStory(source = inkStorySource()): string {
  const compiler = new Compiler(source);
  const story = compiler.Compile();
  if (compiler.errors.length) throw new Error(`ink did not compile: ${compiler.errors[0]}`);
  return story.ToJson() ?? '';
}

/**
 * The page: loads the runtime and the story, then shows each scene's paragraphs and its choices as
 * numbered buttons (the same `aria-keyshortcuts` buttons as the app), replacing the previous scene.
 */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ink peer</title>
<style>
body { font: 1.05rem/1.5 system-ui, sans-serif; max-width: 40rem; margin: 0 auto; padding: 1rem; }
ol { list-style: none; padding: 0; display: grid; gap: 0.5rem; }
button { width: 100%; text-align: left; font: inherit; padding: 0.6rem 0.8rem; border-radius: 0.5rem; }
</style>
</head>
<body>
<main>
<h1>Ink peer</h1>
<article id="scene" aria-live="polite"></article>
<ol id="choices"></ol>
</main>
<script src="ink.js"></script>
<script>
fetch('story.json').then((r) => r.text()).then((json) => {
  const story = new inkjs.Story(json);
  const scene = document.getElementById('scene');
  const list = document.getElementById('choices');
  function render() {
    const paragraphs = [];
    while (story.canContinue) {
      const p = document.createElement('p');
      p.textContent = story.Continue();
      paragraphs.push(p);
    }
    if (!story.currentChoices.length) {
      const h = document.createElement('h2');
      h.textContent = ${JSON.stringify(INK_END_TITLE)};
      paragraphs.unshift(h);
    }
    scene.replaceChildren(...paragraphs);
    list.replaceChildren(...story.currentChoices.map((choice, i) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = (i + 1) + '. ' + choice.text;
      button.setAttribute('aria-keyshortcuts', String(i + 1));
      button.addEventListener('click', () => { story.ChooseChoiceIndex(i); render(); });
      li.append(button);
      return li;
    }));
  }
  render();
});
</script>
</body>
</html>
`;

/** Write the ink page (index.html, ink.js, story.json) into `dir`; returns the story's knot count. */
export function buildInkPage(dir: string, knots = 30): { knots: number } {
  mkdirSync(dir, { recursive: true });
  const require = createRequire(import.meta.url);
  // `inkjs` (the CommonJS entry) is the runtime alone, minified: dist/ink.js.
  copyFileSync(require.resolve('inkjs'), join(dir, 'ink.js'));
  writeFileSync(join(dir, 'story.json'), compileInkStory(inkStorySource(knots)));
  writeFileSync(join(dir, 'index.html'), PAGE);
  return { knots };
}
