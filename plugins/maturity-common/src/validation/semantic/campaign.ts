import { isCampaignCheckReference } from '../../kinds';
import type { CampaignEntityV1alpha1 } from '../../kinds';
import { joinPath } from '../paths';
import type { RatchetValidationContext } from '../types';
import {
  Problems,
  campaignCheckIds,
  checkCalendarDate,
  checkCheckReference,
  checkEntityRef,
  checkKnownId,
  checkUniqueIds,
  namespaceOf,
  resolveDefinition,
} from './common';
import { checkRule } from './rules';

/** The checks of a Campaign that a JSON Schema cannot express. */
export function checkCampaign(
  entity: CampaignEntityV1alpha1,
  context: RatchetValidationContext,
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

  // A referenced check is known inside the campaign by its check id, so it must not collide either.
  const ids = campaignCheckIds(spec.checks).map(id => ({ id }));
  checkUniqueIds('check', ids, 'spec.checks', problems);

  const startOk = checkCalendarDate(spec.startDate, 'spec.startDate', problems);
  const dueOk = checkCalendarDate(spec.dueDate, 'spec.dueDate', problems);
  if (startOk && dueOk && spec.dueDate <= spec.startDate) {
    problems.add(
      'spec.dueDate',
      `must be after spec.startDate (${spec.startDate}); got ${spec.dueDate}`,
      `a date after ${spec.startDate}`,
    );
  }

  const promoteTo = spec.onCompletion?.promoteTo;
  const scorecardRef =
    promoteTo &&
    checkEntityRef(
      promoteTo.scorecard,
      { defaultKind: 'Scorecard', defaultNamespace: namespace },
      'spec.onCompletion.promoteTo.scorecard',
      problems,
      'Scorecard',
    );
  const scorecard =
    scorecardRef && resolveDefinition('Scorecard', scorecardRef, context);
  if (promoteTo && scorecard) {
    const where = ` in ${scorecard.ref}`;
    checkKnownId(
      'level',
      promoteTo.level,
      scorecard.levelIds,
      'spec.onCompletion.promoteTo.level',
      problems,
      where,
    );
    checkKnownId(
      'category',
      promoteTo.category,
      scorecard.categoryIds,
      'spec.onCompletion.promoteTo.category',
      problems,
      where,
    );
  }

  spec.checks.forEach((check, i) => {
    const path = joinPath('spec.checks', i);
    if (isCampaignCheckReference(check)) {
      checkCheckReference(
        check.ref,
        joinPath(path, 'ref'),
        entity,
        context,
        problems,
      );
      return;
    }
    if (scorecard) {
      // Promoted checks are shown under their category in the target Scorecard.
      checkKnownId(
        'category',
        check.category,
        scorecard.categoryIds,
        joinPath(path, 'category'),
        problems,
        ` in ${scorecard.ref}`,
      );
    }
    checkCalendarDate(
      check.effectiveFrom,
      joinPath(path, 'effectiveFrom'),
      problems,
    );
    checkRule(check.rule, joinPath(path, 'rule'), problems);
  });
}
