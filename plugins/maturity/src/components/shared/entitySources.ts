import {
  Entity,
  getCompoundEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  LevelReached,
  ReportFilterQuery,
  ResultCounts,
} from '@ratchet/backstage-plugin-maturity-common';
import type { MaturityApi, RefParts } from '../../api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { mapLimit } from './mapLimit';

type CatalogApi = typeof catalogApiRef.T;

/** A catalog entity filter (`EntityFilterQuery` of the catalog client). */
export type CatalogFilter = Record<string, string | string[] | symbol>;

/** The catalog client's marker for "the field exists" (`CATALOG_FILTER_EXISTS`). */
const CATALOG_FILTER_EXISTS = Symbol.for('CATALOG_FILTER_EXISTS');

/** One row of an entity-levels table; `level` is null when the scorecard does not rate the entity. */
export interface EntityLevelRow {
  entityRef: string;
  title?: string;
  owner?: string | null;
  system?: string | null;
  lifecycle?: string | null;
  level: LevelReached | null;
  counts?: ResultCounts;
}

/** Loads one page of rows. */
export type EntityPageSource = (
  offset: number,
  limit: number,
) => Promise<{ rows: EntityLevelRow[]; total: number }>;

/** The ranking endpoint: the scorecard's entities, lowest level first. */
export function rankingSource(
  api: MaturityApi,
  scorecard: RefParts,
  filters: ReportFilterQuery,
): EntityPageSource {
  return async (offset, limit) => {
    const page = await api.listScorecardEntities(scorecard, {
      filters,
      limit,
      offset,
    });
    return { rows: page.items, total: page.total };
  };
}

function stringList(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every(v => typeof v === 'string'))
    return value as string[];
  return undefined;
}

/**
 * A catalog filter for the entities a scorecard's `appliesTo` names (kind, type, lifecycle and
 * annotations; other conditions are left to the backend, which reports such entities as not rated),
 * narrowed by the report filters.
 */
export function catalogFilterFor(
  appliesTo: object | undefined,
  filters: ReportFilterQuery,
): CatalogFilter {
  const filter: CatalogFilter = {};
  const spec = (appliesTo ?? {}) as Record<string, unknown>;
  const kind = stringList(spec.kind);
  const type = stringList(spec.type);
  const lifecycle = stringList(spec.lifecycle);
  if (kind) filter.kind = kind;
  if (type) filter['spec.type'] = type;
  if (lifecycle) filter['spec.lifecycle'] = lifecycle;
  const annotations = spec.annotations as Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    if (value === '*')
      filter[`metadata.annotations.${key}`] = CATALOG_FILTER_EXISTS;
    else if (typeof value === 'string')
      filter[`metadata.annotations.${key}`] = value;
  }
  if (filters.kind) filter.kind = filters.kind;
  if (filters.lifecycle) filter['spec.lifecycle'] = filters.lifecycle;
  if (filters.owner) filter['relations.ownedBy'] = filters.owner;
  if (filters.system) filter['relations.partOf'] = filters.system;
  return filter;
}

function relationOf(
  entity: Entity,
  type: string,
  kind?: string,
): string | null {
  const relation = entity.relations?.find(
    r => r.type === type && (!kind || r.targetRef.startsWith(`${kind}:`)),
  );
  return relation?.targetRef ?? null;
}

/**
 * Entities from the catalog (one page, server-paginated) with their level from the maturity backend,
 * fetched for that page only.
 */
export function catalogSource(
  catalogApi: CatalogApi,
  api: MaturityApi,
  scorecardRef: string,
  filter: CatalogFilter,
): EntityPageSource {
  return async (offset, limit) => {
    const page = await catalogApi.queryEntities({
      filter,
      limit,
      offset,
      orderFields: { field: 'metadata.name', order: 'asc' },
      fields: ['kind', 'metadata', 'spec.lifecycle', 'relations'],
    });
    const rows = await mapLimit(page.items, 6, async entity => {
      const entityRef = stringifyEntityRef(getCompoundEntityRef(entity));
      const view = await api.getEntity(entityRef);
      const rated = view.scorecards.find(s => s.ref === scorecardRef);
      return {
        entityRef,
        title: entity.metadata.title,
        owner: relationOf(entity, RELATION_OWNED_BY),
        system: relationOf(entity, RELATION_PART_OF, 'system'),
        lifecycle: (entity.spec?.lifecycle as string | undefined) ?? null,
        level: rated ? rated.level : null,
        counts: rated?.counts,
      };
    });
    return { rows, total: page.totalItems };
  };
}
