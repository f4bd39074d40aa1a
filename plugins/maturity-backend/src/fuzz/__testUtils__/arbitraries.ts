import fc from 'fast-check';
import type { ValidationSchema } from '../../http/validation';

/** A generated request: what the fuzzer sends and prints to reproduce a failure. */
export interface FuzzRequest {
  operationId: string;
  method: string;
  /** Path with the query string, percent-encoded. */
  url: string;
  /** Raw body text (JSON, sometimes deliberately not), or undefined. */
  body?: string;
  /** Which caller sends it. */
  caller: 'user' | 'service';
}

/** The parts of an operation the fuzzer reads. */
export interface FuzzOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: Array<{ name: string; in: string; schema: ValidationSchema }>;
  body?: ValidationSchema;
}

/** Numbers in text that JSON.stringify cannot write: spliced into bodies as raw JSON (1e400 → Infinity). */
const RAW = '\u0000raw:';

/** Text values that broke or could break a route: non-finite and huge numbers, controls, impossible dates. */
const EDGE_TEXT = [
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  'NaN',
  '9'.repeat(5000),
  '-1',
  '0',
  '1.5',
  '0x10',
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'line\nbreak',
  'bell\u0007',
  '0000-00-00T00:00:00Z',
  '2027-02-29T00:00:00Z',
  '2026-12-06T10:00:00+99:99',
  '9999-12-31T23:59:59Z',
  '1969-12-31T23:59:59Z',
  "' or 1=1 --",
  '../../etc/passwd',
  '%',
  '__proto__',
  'x'.repeat(300),
];

function resolve(
  spec: { components?: unknown },
  schema: ValidationSchema | undefined,
): ValidationSchema {
  let node = schema ?? {};
  for (let hops = 0; node.$ref && hops < 16; hops++) {
    node = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>(
        (at, key) => (at as Record<string, unknown> | undefined)?.[key],
        spec,
      ) as ValidationSchema;
  }
  return node;
}

/** A valid-looking value for a string schema: enums, dates, the fixture's known names. */
function validString(
  schema: ValidationSchema & { enum?: string[] },
  known: string[],
): fc.Arbitrary<string> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.format === 'date-time')
    return fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map(d => d.toISOString());
  if (schema.format === 'date')
    return fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map(d => d.toISOString().slice(0, 10));
  if (schema.format === 'uuid') return fc.uuid();
  return known.length
    ? fc.oneof(
        fc.constantFrom(...known),
        fc.string({ minLength: 1, maxLength: 20 }),
      )
    : fc.string({ minLength: 1, maxLength: 20 });
}

/** A parameter value as text: mostly valid for its schema, often an edge case. */
export function paramArbitrary(
  schema: ValidationSchema & { enum?: string[] },
  known: string[],
): fc.Arbitrary<string> {
  const valid =
    schema.type === 'integer' || schema.type === 'number'
      ? fc
          .integer({
            min: schema.minimum ?? 0,
            max: Math.min(schema.maximum ?? 1000, 100_000),
          })
          .map(String)
      : validString(schema, known);
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 2, arbitrary: fc.constantFrom(...EDGE_TEXT) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
  );
}

/** Any JSON value, for wrong types and free-form objects. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(`${RAW}1e400`, `${RAW}-1e400`, `${RAW}${'9'.repeat(400)}`),
  fc.constantFrom(...EDGE_TEXT),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), {
    maxKeys: 3,
  }),
);

/** A body value for a schema: valid shapes mixed with edge values and wrong types at every level. */
export function bodyArbitrary(
  spec: { components?: unknown },
  node: ValidationSchema | undefined,
  known: Record<string, string[]>,
  depth = 0,
  name = '',
): fc.Arbitrary<unknown> {
  const schema = resolve(spec, node) as ValidationSchema & {
    enum?: string[];
    required?: string[];
  };
  const branches = [
    ...(schema.oneOf ?? []),
    ...(schema.anyOf ?? []),
    ...(schema.allOf ?? []),
  ];
  let valid: fc.Arbitrary<unknown>;
  if (depth > 4) valid = anyJson;
  else if (branches.length && !schema.properties)
    valid = fc.oneof(
      ...branches.map(b => bodyArbitrary(spec, b, known, depth + 1, name)),
    );
  else if (schema.type === 'object' || schema.properties) {
    const props = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    const entries = Object.entries(props).map(
      ([key, child]) =>
        [key, bodyArbitrary(spec, child, known, depth + 1, key)] as const,
    );
    valid = fc.record(Object.fromEntries(entries), {
      requiredKeys: [...required].filter(k => k in props),
    });
  } else if (schema.type === 'array')
    valid = fc.array(
      bodyArbitrary(spec, schema.items, known, depth + 1, name),
      { maxLength: 3 },
    );
  else if (schema.type === 'integer' || schema.type === 'number')
    valid = fc.integer({
      min: schema.minimum ?? -1000,
      max: Math.min(schema.maximum ?? 1000, 100_000),
    });
  else if (schema.type === 'boolean') valid = fc.boolean();
  else if (schema.type === 'string')
    valid = validString(schema, known[name] ?? []);
  else valid = anyJson;
  return fc.oneof(
    { weight: 8, arbitrary: valid },
    { weight: 1, arbitrary: anyJson },
  );
}

/** Writes a body, splicing raw number text (JSON has no Infinity: `1e400` parses to it). */
export function bodyText(value: unknown): string {
  return JSON.stringify(value).replace(
    /"\\u0000raw:([^"]*)"/g,
    (_, raw: string) => raw,
  );
}

/** Requests for one operation: path and query parameters, a body where it takes one, sometimes oversize. */
export function requestArbitrary(
  spec: { components?: unknown },
  operation: FuzzOperation,
  known: Record<string, string[]>,
): fc.Arbitrary<FuzzRequest> {
  const params = Object.fromEntries(
    operation.parameters.map(p => [
      `${p.in}:${p.name}`,
      p.in === 'path'
        ? paramArbitrary(resolve(spec, p.schema), known[p.name] ?? [])
        : fc.option(
            paramArbitrary(resolve(spec, p.schema), known[p.name] ?? []),
            {
              nil: undefined,
            },
          ),
    ]),
  );
  const body = operation.body
    ? fc.oneof(
        {
          weight: 60,
          arbitrary: bodyArbitrary(spec, operation.body, known).map(bodyText),
        },
        {
          weight: 2,
          arbitrary: fc.constantFrom('{', 'null', '[]', '"x"', '{"a":1e400}'),
        },
        // Over the 5 MB body limit: 413, never a 5xx.
        {
          weight: 1,
          arbitrary: fc.constant(`{"x":"${'a'.repeat(5_300_000)}"}`),
        },
      )
    : fc.constant(undefined);
  return fc
    .record({
      params: fc.record(params),
      body,
      caller: fc.constantFrom<'user' | 'service'>('user', 'user', 'service'),
    })
    .map(({ params: values, body: text, caller }) => {
      let path = operation.path;
      const query = new URLSearchParams();
      for (const p of operation.parameters) {
        const value = (values as Record<string, string | undefined>)[
          `${p.in}:${p.name}`
        ];
        if (value === undefined) continue;
        if (p.in === 'path')
          path = path.replace(
            `{${p.name}}`,
            encodeURIComponent(value) || '%20',
          );
        else if (p.in === 'query') query.append(p.name, value);
      }
      const qs = query.toString();
      return {
        operationId: operation.operationId,
        method: operation.method,
        url: qs ? `${path}?${qs}` : path,
        body: text,
        caller,
      };
    });
}
