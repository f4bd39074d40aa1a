/*
 * Every fact an example definition names, and whether a fact source's JSON schema declares it. Keys may
 * contain dots (file names, annotation keys, entity refs), so a path is matched as the resolver does:
 * the longest declared key first, backtracking when the rest does not resolve.
 */
import type { JsonObject, JsonValue } from '@backstage/types';

/** A fact named by an example: `<source>.<path>` and where it was found. */
export interface FactReference {
  ref: string;
  file: string;
  definition: string;
}

const PLACEHOLDER = /\{\{\s*([^}\s]+)\s*\}\}/g;

/** Collects `fact:` values of rules and `{{…}}` placeholders of messages in one parsed document. */
export function collectFactReferences(
  doc: JsonValue,
  file: string,
): FactReference[] {
  const root = doc as JsonObject | null;
  const meta = root?.metadata as JsonObject | undefined;
  const definition = `${String(root?.kind)}/${String(meta?.name)}`;
  const found: FactReference[] = [];
  const walk = (node: JsonValue | undefined) => {
    if (typeof node === 'string') {
      for (const m of node.matchAll(PLACEHOLDER)) {
        found.push({ ref: m[1], file, definition });
      }
    } else if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'fact' && typeof value === 'string') {
          found.push({ ref: value, file, definition });
        } else {
          walk(value);
        }
      }
    }
  };
  walk(root?.spec);
  return found;
}

function resolveRef(root: JsonObject, schema: JsonObject): JsonObject {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: JsonValue | undefined = root;
  for (const part of ref.slice(2).split('/')) {
    node = (node as JsonObject | undefined)?.[
      part.replace(/~1/g, '/').replace(/~0/g, '~')
    ];
  }
  return resolveRef(root, node as JsonObject);
}

function children(
  root: JsonObject,
  schema: JsonObject,
  key: string,
): JsonObject[] {
  const s = resolveRef(root, schema);
  const found: JsonObject[] = [];
  for (const branch of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const sub of (s[branch] as JsonObject[] | undefined) ?? []) {
      found.push(...children(root, sub, key));
    }
  }
  const props = s.properties as JsonObject | undefined;
  if (props && key in props) found.push(props[key] as JsonObject);
  for (const [pattern, sub] of Object.entries(
    (s.patternProperties as JsonObject | undefined) ?? {},
  )) {
    if (new RegExp(pattern, 'u').test(key)) found.push(sub as JsonObject);
  }
  const additional = s.additionalProperties;
  if (additional && typeof additional === 'object') {
    found.push(additional as JsonObject);
  }
  return found;
}

/** An object schema that lists nothing (and does not forbid extras) accepts any path below it. */
function isFreeForm(root: JsonObject, schema: JsonObject): boolean {
  const s = resolveRef(root, schema);
  return (
    (s.type === 'object' || s.type === undefined) &&
    !s.properties &&
    !s.patternProperties &&
    !s.allOf &&
    !s.anyOf &&
    !s.oneOf &&
    s.additionalProperties !== false &&
    typeof s.additionalProperties !== 'object' &&
    !s.items &&
    !s.enum &&
    !s.const
  );
}

/** Whether `path` (dot-separated, keys may contain dots) is declared by `schema`. */
export function schemaDeclares(
  schema: JsonObject,
  path: string,
  root: JsonObject = schema,
): boolean {
  const parts = path.split('.');
  if (path === '') return true;
  if (isFreeForm(root, schema)) return true;
  for (let n = parts.length; n >= 1; n--) {
    const key = parts.slice(0, n).join('.');
    const rest = parts.slice(n).join('.');
    if (children(root, schema, key).some(c => schemaDeclares(c, rest, root))) {
      return true;
    }
  }
  return false;
}
