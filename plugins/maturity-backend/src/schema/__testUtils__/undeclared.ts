import { spec } from '../openapi';

const schemas = spec.components.schemas as Record<string, Schema>;

/** The part of a JSON Schema the walk reads. */
export interface Schema {
  $ref?: string;
  allOf?: readonly Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
}

function resolve(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').pop()!;
  return resolve(schemas[name]);
}

/** The properties a schema declares, its allOf parts' included; undefined for a free-form object. */
function declared(schema: Schema): Record<string, Schema> | undefined {
  const s = resolve(schema);
  const parts = [s.properties, ...(s.allOf ?? []).map(declared)].filter(
    (p): p is Record<string, Schema> => p !== undefined,
  );
  return parts.length ? Object.assign({}, ...parts) : undefined;
}

/** Paths in `value` of properties its schema (through $ref and allOf) does not declare. */
export function undeclared(
  value: unknown,
  schema: Schema,
  at: string,
): string[] {
  const s = resolve(schema);
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => undeclared(v, s.items ?? {}, `${at}[${i}]`));
  }
  if (!value || typeof value !== 'object') return [];
  const props = declared(s);
  if (!props) return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key in props ? undeclared(v, props[key], `${at}.${key}`) : [`${at}.${key}`],
  );
}
