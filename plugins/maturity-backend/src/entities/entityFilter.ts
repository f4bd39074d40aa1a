import { Entity, parseEntityRef } from '@backstage/catalog-model';
import type {
  EntityFilter,
  OneOrMany,
} from '@ratchet/backstage-plugin-maturity-common';

/** A compiled entity filter. */
export type CompiledEntityFilter = (entity: Entity) => boolean;

type Predicate = (entity: Entity) => boolean;

// toLowerCase is locale-independent, like the catalog's toLocaleLowerCase('en-US'), and faster.
function lower(value: string): string {
  return value.toLowerCase();
}

function list(value: OneOrMany<string>): string[] {
  return Array.isArray(value) ? value : [value];
}

function lowerSet(value: OneOrMany<string>): Set<string> {
  return new Set(
    list(value)
      .filter(v => typeof v === 'string')
      .map(lower),
  );
}

function specString(entity: Entity, field: string): string | undefined {
  const value = entity.spec?.[field];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Matches `spec.owner` / `spec.system` against refs or bare names. A filter value with a kind or namespace
 * (`group:default/payments`, `default/payments`) must equal the entity's full ref; a bare name (`payments`)
 * matches that name in any namespace. The entity's own value is resolved as the catalog resolves relations:
 * default kind as given, default namespace the entity's own (which is `default` unless it says otherwise).
 */
function refPredicate(
  values: OneOrMany<string>,
  field: 'owner' | 'system',
  defaultKind: string,
): Predicate {
  const fullRefs = new Set<string>();
  const names = new Set<string>();
  for (const value of list(values)) {
    if (typeof value !== 'string') continue;
    if (/[:/]/.test(value)) {
      try {
        const ref = parseEntityRef(value, {
          defaultKind,
          defaultNamespace: 'default',
        });
        fullRefs.add(lower(`${ref.kind}:${ref.namespace}/${ref.name}`));
      } catch {
        // A malformed ref in a filter can match nothing; the catalog processor reports it to the author.
      }
    } else {
      names.add(lower(value));
    }
  }
  return entity => {
    const value = specString(entity, field);
    if (!value) return false;
    try {
      const ref = parseEntityRef(value, {
        defaultKind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
      return (
        names.has(lower(ref.name)) ||
        fullRefs.has(lower(`${ref.kind}:${ref.namespace}/${ref.name}`))
      );
    } catch {
      return false;
    }
  };
}

/**
 * Compiles an EntityFilter (see its documentation in the common package): every field present must match,
 * a list matches when any value does, names compare case-insensitively, `not` excludes. No filter matches
 * every entity.
 */
export function compileEntityFilter(
  filter?: EntityFilter,
): CompiledEntityFilter {
  if (!filter) return () => true;
  const predicates: Predicate[] = [];

  if (filter.kind !== undefined) {
    const kinds = lowerSet(filter.kind);
    predicates.push(
      entity =>
        typeof entity.kind === 'string' && kinds.has(lower(entity.kind)),
    );
  }
  for (const field of ['type', 'lifecycle'] as const) {
    const values = filter[field];
    if (values === undefined) continue;
    const wanted = lowerSet(values);
    predicates.push(entity => {
      const value = specString(entity, field);
      return value !== undefined && wanted.has(lower(value));
    });
  }
  if (filter.tags !== undefined) {
    const tags = lowerSet(filter.tags);
    predicates.push(entity => {
      const entityTags = entity.metadata.tags;
      return (
        Array.isArray(entityTags) &&
        entityTags.some(tag => typeof tag === 'string' && tags.has(lower(tag)))
      );
    });
  }
  if (filter.owner !== undefined) {
    predicates.push(refPredicate(filter.owner, 'owner', 'group'));
  }
  if (filter.system !== undefined) {
    predicates.push(refPredicate(filter.system, 'system', 'system'));
  }
  if (filter.annotations !== undefined) {
    // Annotation keys and values are not names: they compare exactly, as the catalog stores them.
    const required = Object.entries(filter.annotations);
    predicates.push(entity => {
      const annotations = entity.metadata.annotations ?? {};
      return required.every(
        ([key, value]) =>
          Object.prototype.hasOwnProperty.call(annotations, key) &&
          (value === '*' || annotations[key] === value),
      );
    });
  }
  if (filter.not !== undefined) {
    const excluded = compileEntityFilter(filter.not);
    predicates.push(entity => !excluded(entity));
  }

  return entity => {
    for (let i = 0; i < predicates.length; i++) {
      if (!predicates[i](entity)) return false;
    }
    return true;
  };
}
