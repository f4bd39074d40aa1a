import {
  CompoundEntityRef,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { Entity } from '@backstage/catalog-model';
import type { CheckReference } from '../../kinds';
import { isRecord, joinPath } from '../paths';
import type {
  RatchetReferencedKind,
  RatchetValidationContext,
  ValidationProblem,
} from '../types';

/** Collects problems while the semantic checks walk an entity. */
export class Problems {
  readonly list: ValidationProblem[] = [];

  add(path: string, message: string, expected?: string): void {
    this.list.push(
      expected === undefined ? { path, message } : { path, message, expected },
    );
  }
}

/** `a, b, c`, or `(none)` for an empty list. */
export function oneOf(values: readonly string[]): string {
  return values.length ? values.join(', ') : '(none)';
}

/**
 * Reports items whose `id` repeats one seen before, in this list or in `seen` (which lets ids be unique
 * across several lists, like checklist items across areas).
 */
export function checkUniqueIds(
  what: string,
  items: readonly { id: string }[],
  listPath: string,
  problems: Problems,
  seen: Map<string, string> = new Map(),
): Map<string, string> {
  items.forEach((item, index) => {
    const itemPath = joinPath(listPath, index);
    const first = seen.get(item.id);
    if (first !== undefined) {
      problems.add(
        joinPath(itemPath, 'id'),
        `duplicate ${what} id "${item.id}"; already used by ${first}`,
      );
    } else {
      seen.set(item.id, itemPath);
    }
  });
  return seen;
}

/** Reports `value` when it is not one of `known`. */
export function checkKnownId(
  what: string,
  value: string | undefined,
  known: readonly string[],
  path: string,
  problems: Problems,
  where = '',
): void {
  if (value !== undefined && !known.includes(value)) {
    problems.add(
      path,
      `unknown ${what} "${value}"${where}; expected one of ${oneOf(known)}`,
      `one of ${oneOf(known)}`,
    );
  }
}

/** True for a `YYYY-MM-DD` string naming a day that exists (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** Reports a date that does not exist; returns whether it does. */
export function checkCalendarDate(
  value: string | undefined,
  path: string,
  problems: Problems,
): boolean {
  if (value === undefined) {
    return false;
  }
  if (!isCalendarDate(value)) {
    problems.add(
      path,
      `"${value}" is not a calendar date`,
      'a real date YYYY-MM-DD',
    );
    return false;
  }
  return true;
}

const REF_EXPECTED = 'an entity ref [kind:][namespace/]name';

/** Why a parsed ref cannot name an entity; `parseEntityRef` itself accepts e.g. `a/b/c` or spaces. */
function refFlaw(ref: CompoundEntityRef): string | undefined {
  if (!KubernetesValidatorFunctions.isValidKind(ref.kind)) {
    return `"${ref.kind}" is not a valid kind`;
  }
  // Refs compare case-insensitively, so an uppercase namespace is only a matter of style.
  if (
    !KubernetesValidatorFunctions.isValidNamespace(
      ref.namespace.toLocaleLowerCase('en-US'),
    )
  ) {
    return `"${ref.namespace}" is not a valid namespace`;
  }
  if (!KubernetesValidatorFunctions.isValidObjectName(ref.name)) {
    return `"${ref.name}" is not a valid entity name`;
  }
  return undefined;
}

/** Parses an entity ref, reporting it when malformed or of another kind. */
export function checkEntityRef(
  value: string,
  defaults: { defaultKind: string; defaultNamespace: string },
  path: string,
  problems: Problems,
  requiredKind?: string,
): CompoundEntityRef | undefined {
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(value, defaults);
  } catch {
    problems.add(
      path,
      `"${value}" is not a valid entity reference; expected ${REF_EXPECTED}`,
      REF_EXPECTED,
    );
    return undefined;
  }
  const flaw = refFlaw(ref);
  if (flaw) {
    problems.add(
      path,
      `"${value}" is not a valid entity reference: ${flaw}`,
      REF_EXPECTED,
    );
    return undefined;
  }
  if (requiredKind && ref.kind.toLowerCase() !== requiredKind.toLowerCase()) {
    problems.add(
      path,
      `must refer to a ${requiredKind}; got kind "${ref.kind}"`,
      `a ${requiredKind} entity ref or name`,
    );
    return undefined;
  }
  return ref;
}

/** The namespace an entity's short references default to. */
export function namespaceOf(entity: Entity): string {
  return entity.metadata.namespace ?? 'default';
}

function stringIds(list: unknown, key = 'id'): string[] {
  return Array.isArray(list)
    ? list
        .map(item => (isRecord(item) ? item[key] : undefined))
        .filter((id): id is string => typeof id === 'string')
    : [];
}

/** What a resolved Scorecard or Campaign offers to references: its check, level and category ids. */
export interface ResolvedDefinition {
  /** The full entity ref, for messages. */
  ref: string;
  checkIds: string[];
  levelIds: string[];
  categoryIds: string[];
}

/**
 * The ids a Campaign's checks are known by: an own check's `id`, a referenced check's `ref.check`.
 */
export function campaignCheckIds(checks: unknown): string[] {
  if (!Array.isArray(checks)) {
    return [];
  }
  return checks
    .filter(isRecord)
    .map(check => (isRecord(check.ref) ? check.ref.check : check.id))
    .filter((id): id is string => typeof id === 'string');
}

/** Looks a referenced Scorecard or Campaign up through the context; undefined when unknown. */
export function resolveDefinition(
  kind: RatchetReferencedKind,
  ref: CompoundEntityRef,
  context: RatchetValidationContext,
): ResolvedDefinition | undefined {
  const entityRef = stringifyEntityRef(ref);
  const entity = context.resolve?.(kind, entityRef);
  if (!entity || entity.kind !== kind || !isRecord(entity.spec)) {
    return undefined;
  }
  const spec = entity.spec;
  return {
    ref: entityRef,
    checkIds:
      kind === 'Campaign'
        ? campaignCheckIds(spec.checks)
        : stringIds(spec.checks),
    levelIds: stringIds(spec.levels),
    categoryIds: stringIds(spec.categories),
  };
}

/**
 * Checks a reference to a check: exactly one of `scorecard`/`campaign`, a valid ref of that kind, and,
 * when the referenced entity is known, a check id it has.
 */
export function checkCheckReference(
  reference: CheckReference,
  path: string,
  entity: Entity,
  context: RatchetValidationContext,
  problems: Problems,
): void {
  const named = (['scorecard', 'campaign'] as const).filter(
    key => reference[key] !== undefined,
  );
  if (named.length !== 1) {
    problems.add(
      path,
      named.length
        ? 'must name exactly one of scorecard or campaign; found both'
        : 'must name exactly one of scorecard or campaign; found neither',
      'exactly one of scorecard, campaign',
    );
    return;
  }
  const key = named[0];
  const kind = key === 'scorecard' ? 'Scorecard' : 'Campaign';
  const ref = checkEntityRef(
    reference[key]!,
    { defaultKind: kind, defaultNamespace: namespaceOf(entity) },
    joinPath(path, key),
    problems,
    kind,
  );
  const target = ref && resolveDefinition(kind, ref, context);
  if (target) {
    checkKnownId(
      'check',
      reference.check,
      target.checkIds,
      joinPath(path, 'check'),
      problems,
      ` in ${target.ref}`,
    );
  }
}
