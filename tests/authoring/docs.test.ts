import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkImport } from '../../src/lib/authoring/import.ts';
import { formatBytes, IMPORT_LIMITS } from '../../src/lib/authoring/limits.ts';
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
});
