/*
 * Reads an OpenAPI 3.0 document into what the renderers need: the named models (component schemas, plus
 * inline request bodies and inline 2xx response objects named as openapi-generator names them:
 * `<OperationId>Request`, `<OperationId><status>Response`) and the operations with their parameters.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

/** A model's TypeScript name; `Error` would shadow the global, so it becomes `ModelError` (as openapi-generator). */
export function modelName(schemaName) {
  return schemaName === 'Error' ? 'ModelError' : schemaName;
}

export function pascal(s) {
  return s.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, __, c) =>
    c.toUpperCase(),
  );
}

export function camel(s) {
  const p = pascal(s);
  return p.charAt(0).toLowerCase() + p.slice(1);
}

function refTarget(doc, ref, section) {
  const prefix = `#/components/${section}/`;
  if (!ref.startsWith(prefix)) throw new Error(`Unsupported $ref ${ref}`);
  const name = ref.slice(prefix.length);
  const target = doc.components?.[section]?.[name];
  if (!target) throw new Error(`Unresolved $ref ${ref}`);
  return target;
}

function deref(doc, value, section) {
  return value && value.$ref ? refTarget(doc, value.$ref, section) : value;
}

function jsonContent(content) {
  if (!content) return undefined;
  const key = Object.keys(content).find(k => k.startsWith('application/json'));
  return key ? content[key] : Object.values(content)[0];
}

function isInlineObject(schema) {
  return (
    !!schema &&
    !schema.$ref &&
    (schema.type === 'object' || !!schema.properties) &&
    !!schema.properties
  );
}

/** Schemas the router's validator (ajv, strict) refuses at runtime, found before anything is written. */
function assertValidatable(value, at) {
  if (!value || typeof value !== 'object') return;
  if (value.nullable !== undefined && !value.type && !value.$ref) {
    throw new Error(
      `${at}: "nullable" needs a "type" (the router's validator refuses it); add e.g. type: object`,
    );
  }
  for (const [k, v] of Object.entries(value))
    assertValidatable(v, `${at}/${k}`);
}

export function collect(doc) {
  assertValidatable(doc, '#');
  const models = new Map();
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    models.set(modelName(name), schema);
  }
  const addInline = (name, schema) => {
    if (models.has(name))
      throw new Error(`Generated model name ${name} collides with a schema`);
    models.set(name, schema);
    return { $ref: `#/components/schemas/${name}` };
  };

  const operations = [];
  for (const [route, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      if (!op.operationId)
        throw new Error(`${method.toUpperCase()} ${route} has no operationId`);
      const name = pascal(op.operationId);
      const params = new Map();
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const param = deref(doc, p, 'parameters');
        params.set(`${param.in}:${param.name}`, param);
      }
      let body;
      const requestBody = deref(doc, op.requestBody, 'requestBodies');
      if (requestBody) {
        const schema = jsonContent(requestBody.content)?.schema;
        if (schema)
          body = isInlineObject(schema)
            ? addInline(`${name}Request`, schema)
            : schema;
      }
      const responses = Object.entries(op.responses ?? {}).map(
        ([status, r]) => {
          const response = deref(doc, r, 'responses');
          let schema = jsonContent(response.content)?.schema;
          if (schema && /^2/.test(status) && isInlineObject(schema)) {
            schema = addInline(`${name}${status}Response`, schema);
          }
          return { status, schema };
        },
      );
      operations.push({
        name,
        method,
        route,
        description: op.description ?? op.summary,
        params: [...params.values()],
        body,
        responses,
      });
    }
  }
  return { models, operations };
}
