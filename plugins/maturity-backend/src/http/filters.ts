import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { ReportFilterQuery } from '@ratchet/backstage-plugin-maturity-common';
import type { EntitySummary } from './catalogView';
import type { HttpContext } from './context';

/** Report filters, normalised for comparison with catalog summaries. */
export interface ReportFilters {
  /** Owner ref, lowercased as `catalog.owner.ref`. */
  owner?: string;
  /** System ref, lowercased. */
  system?: string;
  /** Lifecycle, lowercased. */
  lifecycle?: string;
  /** Kind, lowercased. */
  kind?: string;
}

const validator = makeValidator();

/**
 * A ref given in a query parameter, resolved as the catalog resolves relations (full, lowercased).
 * Parts the catalog would never accept in an entity are refused (400) rather than matching nothing.
 */
export function refParam(
  raw: string,
  defaultKind: string,
  label: string,
): string {
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(raw, { defaultKind, defaultNamespace: 'default' });
  } catch (error) {
    throw new InputError(
      `Invalid ${label} '${raw}': ${(error as Error).message}`,
    );
  }
  // Namespaces are compared lowercased, as the catalog compares them, so `Default` is fine.
  if (
    !validator.isValidKind(ref.kind) ||
    !validator.isValidNamespace(ref.namespace.toLocaleLowerCase('en-US')) ||
    !validator.isValidEntityName(ref.name)
  ) {
    throw new InputError(
      `Invalid ${label} '${raw}': expected an entity ref [<kind>:][<namespace>/]<name> whose parts are letters, digits, '-', '_' and '.'`,
    );
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}

/** The filters of a request's query; empty strings count as absent. */
export function reportFilters(query: ReportFilterQuery): ReportFilters {
  const filters: ReportFilters = {};
  if (query.owner) filters.owner = refParam(query.owner, 'group', 'owner');
  if (query.system) filters.system = refParam(query.system, 'system', 'system');
  if (query.lifecycle)
    filters.lifecycle = query.lifecycle.toLocaleLowerCase('en-US');
  if (query.kind) filters.kind = query.kind.toLocaleLowerCase('en-US');
  return filters;
}

/** A stable key of the filters, for caches. */
export function filtersKey(filters: ReportFilters): string {
  return [filters.owner, filters.system, filters.lifecycle, filters.kind]
    .map(v => v ?? '')
    .join('|');
}

function kindOf(entityRef: string): string {
  return entityRef.slice(0, entityRef.indexOf(':')).toLocaleLowerCase('en-US');
}

/** Whether a visible entity passes the filters. */
export function matchesFilters(
  entityRef: string,
  summary: EntitySummary,
  filters: ReportFilters,
): boolean {
  return (
    (filters.owner === undefined || summary.owner === filters.owner) &&
    (filters.system === undefined || summary.system === filters.system) &&
    (filters.lifecycle === undefined ||
      summary.lifecycle?.toLocaleLowerCase('en-US') === filters.lifecycle) &&
    (filters.kind === undefined || kindOf(entityRef) === filters.kind)
  );
}

/** The refs (of those given) the caller can see and that pass the filters, with their summaries. */
export async function visibleFiltered(
  ctx: Pick<HttpContext, 'view'>,
  credentials: BackstageCredentials,
  entityRefs: Iterable<string>,
  filters: ReportFilters,
): Promise<Map<string, EntitySummary>> {
  const visible = await ctx.view.summaries(credentials, entityRefs);
  return new Map(
    [...visible].filter(([ref, summary]) =>
      matchesFilters(ref, summary, filters),
    ),
  );
}
