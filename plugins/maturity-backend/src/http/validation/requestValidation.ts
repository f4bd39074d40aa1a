import { InputError } from '@backstage/errors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  bodyTextProblem,
  dateProblem,
  numberProblem,
  paramTextProblem,
  parseDateTime,
  parseNumberParam,
  uuidProblem,
} from './values';

/** The parts of an OpenAPI 3.0 schema the layer reads. */
export interface ValidationSchema {
  $ref?: string;
  type?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  properties?: Record<string, ValidationSchema>;
  items?: ValidationSchema;
  additionalProperties?: boolean | ValidationSchema;
  allOf?: ValidationSchema[];
  oneOf?: ValidationSchema[];
  anyOf?: ValidationSchema[];
}

interface Parameter {
  $ref?: string;
  name?: string;
  in?: string;
  schema?: ValidationSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: ValidationSchema }> };
}

/** The parts of an OpenAPI document the layer reads (the generated `spec` fits). */
export interface ValidationSpec {
  paths: Record<string, Record<string, unknown>>;
  components?: unknown;
}

interface CompiledOperation {
  method: string;
  pattern: RegExp;
  pathNames: string[];
  templated: number;
  parameters: Parameter[];
  body?: ValidationSchema;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Resolves a local `#/components/...` reference. */
function resolver(spec: ValidationSpec) {
  return <T extends { $ref?: string }>(node: T): T => {
    let current: T = node;
    for (let hops = 0; current?.$ref && hops < 16; hops++) {
      const path = current.$ref.replace(/^#\//, '').split('/');
      current = path.reduce<unknown>(
        (at, key) => (at as Record<string, unknown> | undefined)?.[key],
        spec,
      ) as T;
    }
    return current;
  };
}

function compile(spec: ValidationSpec): CompiledOperation[] {
  const resolve = resolver(spec);
  const operations: CompiledOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const pathNames: string[] = [];
    const source = path
      .split(/(\{[^}]+\})/)
      .map(part => {
        const name = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (name === undefined)
          return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        pathNames.push(name);
        return '([^/]+)';
      })
      .join('');
    const shared = (item.parameters ?? []) as Parameter[];
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      operations.push({
        method: method.toUpperCase(),
        pattern: new RegExp(`^${source}/?$`),
        pathNames,
        templated: pathNames.length,
        parameters: [...shared, ...(operation.parameters ?? [])].map(p =>
          resolve(p),
        ),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  // A literal segment wins over a template (`/reviews/queue` before `/reviews/{id}`).
  return operations.sort((a, b) => a.templated - b.templated);
}

/** Problems of one query or path value against its parameter schema. */
function paramProblems(
  raw: unknown,
  schema: ValidationSchema,
  label: string,
): string[] {
  if (Array.isArray(raw)) {
    if (schema.type !== 'array')
      return [`${label} must be given once, not ${raw.length} times`];
    return raw.flatMap((v, i) =>
      paramProblems(v, schema.items ?? {}, `${label}[${i}]`),
    );
  }
  if (typeof raw !== 'string') return [`${label} must be a single value`];
  const text = paramTextProblem(raw);
  if (text) return [`${label} ${text}`];
  let problem: string | undefined;
  if (schema.type === 'integer' || schema.type === 'number') {
    const parsed = parseNumberParam(raw, {
      integer: schema.type === 'integer',
      minimum: schema.minimum,
      maximum: schema.maximum,
    });
    problem = typeof parsed === 'string' ? parsed : undefined;
  } else if (schema.type === 'array') {
    return paramProblems([raw], schema, label);
  } else problem = stringProblem(raw, schema);
  return problem ? [`${label} ${problem}`] : [];
}

/** Format and blankness problems of a string (its characters are checked by the caller). */
function stringProblem(
  value: string,
  schema: ValidationSchema,
): string | undefined {
  if (schema.format === 'date-time') {
    const parsed = parseDateTime(value);
    return typeof parsed === 'string' ? parsed : undefined;
  }
  if (schema.format === 'date') return dateProblem(value);
  if (schema.format === 'uuid') return uuidProblem(value);
  if ((schema.minLength ?? 0) >= 1 && value.trim() === '')
    return 'must not be blank';
  return undefined;
}

/** Every problem of a JSON body against its schema's formats, numbers and text rules. */
function bodyProblems(
  value: unknown,
  node: ValidationSchema | undefined,
  at: string,
  resolve: <T extends { $ref?: string }>(node: T) => T,
  problems: string[],
): void {
  if (problems.length >= 20) return;
  const schema = node ? resolve(node) : undefined;
  for (const branch of [
    ...(schema?.allOf ?? []),
    ...(schema?.oneOf ?? []),
    ...(schema?.anyOf ?? []),
  ]) {
    bodyProblems(value, branch, at, resolve, problems);
  }
  if (typeof value === 'string') {
    // Free-form JSON (no schema) may hold any text PostgreSQL can store: only NUL is refused there.
    let text = schema?.type ? bodyTextProblem(value) : undefined;
    if (!schema?.type && value.includes('\u0000'))
      text = 'must not contain NUL characters';
    const problem =
      text ?? (schema?.type ? stringProblem(value, schema) : undefined);
    if (problem) problems.push(`${at || 'body'}: ${problem}`);
  } else if (typeof value === 'number') {
    const problem = numberProblem(value, {
      integer: schema?.type === 'integer',
      minimum: schema?.minimum,
      maximum: schema?.maximum,
    });
    if (problem) problems.push(`${at || 'body'}: ${problem}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) =>
      bodyProblems(v, schema?.items, `${at}[${i}]`, resolve, problems),
    );
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key.includes('\u0000') || paramTextProblem(key)) {
        problems.push(`${at || 'body'}: has a key with control characters`);
        continue;
      }
      const extra = schema?.additionalProperties;
      const child =
        schema?.properties?.[key] ??
        (typeof extra === 'object' ? extra : undefined);
      bodyProblems(v, child, at ? `${at}.${key}` : key, resolve, problems);
    }
  }
}

/**
 * The request validation layer every maturity route goes through, derived from openapi.yaml and run
 * before the typed router's own validator and handlers. It refuses (400, naming the field) what the
 * OpenAPI validator lets through or what would reach SQL or date arithmetic unbounded: non-finite or
 * out-of-range numbers (`days=1e309`, `limit=Infinity`, exponents, unsafe integers; integers without a
 * maximum stay within PostgreSQL's integer), impossible or out-of-range dates (1970–9999, real calendar
 * days, valid offsets), control characters and NUL (never stripped), blank required text, malformed
 * UUIDs in paths. Requests to paths the document does not describe pass untouched.
 */
export function createRequestValidation(spec: ValidationSpec): RequestHandler {
  const operations = compile(spec);
  const resolve = resolver(spec);
  return (req: Request, _res: Response, next: NextFunction) => {
    const operation = operations.find(
      o => o.method === req.method && o.pattern.test(req.path),
    );
    if (!operation) return next();
    const match = operation.pattern.exec(req.path)!;
    const problems: string[] = [];
    const pathValues = new Map<string, string>();
    operation.pathNames.forEach((name, i) => {
      try {
        pathValues.set(name, decodeURIComponent(match[i + 1]));
      } catch {
        problems.push(`path parameter '${name}' is not valid percent-encoding`);
      }
    });
    for (const parameter of operation.parameters) {
      if (!parameter.name || !parameter.schema) continue;
      const schema = resolve(parameter.schema);
      if (parameter.in === 'path' && pathValues.has(parameter.name)) {
        problems.push(
          ...paramProblems(
            pathValues.get(parameter.name),
            schema,
            `path parameter '${parameter.name}'`,
          ),
        );
      } else if (parameter.in === 'query') {
        const raw = (req.query as Record<string, unknown>)[parameter.name];
        if (raw !== undefined)
          problems.push(
            ...paramProblems(
              raw,
              schema,
              `query parameter '${parameter.name}'`,
            ),
          );
      }
    }
    if (operation.body && req.body !== undefined && problems.length === 0) {
      bodyProblems(req.body, operation.body, '', resolve, problems);
    }
    if (problems.length) {
      return next(new InputError(`Invalid request: ${problems.join('; ')}`));
    }
    return next();
  };
}
