import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { parseLabelSelector } from '@ratchet/backstage-plugin-kubernetes-node';
import {
  DEFAULT_MAPPING,
  MappedField,
  MappingRules,
  parseMappingSource,
  WORKLOAD_KINDS,
  WorkloadKind,
} from './mapping';

/** One provider's configuration (`catalog.providers.kubernetes.<id>`), validated and with defaults. */
export interface KubernetesProviderConfig {
  /** The config id; the provider is named `kubernetes:<id>`. */
  id: string;
  /** The clusters to read by name, in order; all located clusters when undefined. */
  clusters?: string[];
  /** Workload kinds to ingest. */
  kinds: WorkloadKind[];
  /** Namespaces to read (all when undefined). */
  includeNamespaces?: string[];
  /** Namespaces to leave out. */
  excludeNamespaces: string[];
  /** Only workloads matching this label selector. */
  labelSelector?: string;
  /** Catalog namespace of the generated entities. */
  entityNamespace: string;
  /** Mapping rules. */
  mapping: MappingRules;
  /** What happens to workloads no source gives an owner. */
  unowned: { action: 'suggest' | 'skip'; owner: string };
  /** What happens when a Component of the same name already exists from another source. */
  coexistence: { action: 'skip' | 'suffix'; suffix: string };
  /** The schedule of `refresh()`. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Items per list page. */
  pageSize: number;
  /** Clusters read at the same time. */
  concurrency: number;
  /** Timeout of one request to a cluster. */
  requestTimeoutMs: number;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  // Gives the catalog time to process catalog-info.yaml locations first, so the coexistence check sees them.
  initialDelay: { seconds: 30 },
};

const DEFAULT_EXCLUDED_NAMESPACES = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

function oneOf<T extends string>(
  c: Config,
  key: string,
  path: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = c.getOptionalString(key) ?? fallback;
  if (!allowed.includes(value as T)) {
    throw new Error(
      `${path}.${key}: '${value}' is not one of ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

function readMapping(c: Config | undefined, path: string): MappingRules {
  const rules = {} as MappingRules;
  for (const field of Object.keys(DEFAULT_MAPPING) as MappedField[]) {
    const configured = c?.getOptional(field);
    const texts =
      configured === undefined
        ? DEFAULT_MAPPING[field]
        : c!.getStringArray(field);
    rules[field] = texts.map((text, i) => {
      try {
        return parseMappingSource(text);
      } catch (error) {
        throw new Error(
          `${path}.mapping.${field}[${i}]: ${(error as Error).message}`,
        );
      }
    });
  }
  return rules;
}

function readOne(id: string, c: Config): KubernetesProviderConfig {
  const path = `catalog.providers.kubernetes.${id}`;
  const clusters = c.getOptionalStringArray('clusters');
  if (clusters?.length === 0) {
    throw new Error(
      `${path}.clusters: name at least one cluster, or leave it out to read them all`,
    );
  }
  const kinds = (c.getOptionalStringArray('kinds') ?? WORKLOAD_KINDS).map(
    (kind, i) => {
      if (!WORKLOAD_KINDS.includes(kind as WorkloadKind)) {
        throw new Error(
          `${path}.kinds[${i}]: '${kind}' is not one of ${WORKLOAD_KINDS.join(
            ', ',
          )}`,
        );
      }
      return kind as WorkloadKind;
    },
  );
  const labelSelector = c.getOptionalString('labelSelector');
  if (labelSelector !== undefined) {
    try {
      parseLabelSelector(labelSelector);
    } catch (error) {
      throw new Error(`${path}.labelSelector: ${(error as Error).message}`);
    }
  }
  const unownedOwner =
    c.getOptionalString('unowned.owner') ?? 'group:default/unassigned';
  try {
    parseEntityRef(unownedOwner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new Error(`${path}.unowned.owner: ${(error as Error).message}`);
  }
  const pageSize = c.getOptionalNumber('pageSize') ?? 500;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) {
    throw new Error(
      `${path}.pageSize: ${pageSize} is not an integer between 1 and 10000`,
    );
  }
  const concurrency = c.getOptionalNumber('concurrency') ?? 3;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `${path}.concurrency: ${concurrency} is not a positive integer`,
    );
  }
  const suffix = c.getOptionalString('coexistence.suffix') ?? '-k8s';
  return {
    id,
    clusters,
    kinds,
    includeNamespaces: c.getOptionalStringArray('namespaces.include'),
    excludeNamespaces:
      c.getOptionalStringArray('namespaces.exclude') ??
      DEFAULT_EXCLUDED_NAMESPACES,
    labelSelector,
    entityNamespace: c.getOptionalString('entityNamespace') ?? 'default',
    mapping: readMapping(c.getOptionalConfig('mapping'), path),
    unowned: {
      action: oneOf(
        c,
        'unowned.action',
        path,
        ['suggest', 'skip'] as const,
        'suggest',
      ),
      owner: unownedOwner,
    },
    coexistence: {
      action: oneOf(
        c,
        'coexistence.action',
        path,
        ['skip', 'suffix'] as const,
        'skip',
      ),
      suffix,
    },
    schedule: c.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          c.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    pageSize,
    concurrency,
    requestTimeoutMs: c.has('requestTimeout')
      ? durationToMilliseconds(
          readDurationFromConfig(c, { key: 'requestTimeout' }),
        )
      : 30_000,
  };
}

/**
 * Reads every `catalog.providers.kubernetes.<id>` block; errors name the config path. Clusters come from
 * `kubernetes.clusterLocatorMethods` at each sync (locators such as `catalog` and `gke` are dynamic), and a
 * named cluster no locator returns is reported as a failed cluster of that sync.
 */
export function readProviderConfigs(
  config: Config,
): KubernetesProviderConfig[] {
  const providers = config.getOptionalConfig('catalog.providers.kubernetes');
  if (!providers) return [];
  if (!config.has('kubernetes.clusterLocatorMethods')) {
    throw new Error(
      'catalog.providers.kubernetes: no cluster to read; configure kubernetes.clusterLocatorMethods as for the Kubernetes plugin',
    );
  }
  return providers.keys().map(id => readOne(id, providers.getConfig(id)));
}
