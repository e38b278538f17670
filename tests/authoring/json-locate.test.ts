// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locate, scanJson } from '../../src/lib/authoring/json-locate.ts';

describe('scanJson', () => {
  const text = '{\n  "a": 1,\n  "list": [\n    "x",\n    { "deep": true }\n  ]\n}';

  it('finds where each path starts, by line and column', () => {
    const scan = scanJson(text);
    expect(scan.error).toBeUndefined();
    expect(locate(scan, ['a'])).toMatchObject({ line: 2, column: 3 });
    expect(locate(scan, ['list', 1, 'deep'])).toMatchObject({ line: 5, column: 7 });
  });

  it('falls back to the nearest existing parent for a path that is not there', () => {
    expect(locate(scanJson(text), ['list', 1, 'missing'])).toMatchObject({ line: 5, column: 5 });
  });

  it.each([
    ['{"a": 1,}', 'a comma before } is not allowed', 1, 9],
    ['[1, 2,]', 'a comma before ] is not allowed', 1, 7],
    ["{'a': 1}", 'not single quotes', 1, 2],
    ['{\n  // note\n  "a": 1\n}', 'JSON does not allow comments', 2, 3],
    ['{\n  "a": "open\n}', 'this text is not closed before the end of the line', 2, 8],
    ['{"a" 1}', 'expected a colon (:) after the key "a"', 1, 6],
    ['{"a": 1 "b": 2}', 'expected a comma (,) or } after the value of "a"', 1, 9],
    ['{"a": [1, 2}', 'expected a comma (,) or ] after a list item', 1, 12],
    ['{"a": tru}', 'expected a value', 1, 7],
    ['{"a": 1}}', 'there is more after the end of the data', 1, 9],
    ['{"a": {', 'the file ends before this { is closed', 1, 7],
    ['', 'the file is empty', 1, 1],
    ['{"a": "\\x"}', 'is not an escape JSON knows', 1, 8],
    ['{"a": 01}', 'expected a comma (,) or } after the value of "a"', 1, 8],
  ])('explains %j: %s at line %i, column %i', (source, message, line, column) => {
    const scan = scanJson(source);
    expect(scan.error?.message).toContain(message);
    expect(scan.error?.position).toMatchObject({ line, column });
  });

  it('notices a key written twice in one object, at the second one', () => {
    const scan = scanJson('{\n  "id": "a",\n  "id": "b"\n}');
    expect(scan.duplicates).toEqual([{ path: ['id'], position: expect.objectContaining({ line: 3, column: 3 }) }]);
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(scanJson(deep, 64).error?.message).toContain('nested more than 64 levels');
  });

  it('agrees with JSON.parse on any JSON value, however it is printed', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const source = JSON.stringify(value, null, indent);
        expect(scanJson(source, 1000).error).toBeUndefined();
      }),
    );
  });

  it('agrees with JSON.parse on whether damaged text is JSON', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 3 }), (source, at, insert, cut) => {
        const i = at % (source.length + 1);
        const damaged = source.slice(0, i) + insert + source.slice(i + cut);
        let parses = true;
        try {
          JSON.parse(damaged);
        } catch {
          parses = false;
        }
        expect(scanJson(damaged, 1000).error === undefined).toBe(parses);
      }),
      { numRuns: 2000 },
    );
  });
});
