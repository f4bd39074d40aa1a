import type { ErrorObject } from 'ajv';
import { closestMatch, didYouMean } from './suggest';
import {
  describeValue,
  isRecord,
  joinPath,
  pointerToPath,
  valueAtPointer,
} from './paths';
import type { ValidationProblem } from './types';

/** Properties that existed once, with what replaced them. */
const REMOVED_PROPERTIES: Record<string, string> = {
  'spec.includes':
    "a promotion into a Scorecard is declared once, in the Campaign's spec.onCompletion.promoteTo",
};

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object (a mapping of fields)',
  null: 'null',
};

function listOf(values: readonly unknown[]): string {
  return values
    .map(v => (typeof v === 'string' ? v : JSON.stringify(v)))
    .join(', ');
}

function knownProperties(error: ErrorObject): string[] {
  const properties = isRecord(error.parentSchema)
    ? error.parentSchema.properties
    : undefined;
  return isRecord(properties) ? Object.keys(properties) : [];
}

/** A problem with the JSON pointer of the value it is about, used to sort problems in document order. */
export interface LocatedProblem {
  pointer: string;
  problem: ValidationProblem;
}

interface Converted extends ValidationProblem {
  /** A `required` problem this one makes redundant (a typo of a required property). */
  supersedes?: string;
}

function convert(
  error: ErrorObject,
  document: unknown,
  base: string,
): Converted {
  const pointer = base + error.instancePath;
  const path = pointerToPath(pointer, document);
  const data: unknown = valueAtPointer(document, pointer);
  const params: Record<string, unknown> = error.params;
  switch (error.keyword) {
    case 'required': {
      return {
        path: joinPath(path, String(params.missingProperty)),
        message: 'is required',
      };
    }
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      const known = knownProperties(error);
      const suggestion = closestMatch(property, known);
      const removed = REMOVED_PROPERTIES[joinPath(path, property)];
      let message = suggestion
        ? `unknown property "${property}"; did you mean "${suggestion}"?`
        : `unknown property "${property}"; expected one of ${known.join(', ')}`;
      if (removed) message = `unknown property "${property}": ${removed}`;
      return {
        path: joinPath(path, property),
        message,
        expected: `one of ${known.join(', ')}`,
        supersedes: suggestion ? joinPath(path, suggestion) : undefined,
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const hint =
        typeof data === 'string'
          ? didYouMean(
              data,
              allowed.filter((v): v is string => typeof v === 'string'),
            )
          : '';
      return {
        path,
        message: `must be one of ${listOf(allowed)}; got ${describeValue(
          data,
        )}${hint}`,
        expected: `one of ${listOf(allowed)}`,
      };
    }
    case 'const': {
      const expected = JSON.stringify(params.allowedValue);
      return {
        path,
        message: `must be ${expected}; got ${describeValue(data)}`,
        expected,
      };
    }
    case 'type': {
      const expected = String(params.type)
        .split(',')
        .map(t => TYPE_NAMES[t] ?? t)
        .join(' or ');
      return {
        path,
        message: `must be ${expected}; got ${describeValue(data)}`,
        expected,
      };
    }
    case 'pattern': {
      const custom = isRecord(error.parentSchema)
        ? error.parentSchema.patternErrorMessage
        : undefined;
      const expected =
        typeof custom === 'string'
          ? custom
          : `must match the pattern ${String(params.pattern)}`;
      return {
        path,
        message: `${expected}; got ${describeValue(data)}`,
        expected: expected.replace(/^must be /, ''),
      };
    }
    case 'minItems': {
      const limit = Number(params.limit);
      return {
        path,
        message:
          limit === 1
            ? 'must not be empty'
            : `must have at least ${limit} items`,
        expected: `at least ${limit} item${limit === 1 ? '' : 's'}`,
      };
    }
    case 'minLength': {
      const limit = Number(params.limit);
      return {
        path,
        message:
          limit === 1
            ? 'must not be empty'
            : `must be at least ${limit} characters long`,
      };
    }
    case 'maxLength': {
      return {
        path,
        message: `must be at most ${Number(params.limit)} characters long`,
      };
    }
    case 'minimum': {
      return {
        path,
        message: `must be at least ${Number(params.limit)}; got ${describeValue(
          data,
        )}`,
      };
    }
    case 'uniqueItems': {
      return {
        path,
        message: `must not repeat a value (items ${Number(
          params.j,
        )} and ${Number(params.i)} are equal)`,
      };
    }
    default:
      return {
        path,
        message: error.message ?? `is invalid (${error.keyword})`,
      };
  }
}

/**
 * Turns Ajv errors that are not part of a union into problems. `document` is the whole entity and
 * `base` the pointer of the validated value inside it, so that paths are always absolute.
 */
export function ajvErrorsToProblems(
  errors: readonly ErrorObject[],
  document: unknown,
  base: string,
): LocatedProblem[] {
  const converted = errors.map(e => ({
    pointer: base + e.instancePath,
    converted: convert(e, document, base),
  }));
  const superseded = new Set(
    converted.map(c => c.converted.supersedes).filter(Boolean),
  );
  return converted
    .filter(
      c =>
        !(
          c.converted.message === 'is required' &&
          superseded.has(c.converted.path)
        ),
    )
    .map(({ pointer, converted: { supersedes: _, ...problem } }) => ({
      pointer,
      problem:
        problem.expected === undefined
          ? { path: problem.path, message: problem.message }
          : problem,
    }));
}
