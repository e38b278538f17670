/**
 * A small, strict JSON scanner that remembers where things are, so a problem found in the parsed data
 * can be shown with the line it is on. It does not build values (JSON.parse does that); it records where
 * each path starts, finds the first syntax error with its line and column in words an author
 * understands, and notices keys written twice (JSON.parse silently keeps the last one).
 *
 * Pure, no dependencies, iterative only where the depth is bounded (`maxDepth`), so hostile input
 * cannot overflow the stack.
 */

export type JsonPath = (string | number)[];

/** A place in the text: 1-based line and column (columns count UTF-16 code units, as editors do). */
export interface TextPosition {
  offset: number;
  line: number;
  column: number;
}

export interface JsonScan {
  /** The first syntax error, or undefined when the text is well-formed JSON. */
  error?: { message: string; position: TextPosition };
  /** Where each path starts: for an object member, its key; for an array item or the root, its value. */
  offsets: Map<string, number>;
  /** Keys that appear twice in one object: the path of the later one, and where it is. */
  duplicates: { path: JsonPath; position: TextPosition }[];
  /** Start offset of every line, for turning offsets into positions. */
  lineStarts: number[];
}

/** The map key for a path; `0` (an index) and `"0"` (a key) differ. */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function positionAt(lineStarts: number[], offset: number): TextPosition {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { offset, line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

/**
 * Where `path` is in the scanned text: the deepest part of the path that exists (a missing field is
 * reported where its object is). Undefined only when the text was not scanned past the root.
 */
export function locate(scan: JsonScan, path: JsonPath): TextPosition | undefined {
  for (let length = path.length; length >= 0; length--) {
    const offset = scan.offsets.get(pathKey(path.slice(0, length)));
    if (offset !== undefined) return positionAt(scan.lineStarts, offset);
  }
  return undefined;
}

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const describeChar = (ch: string | undefined) => (ch === undefined ? 'the end of the file' : JSON.stringify(ch));

/** Scan `text` as JSON. Never throws. */
export function scanJson(text: string, maxDepth = 64): JsonScan {
  const offsets = new Map<string, number>();
  const duplicates: JsonScan['duplicates'] = [];
  const lineStarts = lineStartsOf(text);
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new SyntaxProblem(message, at);
  };
  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 47 /* / */ && (text[i + 1] === '/' || text[i + 1] === '*')) fail('JSON does not allow comments; remove them');
      else return;
    }
  };

  const readString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let run = i;
    for (;;) {
      if (i >= text.length) fail('this text is not closed: a double quote (") is missing', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(run, i);
        i++;
        return out;
      }
      if (c < 32)
        fail(
          c === 10
            ? 'this text is not closed before the end of the line: a double quote (") is missing'
            : 'text may not hold control characters; write \\t or \\n instead',
          c === 10 ? start : i,
        );
      if (c === 92) {
        out += text.slice(run, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail(`"\\${e ?? ''}" is not an escape JSON knows; to write a backslash, write two (\\\\)`);
        }
        run = i;
        continue;
      }
      i++;
    }
  };

  const readNumber = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail('this is not a number JSON can read');
    i += match![0].length;
  };

  const readWord = () => {
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    const c = text[i];
    if (c === "'") fail('text must be in double quotes ("), not single quotes (\')');
    if (c === '}' || c === ']') fail(`expected a value, found ${describeChar(c)}`);
    fail(`expected a value (text in double quotes, a number, true, false, null, { or [), found ${describeChar(c)}`);
  };

  const readValue = (path: JsonPath, depth: number): void => {
    skipSpace();
    const c = text[i];
    if (c === '{' || c === '[') {
      if (depth >= maxDepth) fail(`the data is nested more than ${maxDepth} levels deep`);
      return c === '{' ? readObject(path, depth + 1) : readArray(path, depth + 1);
    }
    if (c === '"') return void readString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return readNumber();
    if (c === undefined) fail('the file ends where a value was expected: something is not finished');
    readWord();
  };

  const readObject = (path: JsonPath, depth: number) => {
    const open = i;
    i++;
    const seen = new Set<string>();
    skipSpace();
    if (text[i] === '}') return void i++;
    for (;;) {
      skipSpace();
      const c = text[i];
      if (c === undefined) fail('the file ends before this { is closed with }', open);
      if (c === '}') fail('a comma before } is not allowed in JSON; remove the last comma');
      if (c === "'") fail('a key must be in double quotes ("), not single quotes (\')');
      if (c !== '"') fail(`expected a key in double quotes, found ${describeChar(c)}`);
      const keyAt = i;
      const key = readString();
      const memberPath = [...path, key];
      if (seen.has(key)) duplicates.push({ path: memberPath, position: positionAt(lineStarts, keyAt) });
      else offsets.set(pathKey(memberPath), keyAt);
      seen.add(key);
      skipSpace();
      if (text[i] !== ':') fail(`expected a colon (:) after the key "${key}", found ${describeChar(text[i])}`);
      i++;
      readValue(memberPath, depth);
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') return void i++;
      if (text[i] === undefined) fail('the file ends before this { is closed with }', open);
      fail(`expected a comma (,) or } after the value of "${key}", found ${describeChar(text[i])}`);
    }
  };

  const readArray = (path: JsonPath, depth: number) => {
    const open = i;
    i++;
    skipSpace();
    if (text[i] === ']') return void i++;
    for (let index = 0; ; index++) {
      skipSpace();
      if (text[i] === ']') fail('a comma before ] is not allowed in JSON; remove the last comma');
      if (text[i] === undefined) fail('the file ends before this [ is closed with ]', open);
      offsets.set(pathKey([...path, index]), i);
      readValue([...path, index], depth);
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') return void i++;
      if (text[i] === undefined) fail('the file ends before this [ is closed with ]', open);
      fail(`expected a comma (,) or ] after a list item, found ${describeChar(text[i])}`);
    }
  };

  try {
    skipSpace();
    if (i >= text.length) fail('the file is empty');
    offsets.set(pathKey([]), i);
    readValue([], 0);
    skipSpace();
    if (i < text.length) fail(`there is more after the end of the data, starting with ${describeChar(text[i])}`);
    return { offsets, duplicates, lineStarts };
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    return { error: { message: error.message, position: positionAt(lineStarts, error.offset) }, offsets, duplicates, lineStarts };
  }
}
