/**
 * A small checker for the shapes of saved data on the first load, in place of `zod/mini` there (which
 * cost about 8.6 kB gzip of the first-load script). Each shape has zod's `safeParse` contract, so a record
 * kind may use either (the kinds loaded on demand keep their zod schemas, see `Parser` in record-store.ts):
 * - success gives a copy of the data holding only the declared keys (like zod, unknown keys are dropped);
 * - failure gives the first issue found, with its path, a `code` (`invalid_type` with what was
 *   `expected`, `invalid_value`, `invalid_format`, `too_big`, `too_small`) and a message in words.
 *
 * Only what records.ts needs: strings (with a pattern), numbers, integers (with bounds), literals,
 * enumerations, nullable and optional values, arrays (with a maximum length), objects and records, unchecked
 * values and defaults.
 */

/** One problem found, shaped like a zod issue. */
export interface ShapeIssue {
  code: 'invalid_type' | 'invalid_value' | 'invalid_format' | 'too_big' | 'too_small';
  /** With `invalid_type`: the type wanted (`string`, `number`, `int`, `object`, `array`). */
  expected?: string;
  path: PropertyKey[];
  message: string;
}

/** What checking found, as zod's `safeParse` says it. */
export type ShapeResult<T> = { success: true; data: T } | { success: false; error: { issues: ShapeIssue[] } };

/** A checked shape of data of type `T`. */
export interface Shape<T> {
  safeParse(data: unknown): ShapeResult<T>;
  /**
   * Internal: check `data`; a value, or an issue whose path starts at `data` (each enclosing shape puts its
   * key in front on the way out, so a record that checks out allocates no paths: loading saved data checks
   * every field of every record at start-up).
   */
  readonly run: (data: unknown) => { ok: T } | { issue: ShapeIssue };
  /** Internal: may be missing from an object. */
  readonly optional?: boolean;
}

/** The type a shape checks. */
export type Infer<S> = S extends Shape<infer T> ? T : never;

type Run<T> = Shape<T>['run'];

function shape<T>(run: Run<T>, optional = false): Shape<T> {
  return {
    run,
    optional,
    safeParse(data) {
      const result = run(data);
      return 'ok' in result ? { success: true, data: result.ok } : { success: false, error: { issues: [result.issue] } };
    },
  };
}

/** The issue, found under `key` of the value being checked. */
const under = (key: PropertyKey, found: { issue: ShapeIssue }): { issue: ShapeIssue } => {
  found.issue.path.unshift(key);
  return found;
};

const wrongType = (expected: string, data: unknown): { issue: ShapeIssue } => ({
  issue: {
    code: 'invalid_type',
    expected,
    path: [],
    message: `Invalid input: expected ${expected}, received ${data === null ? 'null' : Array.isArray(data) ? 'array' : typeof data}`,
  },
});

/** A string, optionally matching `pattern`. */
export function string(pattern?: RegExp): Shape<string> {
  return shape((data) => {
    if (typeof data !== 'string') return wrongType('string', data);
    if (pattern && !pattern.test(data)) return { issue: { code: 'invalid_format', path: [], message: `Invalid string: must match pattern ${pattern}` } };
    return { ok: data };
  });
}

/** A finite number. */
export function number(): Shape<number> {
  return shape((data) => (typeof data === 'number' && Number.isFinite(data) ? { ok: data } : wrongType('number', data)));
}

/** A safe integer, optionally within `min`…`max`. */
export function int(min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Shape<number> {
  return shape((data) => {
    if (typeof data !== 'number' || !Number.isSafeInteger(data)) return wrongType('int', data);
    if (data < min) return { issue: { code: 'too_small', path: [], message: `Too small: expected number to be >=${min}` } };
    if (data > max) return { issue: { code: 'too_big', path: [], message: `Too big: expected number to be <=${max}` } };
    return { ok: data };
  });
}

/** Exactly `value`. */
export function literal<const V extends string | number>(value: V): Shape<V> {
  return shape<V>((data) =>
    data === value ? { ok: value } : { issue: { code: 'invalid_value', path: [], message: `Invalid input: expected ${JSON.stringify(value)}` } },
  );
}

/** One of `values`. */
export function oneOf<const V extends string>(values: readonly V[]): Shape<V> {
  return shape<V>((data) =>
    values.includes(data as V)
      ? { ok: data as V }
      : { issue: { code: 'invalid_value', path: [], message: `Invalid option: expected one of ${values.map((v) => JSON.stringify(v)).join('|')}` } },
  );
}

/** `inner`, or null. */
export function nullable<T>(inner: Shape<T>): Shape<T | null> {
  return shape<T | null>((data) => (data === null ? { ok: null } : inner.run(data)));
}

/** `inner`, which an object may also leave out. */
export function optional<T>(inner: Shape<T>): Shape<T | undefined> {
  return shape<T | undefined>((data) => (data === undefined ? { ok: undefined } : inner.run(data)), true);
}

/** A list of `item`, at most `max` long. */
export function array<T>(item: Shape<T>, max = Infinity): Shape<T[]> {
  return shape((data) => {
    if (!Array.isArray(data)) return wrongType('array', data);
    if (data.length > max) return { issue: { code: 'too_big', path: [], message: `Too big: expected array to have <=${max} items` } };
    const out: T[] = [];
    for (let i = 0; i < data.length; i++) {
      const got = item.run(data[i]);
      if ('issue' in got) return under(i, got);
      out.push(got.ok);
    }
    return { ok: out };
  });
}

const isObject = (data: unknown): data is Record<string, unknown> => typeof data === 'object' && data !== null && !Array.isArray(data);

type ObjectOf<F extends Record<string, Shape<unknown>>> = {
  [K in keyof F as undefined extends Infer<F[K]> ? never : K]: Infer<F[K]>;
} & { [K in keyof F as undefined extends Infer<F[K]> ? K : never]?: Infer<F[K]> };
type Flat<T> = { [K in keyof T]: T[K] };

/** An object with these fields (other keys are dropped). */
export function object<F extends Record<string, Shape<unknown>>>(fields: F): Shape<Flat<ObjectOf<F>>> {
  const entries = Object.entries(fields);
  return shape((data) => {
    if (!isObject(data)) return wrongType('object', data);
    const out: Record<string, unknown> = {};
    for (const [key, field] of entries) {
      if (field.optional && !(key in data)) continue;
      const got = field.run(data[key]);
      if ('issue' in got) return under(key, got);
      out[key] = got.ok;
    }
    return { ok: out as Flat<ObjectOf<F>> };
  });
}

/** An object used as a map from any key to `value`. */
export function record<T>(value: Shape<T>): Shape<Record<string, T>> {
  return shape((data) => {
    if (!isObject(data)) return wrongType('object', data);
    const out: Record<string, T> = {};
    for (const [key, item] of Object.entries(data)) {
      const got = value.run(item);
      if ('issue' in got) return under(key, got);
      out[key] = got.ok;
    }
    return { ok: out };
  });
}

/** Any value, unchecked (kept as it is). */
export function unknown(): Shape<unknown> {
  return shape((data) => ({ ok: data }));
}

/** `inner`, or `value` when the data is missing (like zod's `_default`): in an object, the key is then always there. */
export function withDefault<T>(inner: Shape<T>, value: T): Shape<T> {
  return shape<T>((data) => (data === undefined ? { ok: value } : inner.run(data)));
}
