import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseScenario } from '../../src/lib/engine/analyse.ts';
import { checkContent } from '../../src/lib/engine/content.ts';
import type { Scenario } from '../../src/lib/engine/schema.ts';
import { validateScenario } from '../../src/lib/engine/validate.ts';
import { scenarioCatalogue } from '../../src/cli/catalogue-doc.ts';
import { loadLibrary } from '../../src/cli/library.ts';

function load(path: string, change: (s: any) => void = () => {}): Scenario {
  const data = JSON.parse(readFileSync(path, 'utf8'));
  change(data);
  const v = validateScenario(data);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario;
}
const contentOf = (s: Scenario) => checkContent(s, analyseScenario(s));

/** The first choice of the first decision scene in the phone screen. */
function firstChoice(s: any): { scene: string; event: string; choice: any } {
  const [scene, state] = Object.entries<any>(s.machine.states).find(([, st]) => st.meta.decides)!;
  const [event, choice] = Object.entries<any>(state.on)[0]!;
  return { scene, event, choice };
}

describe('the content check', () => {
  it('passes a library scenario', () => {
    expect(contentOf(load('scenarios/phone-screen.json'))).toEqual([]);
  });

  it('fails a choice whose feedback is too thin to teach anything', () => {
    let at = '';
    const s = load('scenarios/phone-screen.json', (data) => {
      const { scene, event, choice } = firstChoice(data);
      choice.meta.feedback = 'Fine.';
      at = `scene "${scene}" → choice "${event}"`;
    });
    expect(contentOf(s)).toContain(`${at}: the feedback should be 40–600 characters (it is 5)`);
  });

  it('fails feedback that does not name the dimension the choice touched', () => {
    const s = load('scenarios/phone-screen.json', (data) => {
      const { choice } = firstChoice(data);
      choice.actions = [{ type: 'impress', params: { ledger: 'candidate', dimension: 'courtesy', by: 1 } }];
      choice.meta.feedback = 'This was a reasonable thing to do at this point of the call, all things considered.';
    });
    expect(contentOf(s).some((p) => p.endsWith('the feedback should name the dimension it touched (courtesy)'))).toBe(true);
  });

  it('refuses a choice with no feedback at all (the schema)', () => {
    const data = JSON.parse(readFileSync('scenarios/phone-screen.json', 'utf8'));
    const { scene, event, choice } = firstChoice(data);
    delete choice.meta.feedback;
    const result = validateScenario(data);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map((p) => `${p.where}: ${p.message}`)).toContain(`scene "${scene}" → choice "${event}" → meta → feedback: is missing`);
  });

  it('fails when an outcome share leaves its bounds (fixture: tests/fixtures/incomplete.json)', () => {
    const problems = contentOf(load('tests/fixtures/incomplete.json'));
    expect(problems).toContain("from the candidate's seat, candidateDeclines ends 0.0% of paths; keep it within 5–60%");
    expect(problems).toContain("from the candidate's seat, noFit ends 0.0% of paths; keep it within 5–60%");
  });

  it('fails a label that judges the choice instead of saying what is said or done, naming scene, choice and word', () => {
    let at = '';
    const s = load('scenarios/phone-screen.json', (data) => {
      const { scene, event, choice } = firstChoice(data);
      choice.meta.label = 'Answer a little sharply: "Fine, go on."';
      at = `scene "${scene}" → choice "${event}"`;
    });
    expect(contentOf(s)).toContain(`${at}: the label judges instead of saying what is said or done ("sharply")`);
  });

  it('lets speech in quotation marks say anything', () => {
    const s = load('scenarios/phone-screen.json', (data) => {
      firstChoice(data).choice.meta.label = 'Say: "Honestly? I would answer that bluntly."';
    });
    expect(contentOf(s).filter((p) => p.includes('the label judges'))).toEqual([]);
  });

  it('fails a decision with fewer than three options, and a seat with too few scenes', () => {
    const problems = contentOf(load('tests/fixtures/valid-call.json'));
    expect(problems).toContain('scene "wrap" offers 2 options; a decision should offer 3–4');
    expect(problems).toContain("the employer's seat reaches 4 scenes; it should reach 12–30");
  });
});

describe('docs/scenarios.md', () => {
  it('is current (run `npm run scenarios:doc` after changing a scenario)', () => {
    expect(readFileSync('docs/scenarios.md', 'utf8')).toBe(scenarioCatalogue(loadLibrary()));
  });
});
