// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/cli/json-schema.ts';

/** Every property of a JSON Schema, with where it sits. */
function properties(node: unknown, path = ''): { path: string; field: Record<string, unknown> }[] {
  if (Array.isArray(node)) return node.flatMap((item) => properties(item, path));
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = Object.entries((record.properties ?? {}) as Record<string, Record<string, unknown>>).map(([name, field]) => ({ path: `${path}.${name}`, field }));
  return [...own, ...Object.entries(record).flatMap(([key, value]) => properties(value, key === 'properties' ? path : `${path}/${key}`))];
}

describe('the JSON Schema for editors', () => {
  const schema = JSON.parse(scenarioJsonSchema());

  it('explains every field, so an editor can show what it means on hover', () => {
    const fields = properties(schema);
    expect(fields.length).toBeGreaterThan(100);
    expect(fields.filter(({ field }) => typeof field.description !== 'string' || field.description.length < 10).map((f) => f.path)).toEqual([]);
  });

  it('says what a choice’s observed line is for', () => {
    const observed = properties(schema).find((f) => f.path.endsWith('.observed'))!;
    expect(observed.field.description).toContain('What the other side sees or hears');
  });
});
