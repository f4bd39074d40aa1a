import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import type * as KubernetesBackend from '@backstage/plugin-kubernetes-backend';
import type {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';

const DIST = '@backstage/plugin-kubernetes-backend/dist';

/**
 * Loads one file of `@backstage/plugin-kubernetes-backend`'s build. Its index loads every strategy and
 * locator with their cloud SDKs (about 57 MB); each file alone costs what it needs, and the AWS, Azure and
 * Google SDKs are only loaded for clusters that use them. An upgrade that moves a file fails here, naming it.
 */
function load<T>(file: string, name: string): T {
  let value: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    value = require(`${DIST}/${file}`)[name];
  } catch (error) {
    throw new Error(`Cannot load ${name} from ${DIST}/${file}: ${error}`);
  }
  if (value === undefined) {
    throw new Error(
      `${DIST}/${file} no longer exports ${name}; update Ratchet's kubernetes-node for this Backstage version`,
    );
  }
  return value as T;
}

type Backend = typeof KubernetesBackend;

/** A strategy built on first use, so that its SDK loads only when a cluster needs it. */
function lazy(create: () => AuthenticationStrategy): AuthenticationStrategy {
  let strategy: AuthenticationStrategy | undefined;
  const get = () => (strategy ??= create());
  return {
    getCredential: (cluster, auth) => get().getCredential(cluster, auth),
    validateCluster: metadata => get().validateCluster(metadata),
    presentAuthMetadata: metadata => get().presentAuthMetadata(metadata),
  };
}

/**
 * The auth strategies the Kubernetes backend registers by default, keyed by `authProvider`: its exported
 * classes (its own map builder is not exported), each loaded on first use.
 */
export function defaultAuthStrategies(options: {
  config: Config;
  logger: LoggerService;
}): Record<string, AuthenticationStrategy> {
  const { config, logger } = options;
  const auth = <K extends keyof Backend>(file: string, name: K) =>
    load<Backend[K]>(`auth/${file}.cjs.js`, name);
  return {
    aks: lazy(() => new (auth('AksStrategy', 'AksStrategy'))()),
    aws: lazy(() => new (auth('AwsIamStrategy', 'AwsIamStrategy'))({ config })),
    azure: lazy(
      () =>
        new (auth('AzureIdentityStrategy', 'AzureIdentityStrategy'))(logger),
    ),
    google: lazy(() => new (auth('GoogleStrategy', 'GoogleStrategy'))()),
    googleServiceAccount: lazy(
      () =>
        new (auth(
          'GoogleServiceAccountStrategy',
          'GoogleServiceAccountStrategy',
        ))({ config }),
    ),
    localKubectlProxy: lazy(
      () => new (auth('AnonymousStrategy', 'AnonymousStrategy'))(),
    ),
    oidc: lazy(() => new (auth('OidcStrategy', 'OidcStrategy'))()),
    // Its dynamic import() of @kubernetes/client-node fails under Jest's VM without
    // --experimental-vm-modules; it accepts the module handed in instead (same package, same version).
    serviceAccount: lazy(() =>
      Object.assign(
        new (auth('ServiceAccountStrategy', 'ServiceAccountStrategy'))(),
        { injectedKubernetesClient: { KubeConfig } },
      ),
    ),
  };
}

/** Routes each cluster to the strategy of its `authProvider`, as the Kubernetes backend does. */
export function dispatchStrategy(
  strategies: Record<string, AuthenticationStrategy>,
): AuthenticationStrategy {
  const Dispatch = load<Backend['DispatchStrategy']>(
    'auth/DispatchStrategy.cjs.js',
    'DispatchStrategy',
  );
  return new Dispatch({ authStrategyMap: strategies });
}

/**
 * Auth providers that authenticate as the signed-in user (the token comes from the browser); a background
 * sync has no user, so clusters using them cannot be read by the provider or the fact source.
 */
export const CLIENT_SIDE_AUTH_PROVIDERS: ReadonlySet<string> = new Set([
  'google',
  'aks',
  'oidc',
]);

type CombinedSupplierFactory = (
  config: Config,
  catalog: CatalogService | undefined,
  authStrategy: AuthenticationStrategy,
  logger: LoggerService,
  refreshInterval: { toMillis(): number } | undefined,
  auth: AuthService | undefined,
) => KubernetesClustersSupplier;

type ConfigLocator = {
  fromConfig(
    config: Config,
    strategy: AuthenticationStrategy,
  ): KubernetesClustersSupplier;
};

/**
 * The Kubernetes backend's own cluster suppliers for every `kubernetes.clusterLocatorMethods` type
 * (config, catalog, gke, localKubectlProxy). `@backstage/plugin-kubernetes-backend` 0.21 does not export
 * them. With only `config` and `localKubectlProxy` locators those two are loaded alone; any other type
 * uses the backend's combined supplier (which loads the GKE client).
 */
export function backstageClusterSupplier(options: {
  config: Config;
  authStrategy: AuthenticationStrategy;
  logger: LoggerService;
  catalog?: CatalogService;
  auth?: AuthService;
}): KubernetesClustersSupplier {
  const methods = options.config.getConfigArray(
    'kubernetes.clusterLocatorMethods',
  );
  const types = methods.map(m => m.getString('type'));
  if (types.some(t => t !== 'config' && t !== 'localKubectlProxy')) {
    const combined = load<CombinedSupplierFactory>(
      'cluster-locator/index.cjs.js',
      'getCombinedClusterSupplier',
    );
    // The Kubernetes backend refreshes GKE clusters hourly; the same here.
    return combined(
      options.config,
      options.catalog,
      options.authStrategy,
      options.logger,
      { toMillis: () => 60 * 60_000 },
      options.auth,
    );
  }
  const suppliers = methods.map((method, i): KubernetesClustersSupplier => {
    if (types[i] === 'config') {
      return load<ConfigLocator>(
        'cluster-locator/ConfigClusterLocator.cjs.js',
        'ConfigClusterLocator',
      ).fromConfig(method, options.authStrategy);
    }
    const Local = load<new () => KubernetesClustersSupplier>(
      'cluster-locator/LocalKubectlProxyLocator.cjs.js',
      'LocalKubectlProxyClusterLocator',
    );
    return new Local();
  });
  return {
    async getClusters(request): Promise<ClusterDetails[]> {
      const all = await Promise.all(suppliers.map(s => s.getClusters(request)));
      return all.flat();
    },
  };
}
