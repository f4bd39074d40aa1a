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

  checkTargets(spec.targets, problems);
  if (startOk && dueOk) checkReminders(entity, problems);

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
    if (check.appliesWhen) {
      checkRule(check.appliesWhen, joinPath(path, 'appliesWhen'), problems);
    }
  });
}

const FILTER_FIELDS = [
  'kind',
  'type',
  'lifecycle',
  'tags',
  'owner',
  'system',
  'annotations',
];

/** A target filter must choose something: `{}` (or only `not`) would target the whole catalog. */
function checkTargets(targets: unknown, problems: Problems): void {
  if (!targets || typeof targets !== 'object' || Array.isArray(targets)) {
    return; // the JSON Schema reports the type
  }
  const chosen = FILTER_FIELDS.filter(field => {
    const value = (targets as Record<string, unknown>)[field];
    if (Array.isArray(value)) return value.length > 0;
    if (value && typeof value === 'object') return Object.keys(value).length;
    return value !== undefined && value !== '';
  });
  if (chosen.length === 0) {
    problems.add(
      'spec.targets',
      `must choose the entities the campaign targets with at least one of ${FILTER_FIELDS.join(
        ', ',
      )} (an empty filter would target the whole catalog)`,
      'a filter such as { kind: Component, type: service }',
    );
  }
}

const DURATION_PARTS =
  /^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** `day` (YYYY-MM-DD) moved back by an ISO duration, in UTC; undefined for a malformed duration. */
function before(day: string, duration: string): Date | undefined {
  const m = DURATION_PARTS.exec(duration);
  if (!m) return undefined;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCMonth(d.getUTCMonth() - (n(1) * 12 + n(2)));
  d.setUTCDate(d.getUTCDate() - (n(3) * 7 + n(4)));
  return new Date(d.getTime() - ((n(5) * 60 + n(6)) * 60 + n(7)) * 1000);
}

/** A zero cadence would remind without end; a beforeDue offset must fall after the start. */
function checkReminders(
  entity: CampaignEntityV1alpha1,
  problems: Problems,
): void {
  const { reminders, startDate, dueDate } = entity.spec;
  if (!reminders || typeof reminders !== 'object') return;
  const zero = (value: unknown) =>
    typeof value === 'string' &&
    before(dueDate, value)?.getTime() ===
      new Date(`${dueDate}T00:00:00.000Z`).getTime();
  if (zero(reminders.every)) {
    problems.add(
      'spec.reminders.every',
      `must be longer than zero; got ${reminders.every}`,
      'a duration such as P7D',
    );
  }
  const start = new Date(`${startDate}T00:00:00.000Z`);
  (Array.isArray(reminders.beforeDue) ? reminders.beforeDue : []).forEach(
    (offset, i) => {
      if (typeof offset !== 'string') return;
      const at = before(dueDate, offset);
      if (zero(offset) || (at && at <= start)) {
        problems.add(
          joinPath('spec.reminders.beforeDue', i),
          `${offset} before the due date ${dueDate} must fall after the start date ${startDate}`,
          `a duration shorter than the campaign (${startDate} to ${dueDate})`,
        );
      }
    },
  );
}
