// @vitest-environment node
/**
 * The second-edition content rules (issue 13), on fixtures that keep them (tests/fixtures/second-edition/
 * good.json) and fixtures that break one each: a railroad, too few endings, a copied ending across two
 * scenarios, a missing continue reason, formula-heavy feedback, a stock ending, text below the reading
 * level; with the format-3 ledger rule and the judgement-word rule on the same fixture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { checkContent, secondEditionAdvice } from '../../src/lib/engine/content.ts';
import {
  checkLibrarySecondEdition,
  classifyOpening,
  crowdedOpenings,
  libraryIsStrict,
  nearDuplicates,
  readingLevel,
  secondEditionFindings,
  syllables,
} from '../../src/lib/engine/content-second-edition.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';

const dir = 'tests/fixtures/second-edition';

/** A fixture, changed by `change` before validation; throws if it is not a valid scenario. */
function load(name: string, change: (data: any) => void = () => {}): Scenario {
  const data = JSON.parse(readFileSync(`${dir}/${name}.json`, 'utf8'));
  change(data);
  const v = validateScenario(data);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario;
}
const contentOf = (s: Scenario) => checkContent(s, analyseScenario(s));
const findingsOf = (s: Scenario) => secondEditionFindings(s, analyseScenario(s));
const choicesOf = (data: any) =>
  Object.values<any>(data.machine.states).flatMap((scene) =>
    Object.entries<any>(scene.on ?? {})
      .filter(([e]) => e !== 'continue')
      .map(([, c]) => c),
  );

describe('the second-edition rules for one scenario', () => {
  it('pass a scenario that branches, has four endings, gives reasons and reads at grade 8–10', () => {
    expect(findingsOf(load('good'))).toEqual([]);
  });

  it('fail a railroad: every option of every decision leads to the same next scene (fixture railroad.json)', () => {
    expect(contentOf(load('railroad'))).toContain(
      '5 of 5 decisions (100%) send every option to the same next scene; keep it to 40% or fewer ("start", "warmWelcome", "coldWelcome", "question", "answer")',
    );
  });

  it('fail a scenario with fewer than four final scenes (fixture few-endings.json)', () => {
    expect(contentOf(load('few-endings'))).toContain('2 final scenes can be reached; write at least 4, each ending written for this scenario and its outcome');
  });

  it('fail a continue branch that moves a ledger without a reason', () => {
    const s = load('good', (data) => delete data.machine.states.awkward.on.continue.reason);
    expect(contentOf(s)).toContain('scene "awkward" → continue: moves a ledger, so give a "reason" (why, in words; coach mode shows it)');
  });

  it('fail feedback where one formula ("X. But Y.") is in more than a quarter of it', () => {
    const s = load('good', (data) => {
      for (const c of choicesOf(data).slice(0, 5)) c.meta.feedback = `Fair enough. But ${c.meta.feedback}`;
    });
    expect(contentOf(s)).toContain(
      '5 of 16 pieces of feedback (31%) use one formula, a sentence starting "But" ("X. But Y."); keep each formula to 25% or fewer',
    );
  });

  it('fail feedback that opens with the dimension and a verdict too often ("Good courtesy.")', () => {
    const s = load('good', (data) => {
      for (const c of choicesOf(data).slice(0, 5)) c.meta.feedback = `Good courtesy. ${c.meta.feedback}`;
    });
    const problems = contentOf(s);
    expect(problems.some((p) => p.startsWith('5 of 16 pieces of feedback (31%) use one formula, opening by naming the dimension'))).toBe(true);
    expect(problems.some((p) => p.startsWith('5 of 16 pieces of feedback (31%) use one formula, opening with a verdict'))).toBe(true);
  });

  it('fail an ending written with a stock phrase', () => {
    const s = load('good', (data) => (data.machine.states.endNoFit.meta.text = ['Priya is baffled; she thought it went well.']));
    expect(contentOf(s)).toContain('scene "endNoFit" → line 1: a stock ending phrase; write the ending for this scenario and its outcome');
  });

  it('fail text and feedback written below grade 7.5', () => {
    const s = load('good', (data) => {
      for (const c of choicesOf(data)) c.meta.feedback = 'That was fine. It shows some courtesy. You kept it short and kind.';
      for (const scene of Object.values<any>(data.machine.states)) scene.meta.text = ['The call goes on. She waits. He talks.'];
    });
    expect(
      contentOf(s).some((p) =>
        /^the scene text and feedback read at grade -?\d+\.\d \(Flesch–Kincaid\); write for grade 8–10 \(checked within 7\.5–11\)$/.test(p),
      ),
    ).toBe(true);
  });

  it('are advice, not problems, for a file in a format before 3', () => {
    const s = load('railroad', (data) => (data.format = 2));
    expect(contentOf(s).filter((p) => p.includes('same next scene'))).toEqual([]);
    expect(secondEditionAdvice(s, analyseScenario(s)).some((p) => p.includes('send every option to the same next scene'))).toBe(true);
    expect(secondEditionAdvice(load('railroad'), analyseScenario(load('railroad')))).toEqual([]);
  });

  it('refuse, in format 3, a choice that moves its own side’s ledger (the validator)', () => {
    const data = JSON.parse(readFileSync(`${dir}/good.json`, 'utf8'));
    data.machine.states.start.on['choice.late'].actions.push({ type: 'impress', params: { ledger: 'employer', dimension: 'courtesy', by: -1 } });
    const result = validateScenario(data);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.where)).toContain('scene "start" → choice "choice.late" → effect 2 → ledger');
  });

  it('fail a label that judges instead of saying what is said or done (the gameability check)', () => {
    const s = load('good', (data) => (data.machine.states.question.on['choice.interrupt'].meta.label = 'Interrupt sharply to ask about tools'));
    expect(contentOf(s)).toContain('scene "question" → choice "choice.interrupt": the label judges instead of saying what is said or done ("sharply")');
  });
});

describe('the second-edition rules for the library', () => {
  it('flag an ending copied into another scenario, naming both places (fixture copied-ending.json)', () => {
    const [a, b] = [load('good'), load('copied-ending')];
    const found = nearDuplicates([a, b]);
    expect(found.map((d) => [d.a.where, d.b.where])).toEqual([['scene "endMutual" → line 1', 'scene "endMutual" → line 1']]);
    const library = checkLibrarySecondEdition([a, b]);
    expect(library.strict).toBe(true);
    expect(library.problems).toHaveLength(1);
    expect(library.problems[0]).toMatch(
      /^near-duplicate passages: second-edition-(good|copied-ending) scene "endMutual" → line 1 and second-edition-(good|copied-ending) scene "endMutual" → line 1 share \d+ runs of words/,
    );
  });

  it('do not compare a scenario with itself', () => {
    expect(nearDuplicates([load('good')])).toEqual([]);
  });

  it('are advice while any file is below format 3, and strict once every file is format 3', () => {
    const older = load('copied-ending', (data) => (data.format = 2));
    const lenient = checkLibrarySecondEdition([load('good'), older]);
    expect(lenient).toMatchObject({ strict: false, problems: [] });
    expect(lenient.advice).toHaveLength(1);
    expect(libraryIsStrict([load('good'), load('copied-ending')])).toBe(true);
    expect(libraryIsStrict([load('good'), older])).toBe(false);
  });

  it('flag a third scenario that opens with the same device', () => {
    const opening = (id: string, line: string) => load('good', (data) => ((data.id = id), (data.machine.states.start.meta.text = [line])));
    const library = [
      opening('one', 'Tuesday, 1:52 pm. Priya dials.'),
      opening('two', 'Wednesday. The call is late.'),
      opening('three', 'Monday 9 March, Denver. Hannah reads the CV.'),
      opening('four', '"So, where were we?" Priya asks.'),
    ];
    expect(crowdedOpenings(library)).toEqual({ dayAndTime: ['one', 'two', 'three'] });
    expect(checkLibrarySecondEdition(library).problems[0]).toBe(
      '3 scenarios open with a narrated day and time ("Tuesday, 1:52 pm.") (one, two, three); at most 2 may share a device',
    );
  });
});

describe('opening devices', () => {
  it.each([
    ['Tuesday, 1:52 pm.', 'dayAndTime'],
    ['Wednesday.', 'dayAndTime'],
    ['4:30 p.m. The panel is over.', 'dayAndTime'],
    ['"So, tell me about yourself."', 'speech'],
    ['Owen: "The team loved you."', 'speech'],
    ['From: Owen Hart', 'message'],
    ['Kwame reads the email twice before he answers.', 'message'],
    ['The phone buzzes twice on the desk.', 'sound'],
    ['The job advert is three lines long.', 'document'],
    ['Samira Khalil arrives at Carrow Logistics at 9:50 for a 10:00 panel.', 'narration'],
  ])('"%s" opens with %s', (line, device) => {
    expect(classifyOpening(line)).toBe(device);
  });

  it('counts a cast member’s first line as speech', () => {
    expect(classifyOpening('Right, shall we start?', 'employer')).toBe('speech');
  });
});

describe('reading level', () => {
  it.each([
    ['cat', 1],
    ['table', 2],
    ['interview', 3],
    ['organisation', 5],
    ['jumped', 1],
    ['courtesy', 3],
    ['2026', 4],
  ])('counts the syllables of "%s" as %i', (word, count) => {
    expect(syllables(word)).toBe(count);
  });

  it('gives the Flesch–Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59', () => {
    // 12 words, 2 sentences ("Dr." ends none), 16 syllables: 0.39 × 6 + 11.8 × 16 / 12 − 15.59 = 2.48
    expect(readingLevel(['The cat sat on the mat. Then Dr. Okafor called the panel.'])).toEqual({ words: 12, sentences: 2, syllables: 16, grade: 2.5 });
  });
});
