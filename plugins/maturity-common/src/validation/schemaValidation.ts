import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import campaignSchema from '../../schemas/campaign.v1alpha1.schema.json';
import checklistSchema from '../../schemas/checklist.v1alpha1.schema.json';
import scorecardSchema from '../../schemas/scorecard.v1alpha1.schema.json';
import { LocatedProblem, ajvErrorsToProblems } from './ajvProblems';
import {
  describeValue,
  isRecord,
  isWithinPointer,
  pointerToPath,
  valueAtPointer,
} from './paths';
import type { RatchetKind, ValidationProblem } from './types';

const SCHEMAS: Record<
  RatchetKind,
  { $id: string; definitions: Record<string, object> }
> = {
  Scorecard: scorecardSchema,
  Campaign: campaignSchema,
  Checklist: checklistSchema,
};

/**
 * The `anyOf` definitions of the schemas. Ajv reports every failing branch of an `anyOf`, which for a
 * rule tree means a flood of unrelated errors; instead we pick the branch the author evidently meant and
 * report only its errors.
 */
interface Union {
  describe: string;
  /** The index of the intended `anyOf` branch, or undefined when the value fits none. */
  pick(value: unknown): number | undefined;
  /** A message when the value mixes several branches, which no branch's own errors would explain. */
  conflict?(value: Record<string, unknown>): string | undefined;
}

const RULE_KEYS = ['all', 'any', 'not'] as const;
const CONDITION_KEYS = ['fact', 'operator', 'value'];

const UNIONS: Record<string, Union> = {
  rule: {
    describe:
      'a rule: an object with "all", "any" or "not", or a condition with "fact" and "operator"',
    pick: value => {
      if (!isRecord(value)) {
        return undefined;
      }
      const index = RULE_KEYS.findIndex(key => key in value);
      return index === -1 ? RULE_KEYS.length : index;
    },
    conflict: value => {
      const used = [
        ...RULE_KEYS.filter(key => key in value),
        ...(CONDITION_KEYS.some(key => key in value)
          ? ['a condition (fact, operator, value)']
          : []),
      ];
      return used.length > 1
        ? `a rule must have exactly one of "all", "any", "not" or a condition (fact, operator, value); found ${used
            .map(u => (u.startsWith('a ') ? u : `"${u}"`))
            .join(' and ')}`
        : undefined;
    },
  },
  campaignCheck: {
    describe:
      'a check (with id, title and rule) or a reference to an existing check (with ref)',
    pick: value => {
      if (!isRecord(value)) {
        return undefined;
      }
      return 'ref' in value ? 1 : 0;
    },
  },
  stringOrStrings: {
    describe: 'a string or a list of strings',
    pick: value => {
      if (typeof value === 'string') {
        return 0;
      }
      return Array.isArray(value) ? 1 : undefined;
    },
  },
};

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** Compiled on first use and kept: compiling is far slower than validating. */
function validator(schemaRef: string): ValidateFunction {
  let validate = validators.get(schemaRef);
  if (!validate) {
    if (!ajv) {
      ajv = new Ajv({
        allErrors: true,
        verbose: true,
        inlineRefs: false,
        strict: true,
      });
      // Understood by the YAML/JSON language servers; to Ajv only an annotation we read ourselves.
      ajv.addKeyword('patternErrorMessage');
      ajv.addSchema(Object.values(SCHEMAS));
    }
    validate = ajv.getSchema(schemaRef);
    if (!validate) {
      throw new Error(`Unknown schema ${schemaRef}`);
    }
    validators.set(schemaRef, validate);
  }
  return validate;
}

let unionsByBranches: Map<string, string> | undefined;

/**
 * Which union an `anyOf` error comes from. Ajv gives schema paths relative to the referenced definition
 * (`#/anyOf`), so the union is recognised by its list of branches instead.
 */
function unionName(error: ErrorObject): string | undefined {
  if (error.keyword !== 'anyOf' || !isRecord(error.parentSchema)) {
    return undefined;
  }
  if (!unionsByBranches) {
    unionsByBranches = new Map();
    for (const schema of Object.values(SCHEMAS)) {
      for (const name of Object.keys(UNIONS)) {
        const definition: unknown = schema.definitions[name];
        const branches = isRecord(definition) ? definition.anyOf : undefined;
        if (branches) {
          unionsByBranches.set(JSON.stringify(branches), name);
        }
      }
    }
  }
  return unionsByBranches.get(JSON.stringify(error.parentSchema.anyOf));
}

function resolveUnion(
  schemaId: string,
  name: string,
  document: unknown,
  pointer: string,
): LocatedProblem[] {
  const union = UNIONS[name];
  const value = valueAtPointer(document, pointer);
  const path = pointerToPath(pointer, document);
  const conflict = isRecord(value) ? union.conflict?.(value) : undefined;
  if (conflict) {
    return [{ pointer, problem: { path, message: conflict } }];
  }
  const branch = union.pick(value);
  const mismatch = {
    pointer,
    problem: {
      path,
      message: `must be ${union.describe}; got ${describeValue(value)}`,
      expected: union.describe,
    },
  };
  if (branch === undefined) {
    return [mismatch];
  }
  const validate = validator(
    `${schemaId}#/definitions/${name}/anyOf/${branch}`,
  );
  if (validate(value) || !validate.errors) {
    return [mismatch];
  }
  // Copied: the same branch validator may run again further down this tree and replace `errors`.
  return collectProblems(schemaId, [...validate.errors], document, pointer);
}

function collectProblems(
  schemaId: string,
  errors: readonly ErrorObject[],
  document: unknown,
  base: string,
): LocatedProblem[] {
  const unions = errors
    .filter(e => unionName(e) !== undefined)
    .sort((a, b) => a.instancePath.length - b.instancePath.length);
  const outermost: ErrorObject[] = [];
  for (const error of unions) {
    if (
      !outermost.some(o => isWithinPointer(error.instancePath, o.instancePath))
    ) {
      outermost.push(error);
    }
  }
  const plain = errors.filter(
    e => !outermost.some(o => isWithinPointer(e.instancePath, o.instancePath)),
  );
  return [
    ...ajvErrorsToProblems(plain, document, base),
    ...outermost.flatMap(o =>
      resolveUnion(schemaId, unionName(o)!, document, base + o.instancePath),
    ),
  ];
}

/** Validates a whole entity document against the JSON Schema of its kind. */
export function validateAgainstSchema(
  kind: RatchetKind,
  entity: unknown,
): ValidationProblem[] {
  const schemaId = SCHEMAS[kind].$id;
  const validate = validator(schemaId);
  if (validate(entity) || !validate.errors) {
    return [];
  }
  const order = documentOrder(entity);
  const rank = (pointer: string) =>
    order.get(pointer) ?? Number.MAX_SAFE_INTEGER;
  const seen = new Set<string>();
  return collectProblems(schemaId, [...validate.errors], entity, '')
    .sort((a, b) => rank(a.pointer) - rank(b.pointer))
    .map(located => located.problem)
    .filter(p => {
      const key = `${p.path}\u0000${p.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

/** The position of every value of the document in reading order, keyed by JSON pointer. */
function documentOrder(document: unknown): Map<string, number> {
  const order = new Map<string, number>();
  const visit = (value: unknown, pointer: string) => {
    order.set(pointer, order.size);
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${pointer}/${i}`));
    } else if (isRecord(value)) {
      for (const [key, item] of Object.entries(value)) {
        visit(
          item,
          `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        );
      }
    }
  };
  visit(document, '');
  return order;
}
