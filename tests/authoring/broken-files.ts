/**
 * The broken scenario files measured in issue 12 ("Checker truth"), each with the words an author must
 * see, where, and the exit code of `npm run scenarios`. The command-line tests and the importer tests run
 * the same files (tests/authoring/one-checker.test.ts runs both and compares).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeScenario } from '../support/fakes.ts';

export interface BrokenCase {
  name: string;
  /** The file name (the id is set to match it unless the case is about the id). */
  file: string;
  text: string;
  /** `invalid`: cannot be saved; `draft`: valid but not finished. */
  verdict: 'invalid' | 'draft';
  /** What the importer says when it differs (it has no file name, so the id rule does not apply). */
  importVerdict?: 'ready';
  /** A finding that must be among the file's problems or errors. */
  expected: { where: string; message: string | RegExp };
  /** The exit code of `npm run scenarios` for this file alone. */
  exit: 0 | 1;
}

/** The fake scenario with id `id`, after `change` edits it, as the text of a file. */
export function scenarioText(id: string, change: (s: any) => void = () => {}): string {
  const s = fakeScenario({ id }) as any;
  change(s);
  return JSON.stringify(s, null, 2);
}

const narrator = (text: string, on?: unknown) => ({ meta: { speaker: 'narrator', text: [text] }, ...(on ? { on } : {}) });

export const BROKEN: BrokenCase[] = [
  {
    name: 'the same choice key written twice',
    file: 'twice-call.json',
    text: scenarioText('twice-call').replace(
      '"choice.late": {',
      '"choice.rude": { "target": "answer", "meta": { "label": "x", "feedback": "x", "thoughts": "x" } },\n        "choice.late": {',
    ),
    verdict: 'draft',
    expected: {
      where: 'scene "start" → choice "choice.rude"',
      message: 'is written twice in the same place; JSON keeps only the last one, so the first is ignored: remove or rename one of them',
    },
    exit: 1,
  },
  {
    name: 'a trailing comma',
    file: 'comma-call.json',
    text: scenarioText('comma-call').replace('"minutes": 3,', '"minutes": 3,,'),
    verdict: 'invalid',
    expected: { where: 'the file', message: 'is not valid JSON: expected a key in double quotes, found ","' },
    exit: 1,
  },
  {
    name: 'a comma before a closing brace',
    file: 'last-comma.json',
    text: scenarioText('last-comma')
      .replace(/"tags": \[\n\s+"test"\n\s+\],\n/, '')
      .replace(/\n\}$/, ',\n}'),
    verdict: 'invalid',
    expected: { where: 'the file', message: 'is not valid JSON: a comma before } is not allowed in JSON; remove the last comma.' },
    exit: 1,
  },
  {
    name: 'a missing comma',
    file: 'missing-comma.json',
    text: scenarioText('missing-comma').replace('"minutes": 3,', '"minutes": 3'),
    verdict: 'invalid',
    expected: { where: 'the file', message: 'is not valid JSON: expected a comma (,) or } after the value of "minutes", found "\\"".' },
    exit: 1,
  },
  {
    name: 'an id that is not the file name',
    file: 'other-name.json',
    text: scenarioText('fake-call'),
    verdict: 'draft',
    importVerdict: 'ready',
    expected: {
      where: 'id',
      message:
        'is "fake-call", but the file is called "other-name.json": the id and the file name must match; rename the file to "fake-call.json" or change the id',
    },
    exit: 1,
  },
  {
    name: 'a non-final scene with no way on',
    file: 'dead-end.json',
    text: scenarioText('dead-end', (s) => {
      s.machine.states.start.on['choice.late'].target = 'limbo';
      s.machine.states.limbo = narrator('The line goes quiet.');
    }),
    verdict: 'draft',
    expected: {
      where: 'scene "limbo"',
      message:
        'is a dead end: the scene has no choices and no continue, so a run that gets there can never finish; make it an ending ("type": "final") or give it a way on (a choice or "continue")',
    },
    exit: 1,
  },
  {
    name: 'a continue that leads back to its own scene',
    file: 'self-loop.json',
    text: scenarioText('self-loop', (s) => {
      s.machine.states.wrap.on['choice.curt'].target = 'hold';
      s.machine.states.hold = narrator('Please hold.', { continue: { target: 'hold' } });
    }),
    verdict: 'draft',
    expected: {
      where: 'scene "hold"',
      message: 'is a trap: a run that gets there can never reach a final scene, because it only leads back to itself; give it a way on to a final scene',
    },
    exit: 1,
  },
  {
    name: 'two scenes that only lead to each other',
    file: 'two-loop.json',
    text: scenarioText('two-loop', (s) => {
      s.machine.states.wrap.on['choice.curt'].target = 'ping';
      s.machine.states.ping = narrator('Ping.', { continue: { target: 'pong' } });
      s.machine.states.pong = narrator('Pong.', { continue: { target: 'ping' } });
    }),
    verdict: 'draft',
    expected: {
      where: 'scenes "ping" and "pong"',
      message:
        'form a trap: a run that gets there can never reach a final scene, because they only lead to each other; give one of them a way on to a final scene',
    },
    exit: 1,
  },
  ...['toString', 'constructor', 'valueOf'].map((name): BrokenCase => ({
    name: `a target named ${name}`,
    file: `target-${name.toLowerCase()}.json`,
    text: scenarioText(`target-${name.toLowerCase()}`, (s) => (s.machine.states.wrap.on['choice.curt'].target = name)),
    verdict: 'invalid',
    expected: { where: 'scene "wrap" → choice "choice.curt" → target', message: `there is no scene called "${name}"` },
    exit: 1,
  })),
  {
    name: 'a continue written as text',
    file: 'continue-text.json',
    text: scenarioText('continue-text', (s) => {
      s.machine.states.employerYes = narrator('Yes.', 'end');
      s.machine.states.employerYes.on = { continue: 'end' };
    }),
    verdict: 'invalid',
    expected: { where: 'scene "employerYes" → continue', message: 'must be an object in { … } or a list in [ … ], not text ("end")' },
    exit: 1,
  },
  {
    name: 'an effect without a type',
    file: 'no-type.json',
    text: scenarioText('no-type', (s) => (s.machine.states.wrap.on['choice.curt'].actions = [{}])),
    verdict: 'invalid',
    expected: {
      where: 'scene "wrap" → choice "choice.curt" → effect 1 → type',
      message: 'an effect needs a "type": one of "impress", "dealBreaker", "setFlag", "clearFlag"',
    },
    exit: 1,
  },
  {
    name: 'a cast name made only of a zero-width space',
    file: 'zero-width.json',
    text: scenarioText('zero-width', (s) => (s.cast.employer.name = '\u200b')),
    verdict: 'invalid',
    expected: { where: 'cast → employer → name', message: 'a name must not be empty: it holds only invisible characters (such as a zero-width space)' },
    exit: 1,
  },
  {
    name: 'a title starting with a right-to-left override',
    file: 'rtl-title.json',
    text: scenarioText('rtl-title', (s) => (s.title = '\u202eA short call')),
    verdict: 'invalid',
    expected: {
      where: 'title',
      message: 'the title holds a hidden character that changes the direction of the text (U+202A–U+202E or U+2066–U+2069); remove it',
    },
    exit: 1,
  },
  {
    name: 'a 150 KB speaker name',
    file: 'long-speaker.json',
    text: scenarioText('long-speaker', (s) => (s.machine.states.wrap.meta.speaker = 'x'.repeat(150_000))),
    verdict: 'invalid',
    expected: { where: 'scene "wrap" → speaker', message: `"${'x'.repeat(57)}…" is not in the cast; use "narrator" or one of "employer", "candidate"` },
    exit: 1,
  },
];

/** A loop that can be left: valid and complete, with shares only estimated (exit 0, never called "complete"). */
export const LEAVABLE_LOOP = {
  file: 'loop-call.json',
  text: scenarioText('loop-call', (s) => {
    s.machine.states.wrap.on['choice.again'] = {
      target: 'wrap',
      actions: [{ type: 'setFlag', params: { flag: 'again' } }],
      meta: { label: 'Ask one more question', feedback: 'Feedback', thoughts: 'Thoughts' },
    };
  }),
};

/** Write files into a fresh temporary folder; returns their paths, in order. */
export function writeFiles(files: { file: string; text: string }[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'osotd-check-'));
  return files.map(({ file, text }) => {
    const path = join(dir, file);
    writeFileSync(path, text);
    return path;
  });
}
