import type { ScorecardEntityV1alpha1 } from '../../kinds';
import { joinPath } from '../paths';
import type { RatchetValidationContext } from '../types';
import {
  Problems,
  checkCalendarDate,
  checkEntityRef,
  checkKnownId,
  checkUniqueIds,
  namespaceOf,
} from './common';
import { checkRule } from './rules';

/** The checks of a Scorecard that a JSON Schema cannot express. */
export function checkScorecard(
  entity: ScorecardEntityV1alpha1,
  _context: RatchetValidationContext,
  problems: Problems,
): void {
  const { spec } = entity;
  const namespace = namespaceOf(entity);
  checkEntityRef(
    spec.owner,
    { defaultKind: 'Group', defaultNamespace: namespace },
    'spec.owner',
    problems,
  );
  checkUniqueIds('level', spec.levels, 'spec.levels', problems);
  checkUniqueIds('category', spec.categories, 'spec.categories', problems);
  checkUniqueIds('check', spec.checks, 'spec.checks', problems);

  const levelIds = spec.levels.map(l => l.id);
  const categoryIds = spec.categories.map(c => c.id);
  spec.checks.forEach((check, i) => {
    const path = joinPath('spec.checks', i);
    checkKnownId(
      'level',
      check.level,
      levelIds,
      joinPath(path, 'level'),
      problems,
    );
    checkKnownId(
      'category',
      check.category,
      categoryIds,
      joinPath(path, 'category'),
      problems,
    );
    checkCalendarDate(
      check.effectiveFrom,
      joinPath(path, 'effectiveFrom'),
      problems,
    );
    checkRule(check.rule, joinPath(path, 'rule'), problems);
    if (check.appliesWhen) {
      checkRule(check.appliesWhen, joinPath(path, 'appliesWhen'), problems);
    }
  });
}
