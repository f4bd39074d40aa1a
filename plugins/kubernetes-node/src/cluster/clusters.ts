import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import type {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesClustersSupplier,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import {
  backstageClusterSupplier,
  CLIENT_SIDE_AUTH_PROVIDERS,
  defaultAuthStrategies,
  dispatchStrategy,
} from './backstage';
import {
  KubernetesClientOptions,
  KubernetesClusterClient,
} from './KubernetesClusterClient';

/** Clusters and credentials as the Kubernetes backend would find them, for background readers. */
export interface KubernetesClusterAccess {
  /** Every cluster of `kubernetes.clusterLocatorMethods`, from Backstage's own cluster suppliers. */
  getClusters(): Promise<ClusterDetails[]>;
  /** A server-side credential for one cluster, from the auth strategy of its `authProvider`. */
  getCredential(cluster: ClusterDetails): Promise<KubernetesCredential>;
  /** A paginated client for one cluster, with its credential. */
  client(
    cluster: ClusterDetails,
    options?: KubernetesClientOptions,
  ): Promise<KubernetesClusterClient>;
}

/** How to build the default access. */
export interface KubernetesClusterAccessOptions {
  /** Root config (`kubernetes.*`). */
  config: Config;
  /** Logger. */
  logger: LoggerService;
  /** Catalog, for the `catalog` cluster locator. */
  catalog?: CatalogService;
  /** Auth, for the `catalog` cluster locator. */
  auth?: AuthService;
  /** Extra or replacing strategies by `authProvider` key (custom ones, or x509 client certificates). */
  authStrategies?: Record<string, AuthenticationStrategy>;
  /** Replaces Backstage's cluster suppliers (tests, custom locators). */
  clusterSupplier?: KubernetesClustersSupplier;
}

/** The name of a cluster's auth provider. */
export const authProviderOf = (cluster: ClusterDetails): string =>
  cluster.authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ?? 'serviceAccount';

/**
 * Cluster access built from `@backstage/plugin-kubernetes-backend`: its cluster suppliers and its
 * `AuthenticationStrategy` classes behind a `DispatchStrategy`, so clusters and auth are configured once
 * for the Kubernetes tab, the entity provider and the fact source.
 */
export class DefaultKubernetesClusterAccess implements KubernetesClusterAccess {
  readonly #supplier: KubernetesClustersSupplier;
  readonly #strategy: AuthenticationStrategy;
  readonly #auth?: AuthService;

  /** Builds the access; config errors (unknown auth provider, duplicate names) throw here. */
  static create(
    options: KubernetesClusterAccessOptions,
  ): DefaultKubernetesClusterAccess {
    return new DefaultKubernetesClusterAccess(options);
  }

  private constructor(options: KubernetesClusterAccessOptions) {
    this.#auth = options.auth;
    this.#strategy = dispatchStrategy({
      ...defaultAuthStrategies(options),
      ...options.authStrategies,
    });
    const hasLocators =
      (options.config.getOptionalConfigArray('kubernetes.clusterLocatorMethods')
        ?.length ?? 0) > 0;
    this.#supplier =
      options.clusterSupplier ??
      (hasLocators
        ? backstageClusterSupplier({ ...options, authStrategy: this.#strategy })
        : { getClusters: async () => [] });
  }

  async getClusters(): Promise<ClusterDetails[]> {
    const credentials = this.#auth
      ? await this.#auth.getOwnServiceCredentials()
      : // Only the catalog locator reads credentials, and it has none to use without auth.
        ({} as Parameters<
          KubernetesClustersSupplier['getClusters']
        >[0]['credentials']);
    return this.#supplier.getClusters({ credentials });
  }

  async getCredential(cluster: ClusterDetails): Promise<KubernetesCredential> {
    const provider = authProviderOf(cluster);
    if (CLIENT_SIDE_AUTH_PROVIDERS.has(provider)) {
      throw new Error(
        `cluster ${cluster.name}: auth provider '${provider}' uses the signed-in user's token, which a background sync does not have; use a server-side provider (serviceAccount, aws, azure, googleServiceAccount, localKubectlProxy)`,
      );
    }
    try {
      return await this.#strategy.getCredential(cluster, {});
    } catch (error) {
      throw new Error(
        `cluster ${
          cluster.name
        }: no credential from auth provider '${provider}': ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }

  async client(
    cluster: ClusterDetails,
    options?: KubernetesClientOptions,
  ): Promise<KubernetesClusterClient> {
    const credential = await this.getCredential(cluster);
    return KubernetesClusterClient.create(cluster, credential, options);
  }
}

/** Clusters selected by name for one reader, and the names that match none. */
export interface SelectedClusters {
  /** The clusters, in the order of the names (all clusters without names). */
  clusters: ClusterDetails[];
  /** Names that match no located cluster, with the message to report. */
  missing: Array<{ name: string; error: string }>;
}

/**
 * Narrows located clusters to the named ones, in the order given; unknown names are returned as errors
 * naming `configPath`, so a cluster that a locator stops returning is reported, not silently dropped.
 */
export function selectClusters(
  all: ClusterDetails[],
  names: string[] | undefined,
  configPath: string,
): SelectedClusters {
  if (!names) return { clusters: all, missing: [] };
  const byName = new Map(all.map(c => [c.name, c]));
  const clusters: ClusterDetails[] = [];
  const missing: SelectedClusters['missing'] = [];
  names.forEach((name, i) => {
    const cluster = byName.get(name);
    if (cluster) clusters.push(cluster);
    else {
      const known = all.map(c => c.name).join(', ') || 'none';
      missing.push({
        name,
        error: `${configPath}[${i}]: unknown cluster '${name}'; kubernetes.clusterLocatorMethods gives: ${known}`,
      });
    }
  });
  return { clusters, missing };
}
