// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkImport, type ImportCheck } from '../../src/lib/authoring/import.ts';
import { IMPORT_LIMITS } from '../../src/lib/authoring/limits.ts';
import { fakeText, lineOf } from './support.ts';

type Data = any;

interface BrokenFile {
  name: string;
  /** The file's text, or an edit of the fake scenario (pretty-printed like an author's file). */
  text: string | ((data: Data) => void);
  where: string;
  message: string;
  /** The line the problem must be reported on: the line holding this text (or an offset from it). */
  line?: { at: string; plus?: number };
}

const start = (d: Data) => d.machine.states.start;
const answer = (d: Data) => d.machine.states.answer;

/** Hand-made broken files, each with the message an author must see and where. */
const BROKEN: BrokenFile[] = [
  {
    name: 'a target with a typo',
    text: (d) => (start(d).on['choice.late'].target = 'anwser'),
    where: 'scene "start" → choice "choice.late" → target',
    message: 'there is no scene called "anwser" (did you mean "answer"?)',
    line: { at: '"target": "anwser"' },
  },
  {
    name: 'an unknown dimension',
    text: (d) => (answer(d).on['choice.prepared'].actions[0].params.dimension = 'charm'),
    where: 'scene "answer" → choice "choice.prepared" → effect 1 → dimension',
    message: '"charm" is not a dimension; use one of "courtesy", "communication", "commonSense"',
    line: { at: '"dimension": "charm"' },
  },
  {
    name: 'an unknown effect',
    text: (d) => (answer(d).on['choice.vague'].actions = [{ type: 'flatter', params: {} }]),
    where: 'scene "answer" → choice "choice.vague" → effect 1 → type',
    message: 'there is no effect called "flatter"',
    line: { at: '"type": "flatter"' },
  },
  {
    name: 'an unknown condition',
    text: (d) => (answer(d).meta.npc[0].guard = { type: 'ledgerAbove', params: { ledger: 'candidate', value: 1 } }),
    where: 'scene "answer" → npc rule 1 → guard → type',
    message: 'there is no condition called "ledgerAbove"',
    line: { at: '"type": "ledgerAbove"' },
  },
  {
    name: 'an effect of zero',
    text: (d) => (start(d).on['choice.onTime'].actions[0].params.by = 0),
    where: 'scene "start" → choice "choice.onTime" → effect 1 → by',
    message: '"by" must not be 0',
    line: { at: '"by": 0' },
  },
  {
    name: 'an effect too large',
    text: (d) => (start(d).on['choice.onTime'].actions[0].params.by = 9),
    where: 'scene "start" → choice "choice.onTime" → effect 1 → by',
    message: '"by" must be between -5 and 5',
    line: { at: '"by": 9' },
  },
  {
    name: 'an effect that is not a whole number',
    text: (d) => (start(d).on['choice.onTime'].actions[0].params.by = 1.5),
    where: 'scene "start" → choice "choice.onTime" → effect 1 → by',
    message: '"by" must be a whole number',
    line: { at: '"by": 1.5' },
  },
  {
    name: 'a missing title',
    text: (d) => delete d.title,
    where: 'title',
    message: 'is missing',
    line: { at: '{' },
  },
  {
    name: 'a field the format does not know',
    text: (d) => (d.author = 'Sam'),
    where: 'the file',
    message: 'has a field it does not know: "author"',
    line: { at: '"author": "Sam"' },
  },
  {
    name: 'a format version from the future',
    text: (d) => (d.format = 4),
    where: 'format',
    message: '"format" must be 3 (or 1 or 2 for files written before format 3)',
    line: { at: '"format": 4' },
  },
  {
    name: 'a speaker who is not in the cast',
    text: (d) => (start(d).meta.speaker = 'recruiter'),
    where: 'scene "start" → speaker',
    message: '"recruiter" is not in the cast; use "narrator" or one of "employer", "candidate"',
    line: { at: '"speaker": "recruiter"' },
  },
  {
    name: 'a first scene that does not exist',
    text: (d) => (d.machine.initial = 'begin'),
    where: 'machine → initial',
    message: 'there is no scene called "begin"',
    line: { at: '"initial": "begin"' },
  },
  {
    name: 'a simulated side choosing a choice the scene lacks',
    text: (d) => (start(d).meta.npc = [{ choose: 'choice.early' }]),
    where: 'scene "start" → npc rule 1 → choose',
    message: '"choice.early" is not a choice of this scene',
    line: { at: '"choose": "choice.early"' },
  },
  {
    name: 'no rules for the simulated side',
    text: (d) => delete start(d).meta.npc,
    where: 'scene "start" → npc',
    message: 'is missing: when a person plays the candidate, the scenario must decide for the employer here',
    // The field is missing, so the line is that of the scene's "meta", where it belongs.
    line: { at: '"start": {', plus: 1 },
  },
  {
    name: 'a final scene with choices',
    text: (d) => (d.machine.states.end.on = { continue: { target: 'start' } }),
    where: 'scene "end" → on',
    message: 'a final scene ends the interview and cannot have choices or continue',
    line: { at: '"continue": {', plus: -1 },
  },
  {
    name: 'a choice not named choice.<name>',
    text: (d) => {
      start(d).on.late = start(d).on['choice.late'];
      delete start(d).on['choice.late'];
    },
    where: 'scene "start" → choice "late"',
    message: 'a choice event must be named "choice.<name>"',
    line: { at: '"late": {' },
  },
  {
    name: 'a scene with no text',
    text: (d) => (start(d).meta.text = []),
    where: 'scene "start" → text',
    message: 'a scene needs at least one line of text',
    line: { at: '"text": []' },
  },
  {
    name: 'a seat listed twice',
    text: (d) => (d.seats = ['employer', 'employer']),
    where: 'seats',
    message: 'a seat is listed twice',
    line: { at: '"seats": [' },
  },
  {
    name: 'an id with spaces',
    text: (d) => (d.id = 'my scenario'),
    where: 'id',
    message: 'the scenario id must start with a letter and hold only letters, digits, - or _',
    line: { at: '"id": "my scenario"' },
  },
  {
    name: 'a choice without a label',
    text: (d) => delete start(d).on['choice.late'].meta.label,
    where: 'scene "start" → choice "choice.late" → meta → label',
    message: 'is missing',
    line: { at: '"feedback": "Feedback on: Call ten minutes late"', plus: -1 },
  },
  {
    name: 'a guarded last rule for the simulated side',
    text: (d) => (start(d).meta.npc = [{ guard: { type: 'flagSet', params: { flag: 'grilled' } }, choose: 'choice.onTime' }]),
    where: 'scene "start" → npc rule 1',
    message: 'the last rule must have no guard',
    line: { at: '"npc": [', plus: 1 },
  },
  {
    name: 'choices without saying who decides',
    text: (d) => delete start(d).meta.decides,
    where: 'scene "start" → decides',
    message: 'is missing: the scene has choices, so say which side makes them',
    line: { at: '"start": {', plus: 1 },
  },
  {
    name: 'continue in a scene where someone decides',
    text: (d) => (start(d).on.continue = { target: 'answer' }),
    where: 'scene "start" → continue',
    message: 'a scene where someone decides offers choices, not "continue"',
    line: { at: '"continue": {' },
  },
  {
    name: 'minutes written as text',
    text: (d) => (d.minutes = '3'),
    where: 'minutes',
    message: '"minutes" must be a whole number',
    line: { at: '"minutes": "3"' },
  },
  {
    name: 'a trailing comma',
    text: '{\n  "format": 1,\n  "id": "late-call",\n}\n',
    where: 'the file',
    message: 'is not valid JSON: a comma before } is not allowed in JSON; remove the last comma.',
    line: { at: '}' },
  },
  {
    name: 'a comment',
    text: '{\n  "format": 1, // the only version\n  "id": "x"\n}',
    where: 'the file',
    message: 'is not valid JSON: JSON does not allow comments; remove them.',
    line: { at: '// the only' },
  },
  {
    name: 'a YAML file',
    text: 'format: 1\nid: late-call\ntitle: The late call\n',
    where: 'the file',
    message: 'It looks like YAML: scenario files must be JSON.',
    line: { at: 'format' },
  },
  {
    name: 'a list instead of a scenario',
    text: '[{ "format": 1 }]',
    where: 'the file',
    message: 'holds a list; a scenario file holds one scenario: an object in { … }',
  },
  {
    name: 'an empty file',
    text: '  \n',
    where: 'the file',
    message: 'is empty',
  },
  {
    name: 'a file cut short',
    text: fakeText().slice(0, fakeText().indexOf('"machine"')),
    where: 'the file',
    message: 'the file ends before this { is closed with }',
    line: { at: '{' },
  },
];

function textOf(file: BrokenFile): string {
  return typeof file.text === 'string' ? file.text : fakeText(file.text);
}

describe('checkImport: broken files', () => {
  it('has at least twenty hand-made broken files', () => {
    expect(BROKEN.length).toBeGreaterThanOrEqual(20);
  });

  it.each(BROKEN.map((f) => [f.name, f] as const))('explains %s, with its place and line', (_name, file) => {
    const text = textOf(file);
    const check = checkImport(text);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const problem = check.problems.find((p) => p.message.includes(file.message));
    expect(problem, `messages were: ${check.problems.map((p) => `${p.where}: ${p.message}`).join(' | ')}`).toBeDefined();
    expect(problem!.where).toBe(file.where);
    if (file.line) expect(problem!.line).toBe(lineOf(text, file.line.at) + (file.line.plus ?? 0));
  });

  it('gives the line of every schema problem that has a place in the file', () => {
    const text = fakeText((d) => {
      d.machine.states.start.on['choice.late'].target = 'nowhere';
      d.machine.states.answer.meta.speaker = 'ghost';
    });
    const check = checkImport(text) as Extract<ImportCheck, { ok: false }>;
    expect(check.problems).toHaveLength(2);
    for (const p of check.problems) expect(p.line).toBeGreaterThan(1);
  });

  it('finds the line of an unknown field whose name holds a backslash or a control character', () => {
    const text = fakeText((d) => (d.machine.states.start['odd\\name\u0001'] = 1));
    const check = checkImport(text);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems[0]).toMatchObject({ where: 'scene "start"', line: lineOf(text, '"odd\\\\name') });
  });

  it('refuses a file over the size limit without reading it as JSON', () => {
    const big = fakeText((d) => (d.machine.states.end.meta.text = Array.from({ length: 400 }, () => 'x'.repeat(1100))));
    const check = checkImport(big);
    expect(check).toMatchObject({
      ok: false,
      problems: [{ where: 'the file', message: expect.stringContaining('the largest file that can be imported is 400 KB') }],
    });
  });

  it('refuses a file with more scenes than the limit', () => {
    const text = fakeText((d) => {
      for (let i = 0; i < IMPORT_LIMITS.maxScenes; i++) d.machine.states[`extra${i}`] = { type: 'final', meta: { speaker: 'narrator', text: ['x'] } };
    });
    const check = checkImport(text);
    expect(check).toMatchObject({
      ok: false,
      problems: [{ where: 'machine → states', message: `has ${IMPORT_LIMITS.maxScenes + 4} scenes; a scenario can have at most ${IMPORT_LIMITS.maxScenes}` }],
    });
  });

  it('counts the size in bytes, not characters', () => {
    const text = fakeText((d) => (d.machine.states.end.meta.text = Array.from({ length: 200 }, () => 'é'.repeat(1100))));
    expect(text.length).toBeLessThan(IMPORT_LIMITS.maxBytes);
    expect(checkImport(text)).toMatchObject({
      ok: false,
      problems: [{ message: `is ${Math.round(new TextEncoder().encode(text).length / 1024)} KB; the largest file that can be imported is 400 KB` }],
    });
  });
});

describe('checkImport: valid files', () => {
  it('accepts a complete scenario as ready to save', () => {
    const check = checkImport(fakeText());
    expect(check).toMatchObject({ ok: true, status: 'ready', warnings: [] });
    if (check.ok) expect(check.scenario.id).toBe('fake-call');
  });

  it('ignores a byte-order mark at the start', () => {
    expect(checkImport(`\uFEFF${fakeText()}`).ok).toBe(true);
  });

  it('calls a scenario with an outcome out of reach a draft, and says which', () => {
    const text = readFileSync('tests/fixtures/incomplete.json', 'utf8');
    const check = checkImport(text);
    expect(check).toMatchObject({ ok: true, status: 'draft' });
    if (!check.ok) return;
    expect(check.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining("from the candidate's seat, no path ends in candidateDeclines (the candidate walks away), noFit"),
    );
  });

  it('calls a scenario with a dead end a draft, and gives the scene line', () => {
    const text = fakeText((d) => {
      const wrap = d.machine.states.wrap;
      delete wrap.meta.decides;
      delete wrap.meta.npc;
      wrap.on = { continue: [{ guard: { type: 'flagSet', params: { flag: 'never' } }, target: 'end' }] };
    });
    const check = checkImport(text);
    expect(check).toMatchObject({ ok: true, status: 'draft' });
    if (!check.ok) return;
    const deadEnd = check.warnings.find((w) => w.message.startsWith('is a dead end'));
    expect(deadEnd).toMatchObject({ where: 'scene "wrap"', line: lineOf(text, '"wrap": {') });
  });

  it('warns about an unreachable scene but still lets it be saved', () => {
    const text = fakeText((d) => (d.machine.states.orphan = { type: 'final', meta: { speaker: 'narrator', text: ['Nobody comes here.'] } }));
    const check = checkImport(text);
    expect(check).toMatchObject({ ok: true, status: 'ready' });
    if (!check.ok) return;
    expect(check.warnings).toEqual([
      expect.objectContaining({ where: 'scene "orphan"', message: 'cannot be reached from any seat the scenario lists', line: lineOf(text, '"orphan": {') }),
    ]);
  });

  it('warns about a key written twice (JSON keeps the last)', () => {
    const text = fakeText().replace('"title": "A short call",', '"title": "A short call",\n  "title": "A longer call",');
    const check = checkImport(text);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.scenario.title).toBe('A longer call');
    expect(check.warnings).toContainEqual(
      expect.objectContaining({ where: 'title', line: lineOf(text, '"title": "A longer call"'), message: expect.stringContaining('written twice') }),
    );
  });

  it('reports an id already used by a built-in scenario, with a free id for a copy', () => {
    const check = checkImport(fakeText(), { builtInIds: ['fake-call', 'fake-call-2'] });
    expect(check).toMatchObject({ ok: true, clash: { with: 'built-in', id: 'fake-call', suggestion: 'fake-call-3' } });
  });

  it('reports an id already used by a custom scenario', () => {
    const check = checkImport(fakeText(), { customIds: ['fake-call'] });
    expect(check).toMatchObject({ ok: true, clash: { with: 'custom', id: 'fake-call', suggestion: 'fake-call-2' } });
  });

  it('lists the library guidelines a scenario does not meet, as advice', () => {
    const check = checkImport(fakeText());
    expect(check.ok && check.suggestions).toContainEqual('give at least 3 discussion questions');
  });
});
