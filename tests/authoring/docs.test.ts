// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkImport } from '../../src/lib/authoring/import.ts';
import { formatBytes, IMPORT_LIMITS } from '../../src/lib/authoring/limits.ts';
import { CONTENT_RULES } from '../../src/lib/engine/content-rules.ts';
import { EFFECT_TYPES, GUARD_TYPES } from '../../src/lib/engine/schema.ts';

const guide = readFileSync('docs/authoring.md', 'utf8');

describe('docs/authoring.md', () => {
  it('ends its worked example with a file that is valid and reaches all four outcomes from both seats', () => {
    const section = guide.slice(guide.indexOf('### The whole file'));
    const file = /```json\n([\s\S]*?)\n```/.exec(section)![1]!;
    const check = checkImport(file);
    expect(check).toMatchObject({ ok: true, status: 'ready', warnings: [] });
    expect(check.ok && check.analysis.seats.map((s) => s.seat)).toEqual(['employer', 'candidate']);
  });

  it('documents every effect and every condition', () => {
    for (const type of [...EFFECT_TYPES, ...GUARD_TYPES]) expect(guide).toContain(`| \`${type}\` |`);
  });

  it('states the import limits the app applies', () => {
    expect(guide).toContain(`at most **${formatBytes(IMPORT_LIMITS.maxBytes)}** and hold at most **${IMPORT_LIMITS.maxScenes} scenes**`);
  });

  it('states the content rules with the numbers the checker uses', () => {
    const r = CONTENT_RULES;
    const section = guide.slice(guide.indexOf('## The content rules'), guide.indexOf('## Can it be won without reading?'));
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    for (const row of [
      `| ${r.scenesPerSeat.min}–${r.scenesPerSeat.max} |`,
      `| ${r.optionsPerDecision.min}–${r.optionsPerDecision.max} |`,
      `| ${pct(r.outcomeShare.min)}–${pct(r.outcomeShare.max)} |`,
      `| at least ${r.discussionQuestions} |`,
      `| ${r.feedbackLength.min}–${r.feedbackLength.max} characters |`,
      `| ${r.thoughtsLength.min}–${r.thoughtsLength.max} characters |`,
      `| ${r.labelLength.min}–${r.labelLength.max} characters |`,
      `| at most ${r.lineLength.max} characters |`,
      `| at most ${pct(r.longestIsBest.maxShare)} |`,
      `| at most ${pct(r.strategyMutualFit.maxShare)} |`,
    ]) {
      expect(section).toContain(row);
    }
  });
});
