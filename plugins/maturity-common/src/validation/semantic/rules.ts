import validRange from 'semver/ranges/valid';
import { parseFactRef } from '../../kinds';
import type { Rule, RuleCondition } from '../../kinds';
import { describeValue, joinPath } from '../paths';
import { Problems } from './common';

const NUMERIC_OPERATORS = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
]);

function checkCondition(
  condition: RuleCondition,
  path: string,
  problems: Problems,
): void {
  if (!parseFactRef(condition.fact)) {
    problems.add(
      joinPath(path, 'fact'),
      `malformed fact reference "${condition.fact}"; expected <source>.<path>, e.g. catalog.spec.owner`,
      '<source>.<path>',
    );
  }
  const { operator, value } = condition;
  const valuePath = joinPath(path, 'value');
  const hasValue = 'value' in condition && value !== undefined;
  const got = describeValue(value);
  if (NUMERIC_OPERATORS.has(operator)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.add(
        valuePath,
        `operator ${operator} needs a number; got ${got}`,
        'a number',
      );
    }
  } else if (operator === 'in') {
    if (!Array.isArray(value)) {
      problems.add(
        valuePath,
        `operator in needs a list of values; got ${got}`,
        'a list',
      );
    }
  } else if (operator === 'exists') {
    if (hasValue && typeof value !== 'boolean') {
      problems.add(
        valuePath,
        `operator exists takes true (present, the default) or false (absent); got ${got}`,
        'true, false or nothing',
      );
    }
  } else if (operator === 'matches') {
    if (typeof value !== 'string') {
      problems.add(
        valuePath,
        `operator matches needs a regular expression string; got ${got}`,
        'a regular expression',
      );
    } else {
      try {
        new RegExp(value); // eslint-disable-line no-new
      } catch (error) {
        // The engine's message repeats the expression; keep only the reason (e.g. "Unterminated group").
        const reason = (error as Error).message.replace(
          /^Invalid regular expression: \/.*\/[a-z]*: /s,
          '',
        );
        problems.add(
          valuePath,
          `invalid regular expression ${JSON.stringify(value)}: ${reason}`,
          'a valid regular expression',
        );
      }
    }
  } else if (operator === 'semverSatisfies') {
    if (typeof value !== 'string' || validRange(value) === null) {
      problems.add(
        valuePath,
        `operator semverSatisfies needs a semver range such as ">=3.11" or "^18"; got ${got}`,
        'a semver range',
      );
    }
  } else if (!hasValue) {
    // equal, notEqual and contains compare with something; without a value the rule is a mistake.
    problems.add(valuePath, `operator ${operator} needs a value`, 'a value');
  }
}

/** Checks every condition of a rule tree; paths point at the offending leaf. */
export function checkRule(rule: Rule, path: string, problems: Problems): void {
  if ('all' in rule) {
    rule.all.forEach((child, i) =>
      checkRule(child, joinPath(joinPath(path, 'all'), i), problems),
    );
  } else if ('any' in rule) {
    rule.any.forEach((child, i) =>
      checkRule(child, joinPath(joinPath(path, 'any'), i), problems),
    );
  } else if ('not' in rule) {
    checkRule(rule.not, joinPath(path, 'not'), problems);
  } else {
    checkCondition(rule, path, problems);
  }
}
