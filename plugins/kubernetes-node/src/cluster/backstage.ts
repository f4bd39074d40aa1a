import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';
import {
  AksStrategy,
  AnonymousStrategy,
  AwsIamStrategy,
  AzureIdentityStrategy,
  GoogleServiceAccountStrategy,
  GoogleStrategy,
  OidcStrategy,
  ServiceAccountStrategy,
} from '@backstage/plugin-kubernetes-backend';
import type {
  AuthenticationStrategy,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The auth strategies the Kubernetes backend registers by default, keyed by `authProvider`, built from the
 * classes `@backstage/plugin-kubernetes-backend` exports (its own map builder is not exported).
 */
export function defaultAuthStrategies(options: {
  config: Config;
  logger: LoggerService;
}): Record<string, AuthenticationStrategy> {
  return {
    aks: new AksStrategy(),
    aws: new AwsIamStrategy({ config: options.config }),
    azure: new AzureIdentityStrategy(options.logger),
    google: new GoogleStrategy(),
    googleServiceAccount: new GoogleServiceAccountStrategy({
      config: options.config,
    }),
    localKubectlProxy: new AnonymousStrategy(),
    oidc: new OidcStrategy(),
    serviceAccount: serviceAccountStrategy(),
  };
}

// ServiceAccountStrategy loads @kubernetes/client-node with a dynamic import(), which Jest's VM refuses
// without --experimental-vm-modules; it accepts the module handed in instead (same package, same version).
function serviceAccountStrategy(): AuthenticationStrategy {
  return Object.assign(new ServiceAccountStrategy(), {
    injectedKubernetesClient: { KubeConfig },
  });
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

const LOCATORS_MODULE =
  '@backstage/plugin-kubernetes-backend/dist/cluster-locator/index.cjs.js';

/**
 * The Kubernetes backend's own cluster supplier for every `kubernetes.clusterLocatorMethods` type (config,
 * catalog, gke, localKubectlProxy). `@backstage/plugin-kubernetes-backend` 0.21 builds it internally and
 * does not export it, so it is loaded from the package's build; an upgrade that moves it fails here, at
 * startup, with a message naming the file.
 */
export function backstageClusterSupplier(options: {
  config: Config;
  authStrategy: AuthenticationStrategy;
  logger: LoggerService;
  catalog?: CatalogService;
  auth?: AuthService;
}): KubernetesClustersSupplier {
  let factory: CombinedSupplierFactory | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    factory = require(LOCATORS_MODULE).getCombinedClusterSupplier;
  } catch (error) {
    throw new Error(
      `Cannot load the Kubernetes backend's cluster locators from ${LOCATORS_MODULE}: ${error}`,
    );
  }
  if (typeof factory !== 'function') {
    throw new Error(
      `${LOCATORS_MODULE} no longer exports getCombinedClusterSupplier; update Ratchet's kubernetes-node for this Backstage version`,
    );
  }
  return factory(
    options.config,
    options.catalog,
    options.authStrategy,
    options.logger,
    // The Kubernetes backend refreshes GKE clusters hourly; the same here.
    { toMillis: () => 60 * 60_000 },
    options.auth,
  );
}
