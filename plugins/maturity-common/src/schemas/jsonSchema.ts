import type { JsonValue } from '../kinds';

/**
 * The subset of JSON Schema draft-07 the Ratchet kind schemas use, plus `patternErrorMessage`, which the
 * YAML and JSON language servers show instead of the raw pattern.
 */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $comment?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  uniqueItems?: boolean;
  enum?: JsonValue[];
  const?: JsonValue;
  pattern?: string;
  patternErrorMessage?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  anyOf?: JsonSchema[];
  default?: JsonValue;
  examples?: JsonValue[];
  definitions?: Record<string, JsonSchema>;
}

/** A `$ref` to a definition of the same document. */
export function ref(definition: string, description?: string): JsonSchema {
  return description
    ? { $ref: `#/definitions/${definition}`, description }
    : { $ref: `#/definitions/${definition}` };
}

/** Lowercase letters, digits and single dashes: the shape of every id inside a Ratchet spec. */
export const ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/** A calendar date `YYYY-MM-DD`; whether the day exists is checked by the semantic validation. */
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/**
 * An ISO 8601 duration with integer parts (`P7D`, `P1M`, `PT12H`, `P1DT6H`); the lookaheads reject
 * the empty `P` and `PT`.
 */
export const DURATION_PATTERN =
  '^P(?=[0-9]|T[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+S)?)?$';

/** The same grammar as `parseFactRef`: `<source>.<path>`, the path neither starting nor ending with a dot. */
export const FACT_REF_PATTERN = '^[a-z][a-z0-9-]*\\.[^\\s.](\\S*[^\\s.])?$';

/** Catalog entity names, as `KubernetesValidatorFunctions.isValidObjectName` accepts them. */
export const ENTITY_NAME_PATTERN = '^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$';

/** Catalog namespaces (DNS labels). */
export const NAMESPACE_PATTERN = '^[a-z0-9]+(-+[a-z0-9]+)*$';

/** Catalog tags. */
export const TAG_PATTERN = '^[a-z0-9+#]+(-[a-z0-9+#]+)*$';

/** An id string: the description says what it identifies. */
export function idSchema(description: string, examples: string[]): JsonSchema {
  return {
    type: 'string',
    description,
    pattern: ID_PATTERN,
    patternErrorMessage:
      'must be an id: lowercase letters and digits, words separated by single dashes (e.g. "has-owner")',
    examples,
  };
}

/** A string that must not be empty. */
export function text(description: string, examples?: JsonValue[]): JsonSchema {
  return examples
    ? { type: 'string', description, minLength: 1, examples }
    : { type: 'string', description, minLength: 1 };
}

/** A boolean flag. */
export function flag(description: string, defaultValue?: boolean): JsonSchema {
  return defaultValue === undefined
    ? { type: 'boolean', description }
    : { type: 'boolean', description, default: defaultValue };
}
