import Ajv, { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { callers, createFixture, databases } from '../__testUtils__/fixture';
import { spec } from '../schema/openapi';
import type { ValidationSchema } from '../http/validation';
import {
  FuzzOperation,
  FuzzRequest,
  requestArbitrary,
} from './__testUtils__/arbitraries';

/** Generated requests per engine: a smoke run in the package tests; scripts/test.sh asks for 10,000. */
const RUNS = Number(process.env.RATCHET_FUZZ_RUNS ?? 500);
/**
 * CI replays one fixed sequence so that a red run always means a regression, never a newly drawn input;
 * `RATCHET_FUZZ_SEED=random` explores new ones (the seed is printed on failure to replay it).
 */
const SEED =
  process.env.RATCHET_FUZZ_SEED === 'random'
    ? Date.now() % 2 ** 31
    : Number(process.env.RATCHET_FUZZ_SEED ?? 20261206);

jest.setTimeout(Math.max(120_000, RUNS * 60));

type Doc = {
  paths: Record<string, Record<string, unknown>>;
  components: unknown;
};
const doc = spec as unknown as Doc;

interface OperationObject {
  operationId: string;
  parameters?: Array<{ $ref?: string } & FuzzOperation['parameters'][number]>;
  requestBody?: { content?: Record<string, { schema?: ValidationSchema }> };
  responses: Record<
    string,
    {
      $ref?: string;
      content?: Record<string, { schema?: ValidationSchema }>;
    }
  >;
}

function deref<T extends { $ref?: string }>(node: T): T {
  let current = node;
  while (current?.$ref)
    current = current.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>(
        (at, key) => (at as Record<string, unknown>)[key],
        doc,
      ) as T;
  return current;
}

const operations: Array<FuzzOperation & { raw: OperationObject }> = [];
for (const [path, item] of Object.entries(doc.paths)) {
  for (const method of ['get', 'post', 'put', 'delete']) {
    const raw = item[method] as OperationObject | undefined;
    if (!raw) continue;
    operations.push({
      operationId: raw.operationId,
      method: method.toUpperCase(),
      path,
      parameters: (raw.parameters ?? []).map(p => deref(p)),
      body: raw.requestBody?.content?.['application/json']?.schema,
      raw,
    });
  }
}

/**
 * `nullable: true` beside `allOf: [$ref]` (how the spec marks a nullable reference, e.g.
 * `EntityTransition.fromStatus`) means "null or that schema", as the generated models read it
 * (`CheckStatus | null`); Ajv applies `nullable` to the sibling `type` only, so it is rewritten here.
 */
function nullableRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableRefs);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([k, v]) => [k, nullableRefs(v)]);
  const schema = Object.fromEntries(entries) as Record<string, unknown>;
  if (schema.nullable === true && Array.isArray(schema.allOf)) {
    const { nullable: _nullable, type: _type, ...rest } = schema;
    return { anyOf: [{ type: 'null' }, rest] };
  }
  return schema;
}

// Responses are checked against openapi.yaml with the same JSON Schema engine the router uses.
const ajv = new Ajv({
  strict: false,
  validateFormats: false,
  allErrors: false,
});
ajv.addSchema({ $id: 'spec', components: nullableRefs(doc.components) });
const validators = new Map<string, ValidateFunction>();
function responseValidator(
  operation: OperationObject,
  status: number,
): ValidateFunction | undefined {
  const key = `${operation.operationId} ${status}`;
  if (validators.has(key)) return validators.get(key);
  const response =
    operation.responses[String(status)] ?? operation.responses.default;
  const content = response ? deref(response).content : undefined;
  const schema = content
    ? Object.entries(content).find(([type]) =>
        type.startsWith('application/json'),
      )?.[1].schema
    : undefined;
  const validate = schema
    ? ajv.compile(
        nullableRefs(
          JSON.parse(
            JSON.stringify(schema).replace(
              /"#\/components\//g,
              '"spec#/components/',
            ),
          ),
        ) as object,
      )
    : undefined;
  if (validate) validators.set(key, validate);
  return validate;
}

function reproduce(r: FuzzRequest): string {
  return `curl -X ${r.method} 'http://localhost:7007/api/maturity${
    r.url
  }' -H 'Authorization: Bearer <${r.caller} token>'${
    r.body === undefined
      ? ''
      : ` -H 'Content-Type: application/json' --data-raw ${JSON.stringify(
          r.body.length > 300
            ? `${r.body.slice(0, 300)}… (${r.body.length} chars)`
            : r.body,
        )}`
  }`;
}

describe.each(databases.eachSupportedId())('OpenAPI fuzzer, %p', databaseId => {
  let server: Server;
  let base: string;
  const known: Record<string, string[]> = {
    namespace: ['default'],
    name: ['test-maturity', 'ledger', 'website', 'secret-service'],
    kind: ['component', 'Component', 'scorecard'],
    checkId: ['has-docs', 'has-owner'],
    entityRef: ['component:default/ledger', 'component:default/website'],
    definitionRef: ['test-maturity', 'scorecard:default/test-maturity'],
    scorecard: ['test-maturity'],
    entity: ['component:default/ledger'],
    owner: ['group:default/commerce', 'checkout'],
  };

  beforeAll(async () => {
    const fixture = await createFixture(databaseId);
    server = fixture.app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const created = await fetch(`${base}/exemptions`, {
      method: 'POST',
      headers: {
        authorization: callers.user,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        entityRef: 'component:default/ledger',
        definitionRef: 'test-maturity',
        checkId: 'has-docs',
        reason: 'seed',
      }),
    });
    known.id = [((await created.json()) as { id: string }).id];
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it(`answers ${RUNS} generated requests over every operation without a 5xx, conforming to the schema`, async () => {
    const statuses = new Map<number, number>();
    const perOperation = new Map<string, number>();
    const started = Date.now();
    const arbitrary = fc.oneof(
      ...operations.map(o => requestArbitrary(doc, o, known)),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async r => {
        const res = await fetch(`${base}${r.url}`, {
          method: r.method,
          headers: {
            authorization: r.caller === 'user' ? callers.user : callers.service,
            ...(r.body === undefined
              ? {}
              : { 'content-type': 'application/json' }),
          },
          body: r.body,
        });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        perOperation.set(
          r.operationId,
          (perOperation.get(r.operationId) ?? 0) + 1,
        );
        if (res.status >= 500)
          throw new Error(
            `${res.status} ${text.slice(0, 500)}\n  reproduce: ${reproduce(r)}`,
          );
        const operation = operations.find(
          o => o.operationId === r.operationId,
        )!;
        const validate = res.headers.get('content-type')?.includes('json')
          ? responseValidator(operation.raw, res.status)
          : undefined;
        if (validate && !validate(JSON.parse(text)))
          throw new Error(
            `${res.status} does not conform to openapi.yaml: ${ajv.errorsText(
              validate.errors,
            )}\n  body: ${text.slice(0, 300)}\n  reproduce: ${reproduce(r)}`,
          );
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `OpenAPI fuzz ${databaseId}: ${RUNS} requests over ${perOperation.size}/${
        operations.length
      } operations in ${seconds.toFixed(
        1,
      )} s (seed ${SEED}); statuses ${JSON.stringify(
        Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
      )}\n`,
    );
    expect(perOperation.size).toBe(operations.length);
  });
});
