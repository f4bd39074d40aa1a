import type { JsonValue } from '@backstage/types';
import type {
  EntityFacts,
  FailingCondition,
} from '@ratchet/backstage-plugin-maturity-common';
import { compileFactPath, CompiledFactPath } from './factPath';

const MAX_VALUE_LENGTH = 80;

/** A value as shown in generated messages: JSON (strings quoted, so `"5"` and `5` differ), shortened. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Only non-JSON values (cycles) get here; facts are JSON, so this is a last resort.
    text = String(value);
  }
  return text.length > MAX_VALUE_LENGTH
    ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…`
    : text;
}

/** A value's type and value for error reasons, e.g. `a string ("5")`. */
export function describeValue(value: JsonValue): string {
  if (Array.isArray(value)) return `a list (${formatValue(value)})`;
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${formatValue(value)})`;
  return `a ${typeof value} (${formatValue(value)})`;
}

/** The generated message of a failure, e.g. `kubernetes.oomKills24h is 5, expected lessThanInclusive 2`. */
export function describeFailure(
  failing: FailingCondition,
  negated: boolean,
): string {
  const { fact, operator, expected, actual, path } = failing;
  if (operator === 'all' || operator === 'any') {
    // Only empty `all`/`any` lists produce a condition without a fact.
    return `rule ${operator} at ${path || 'the root'} has no conditions`;
  }
  if (operator === 'exists') {
    const wantsPresent = (expected !== false) !== negated;
    return wantsPresent
      ? `${fact} is missing, expected it to exist`
      : `${fact} is ${formatValue(actual)}, expected it to be absent`;
  }
  return `${fact} is ${formatValue(actual)}, expected ${
    negated ? 'not ' : ''
  }${operator} ${formatValue(expected)}`;
}

/** A message template compiled once into literal parts and fact resolvers. */
export interface CompiledTemplate {
  /** True when the template has no placeholders, so its text never changes. */
  readonly constant: boolean;
  /** The message with `{{<fact ref>}}` placeholders filled from the entity's facts. */
  render(facts: EntityFacts): string;
}

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** How a fact value reads inside a sentence: strings bare, lists comma-separated, missing as `unknown`. */
function renderValue(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return 'unknown';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value.every(v => v === null || typeof v !== 'object')
      ? value.map(v => String(v)).join(', ')
      : formatValue(value);
  }
  if (typeof value === 'object') return formatValue(value);
  return String(value);
}

/**
 * Compiles a message with `{{<fact ref>}}` placeholders. A placeholder that is not a valid fact reference
 * stays as written, so a typo shows up in the message instead of disappearing.
 */
export function compileTemplate(template: string): CompiledTemplate {
  const parts: Array<string | CompiledFactPath> = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const path = compileFactPath(match[1]);
    if (!path) continue;
    const start = match.index ?? 0;
    if (start > last) parts.push(template.slice(last, start));
    parts.push(path);
    last = start + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  if (parts.every(p => typeof p === 'string')) {
    return { constant: true, render: () => template };
  }
  return {
    constant: false,
    render(facts: EntityFacts): string {
      let text = '';
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        text +=
          typeof part === 'string' ? part : renderValue(part.resolve(facts));
      }
      return text;
    },
  };
}
