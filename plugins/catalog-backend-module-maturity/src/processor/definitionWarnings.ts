import type { RootConfigService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  AlphaEntity,
  EntityStatusItem,
} from '@backstage/catalog-model/alpha';
import {
  ATTESTATION_FACTS_SCHEMA,
  ATTESTATION_SOURCE_ID,
  definitionHealth,
  HealthCheck,
} from '@ratchet/backstage-plugin-maturity-common';

/** A JSON Schema as definition health reads it. */
type Schema = Parameters<typeof definitionHealth>[1] extends ReadonlyMap<
  string,
  infer V
>
  ? V
  : never;
type SchemaObject = { [key: string]: Schema };

/** The catalog's own status type for processing problems (`ENTITY_STATUS_CATALOG_PROCESSING_TYPE`). */
const CATALOG_PROCESSING = 'backstage.io/catalog-processing';

/** Declares `path` (dotted) as an open property, so a derived fact counts as declared. */
function declaring(path: string): SchemaObject {
  return path
    .split('.')
    .reverse()
    .reduce<SchemaObject>(
      (inner, key) => ({ type: 'object', properties: { [key]: inner } }),
      {},
    );
}

/**
 * The fact source schemas the catalog can know without asking the maturity backend: the built-in
 * `attestation` source, and the `pushed` source when `maturity.sources.pushed.schema` is configured
 * (with its derived facts, which the backend declares read-only). Sources of backend modules (kubernetes,
 * scm, …) are unknown here, so a check naming them is never reported by the catalog.
 */
export function knownSourceSchemas(
  config?: RootConfigService,
): Map<string, Schema> {
  const schemas = new Map<string, Schema>([
    [ATTESTATION_SOURCE_ID, ATTESTATION_FACTS_SCHEMA],
  ]);
  const pushed = config?.getOptional<SchemaObject>(
    'maturity.sources.pushed.schema',
  );
  if (pushed && typeof pushed === 'object' && !Array.isArray(pushed)) {
    const derived = (
      config?.getOptionalConfigArray('maturity.sources.pushed.derived') ?? []
    )
      .map(d => d.getOptionalString('path'))
      .filter((p): p is string => Boolean(p))
      .map(declaring);
    schemas.set(
      'pushed',
      derived.length ? { anyOf: [pushed, ...derived] } : pushed,
    );
  }
  return schemas;
}

/** The checks of a Scorecard or Campaign that carry their own rule (campaign `ref` entries do not). */
function checksOf(entity: Entity): HealthCheck[] {
  const checks = (entity.spec as { checks?: unknown } | undefined)?.checks;
  if (!Array.isArray(checks)) return [];
  return checks.flatMap((c: unknown) => {
    if (typeof c !== 'object' || c === null) return [];
    const check = c as { id?: unknown; rule?: unknown };
    return typeof check.id === 'string' && check.rule
      ? [{ id: check.id, check: c as HealthCheck['check'] }]
      : [];
  });
}

/**
 * Adds a warning status item for each definition-health problem the catalog can see (a fact path the
 * known source's schema does not declare). A warning, not a processing error: an error would keep the
 * catalog from storing the definition at all, and the checks still evaluate (to `error`).
 */
export function withDefinitionWarnings(
  entity: Entity,
  schemas: ReadonlyMap<string, Schema>,
): Entity {
  if (entity.kind !== 'Scorecard' && entity.kind !== 'Campaign') return entity;
  const problems = definitionHealth(checksOf(entity), schemas, {
    onlyKnown: true,
  });
  if (!problems.length) return entity;
  const items: EntityStatusItem[] = problems.map(p => ({
    type: CATALOG_PROCESSING,
    level: 'warning',
    message: `Definition health: ${p.message} (checks ${p.checkIds.join(
      ', ',
    )}); they evaluate to error`,
  }));
  const current = (entity as AlphaEntity).status;
  const withStatus: AlphaEntity = {
    ...entity,
    status: { ...current, items: [...(current?.items ?? []), ...items] },
  };
  return withStatus;
}
