import type {
  Rule,
  RuleCondition,
} from '@ratchet/backstage-plugin-maturity-common';
import { formatValue } from '../evaluation';

const OPERATORS: Record<string, string> = {
  equal: 'equals',
  notEqual: 'does not equal',
  lessThan: 'is less than',
  lessThanInclusive: 'is at most',
  greaterThan: 'is greater than',
  greaterThanInclusive: 'is at least',
  in: 'is one of',
  contains: 'contains',
  matches: 'matches',
  semverSatisfies: 'satisfies',
};

function describeCondition(condition: RuleCondition): string {
  if (condition.operator === 'exists') {
    return condition.value === false
      ? `${condition.fact} does not exist`
      : `${condition.fact} exists`;
  }
  const verb = OPERATORS[condition.operator] ?? condition.operator;
  return `${condition.fact} ${verb} ${formatValue(condition.value)}`;
}

/**
 * A rule tree as indented readable text, one condition per line:
 *
 * ```
 * all of:
 *   - catalog.spec.owner exists
 *   - any of:
 *     - kubernetes.replicas.desired is at least 2
 *     - catalog.spec.lifecycle equals "experimental"
 * ```
 */
export function describeRule(rule: Rule, indent = ''): string {
  const child = (r: Rule) =>
    `${indent}  - ${describeRule(r, `${indent}  `).trimStart()}`;
  if ('all' in rule)
    return [`${indent}all of:`, ...rule.all.map(child)].join('\n');
  if ('any' in rule)
    return [`${indent}any of:`, ...rule.any.map(child)].join('\n');
  if ('not' in rule) return [`${indent}not:`, child(rule.not)].join('\n');
  return `${indent}${describeCondition(rule)}`;
}
