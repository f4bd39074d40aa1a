/*
 * TypeScript for the models and the server's EndpointMap, in the shape of repo-tools' templates
 * (templates/typescript-backstage-server): one `<Name>.model.ts` per model, one type per operation.
 * Wire types: `date-time` stays a string (JSON carries strings), a schema without a type is `unknown`,
 * a free-form object a JsonObject.
 */
import { modelName } from './collect.mjs';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function key(name) {
  return IDENT.test(name) ? name : `'${name}'`;
}

function doc(description, extra = []) {
  const lines = [
    ...(description ? String(description).trim().split('\n') : []),
    ...extra,
  ];
  if (!lines.length) return '';
  return `/**\n${lines
    .map(l => ` * ${l.replace(/\*\//g, '*\\/')}`.trimEnd())
    .join('\n')}\n */\n`;
}

/** The TypeScript type of a schema; names of referenced models are added to `refs`. */
export function tsType(schema, refs) {
  const t = baseType(schema ?? {}, refs);
  return schema?.nullable ? `${t} | null` : t;
}

function baseType(schema, refs) {
  if (schema.$ref) {
    const name = modelName(schema.$ref.split('/').pop());
    refs.add(name);
    return name;
  }
  if (schema.allOf)
    return schema.allOf.map(s => wrap(tsType(s, refs))).join(' & ');
  const union = schema.oneOf ?? schema.anyOf;
  if (union) return union.map(s => wrap(tsType(s, refs))).join(' | ');
  if (schema.enum) return schema.enum.map(v => JSON.stringify(v)).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return `Array<${tsType(schema.items, refs)}>`;
    case 'object':
      return objectType(schema, refs);
    default:
      if (schema.properties || schema.additionalProperties)
        return objectType(schema, refs);
      // Any JSON value: what it may be is decided where it is read (openapi-generator's `any`).
      return 'unknown';
  }
}

function wrap(t) {
  return /[|&]/.test(t) ? `(${t})` : t;
}

function members(schema, refs) {
  const required = new Set(schema.required ?? []);
  const lines = Object.entries(schema.properties ?? {}).map(
    ([name, prop]) =>
      `${doc(prop?.description)}${key(name)}${
        required.has(name) ? '' : '?'
      }: ${tsType(prop, refs)};`,
  );
  const extra = schema.additionalProperties;
  if (extra && extra !== false) {
    if (extra === true || Object.keys(extra).length === 0) {
      refs.add('JsonValue');
      lines.push(
        lines.length ? '[key: string]: unknown;' : '[key: string]: JsonValue;',
      );
    } else {
      lines.push(
        `[key: string]: ${lines.length ? 'unknown' : tsType(extra, refs)};`,
      );
    }
  }
  return lines;
}

function freeForm(extra) {
  return (
    extra === undefined ||
    extra === true ||
    (typeof extra === 'object' && !Object.keys(extra).length)
  );
}

function objectType(schema, refs) {
  const lines =
    schema.properties || !freeForm(schema.additionalProperties)
      ? members(schema, refs)
      : [];
  if (!lines.length) {
    // A free-form object: any JSON object, as @backstage/types has it.
    refs.add('JsonObject');
    return 'JsonObject';
  }
  return `{\n${lines.join('\n')}\n}`;
}

export const JSON_TYPES = ['JsonObject', 'JsonValue'];

/** The import of @backstage/types' JSON types among `names`. */
export function jsonImport(names) {
  const used = JSON_TYPES.filter(n => names.includes(n));
  return used.length
    ? `import type { ${used.join(', ')} } from '@backstage/types';\n`
    : '';
}

function imports(refs, self, from) {
  const names = [...refs].filter(n => n !== self).sort();
  return (
    jsonImport(names) +
    names
      .filter(n => !JSON_TYPES.includes(n))
      .map(n => `import type { ${n} } from '${from}${n}.model';\n`)
      .join('')
  );
}

function renderModel(name, schema) {
  const refs = new Set();
  const description = doc(schema.description, ['@public']);
  let body;
  const plainObject =
    !schema.nullable &&
    !schema.allOf &&
    !schema.oneOf &&
    !schema.anyOf &&
    !!schema.properties;
  if (plainObject) {
    body = `${description}export interface ${name} {\n${members(
      schema,
      refs,
    ).join('\n')}\n}\n`;
  } else {
    body = `${description}export type ${name} = ${tsType(schema, refs)};\n`;
  }
  const head = imports(refs, name, './');
  return `${head}${head ? '\n' : ''}${body}`;
}

/** `[relative path, text]` of every model file and the models' index. */
export function renderModels({ models }) {
  const names = [...models.keys()].sort();
  const files = names.map(n => [
    `models/${n}.model.ts`,
    renderModel(n, models.get(n)),
  ]);
  files.push([
    'models/index.ts',
    names.map(n => `export * from './${n}.model';\n`).join(''),
  ]);
  return files;
}

/** The parts of one operation's request and response, as `{ path, query, header, body, response }`. */
export function operationParts(op, refs) {
  const group = where => {
    const ps = op.params.filter(p => p.in === where);
    if (!ps.length) return undefined;
    return `{\n${ps
      .map(
        p =>
          `${doc(p.description)}${key(p.name)}${
            p.required ? '' : '?'
          }: ${tsType(p.schema, refs)};`,
      )
      .join('\n')}\n}`;
  };
  const response = [
    ...new Set(
      op.responses.map(r => (r.schema ? tsType(r.schema, refs) : 'void')),
    ),
  ].join(' | ');
  return {
    path: group('path'),
    query: group('query'),
    header: group('header'),
    body: op.body ? tsType(op.body, refs) : undefined,
    response,
  };
}

export function endpointKey(op) {
  // openapi-generator escapes the reserved word, and backend-openapi-utils' typed router expects it so.
  return `#${op.method === 'delete' ? '_delete' : op.method}|${op.route}`;
}

export function renderServerApi(model) {
  const refs = new Set();
  const types = model.operations.map(op => {
    const parts = operationParts(op, refs);
    const fields = ['path', 'body', 'query', 'header', 'response']
      .filter(k => parts[k] !== undefined)
      .map(k => `${k}: ${parts[k]};`);
    return `${doc(op.description, ['@public'])}export type ${
      op.name
    } = {\n${fields.join('\n')}\n};\n`;
  });
  const map = model.operations
    .map(op => `'${endpointKey(op)}': ${op.name};`)
    .join('\n');
  return `${imports(refs, '', '../models/')}\n${types.join('\n')}\n${doc(
    'Every operation of the API by `#<method>|<path>`: types the typed router.',
    ['@public'],
  )}export type EndpointMap = {\n${map}\n};\n`;
}

export function renderRouter(spec) {
  return `import { createValidatedOpenApiRouterFromGeneratedEndpointMap } from '@backstage/backend-openapi-utils';
import { EndpointMap } from './apis';

/** The OpenAPI document of the API, as openapi.yaml says it. */
export const spec = ${JSON.stringify(spec, null, 2)} as const;

/** The router that validates requests against the spec, typed by the EndpointMap. */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouterFromGeneratedEndpointMap>['1'],
) => createValidatedOpenApiRouterFromGeneratedEndpointMap<EndpointMap>(spec, options);
`;
}
