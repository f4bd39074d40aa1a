import type { Config } from '@backstage/config';

/** One cluster as `kubernetes.clusterLocatorMethods` (type `config`) declares it. */
export interface KubernetesClusterDetails {
  /** Unique cluster name. */
  name: string;
  /** Display title. */
  title?: string;
  /** API server URL. */
  url: string;
  /** The configured auth provider (`serviceAccount` is the one Ratchet can use). */
  authProvider: string;
  /** Service account token; without it the in-cluster token file is read. */
  serviceAccountToken?: string;
  /** Base64 PEM of the CA that signed the API server's certificate. */
  caData?: string;
  /** Path of that CA file. */
  caFile?: string;
  /** Accept any server certificate (and plain `http://` URLs). */
  skipTLSVerify: boolean;
  /** Where the cluster was declared, for error messages (`kubernetes.clusterLocatorMethods[0].clusters[1]`). */
  configPath: string;
}

const AUTH_PROVIDER_KEY = 'kubernetes.io/auth-provider';

/**
 * Reads every cluster of the `config` cluster locators of `kubernetes.clusterLocatorMethods`, the same
 * block `@backstage/plugin-kubernetes-backend` reads, so clusters are configured once. Other locator
 * types (catalog, gke, localKubectlProxy) are not read here.
 */
export function readKubernetesClusters(
  config: Config,
): KubernetesClusterDetails[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: KubernetesClusterDetails[] = [];
  const seen = new Set<string>();
  methods.forEach((method, m) => {
    if (method.getString('type') !== 'config') return;
    (method.getOptionalConfigArray('clusters') ?? []).forEach((c, i) => {
      const configPath = `kubernetes.clusterLocatorMethods[${m}].clusters[${i}]`;
      const name = c.getString('name');
      if (seen.has(name)) {
        throw new Error(`${configPath}.name: duplicate cluster name '${name}'`);
      }
      seen.add(name);
      const url = c.getString('url');
      if (!/^https?:\/\//.test(url)) {
        throw new Error(`${configPath}.url: '${url}' is not an http(s) URL`);
      }
      const authMetadata = c.getOptionalConfig('authMetadata');
      const authProvider =
        authMetadata?.getOptionalString(AUTH_PROVIDER_KEY) ??
        c.getOptionalString('authProvider') ??
        'serviceAccount';
      const skipTLSVerify = c.getOptionalBoolean('skipTLSVerify') ?? false;
      if (url.startsWith('http://') && !skipTLSVerify) {
        throw new Error(
          `${configPath}: the plain http URL '${url}' needs skipTLSVerify: true`,
        );
      }
      clusters.push({
        name,
        title: c.getOptionalString('title'),
        url: url.replace(/\/+$/, ''),
        authProvider,
        serviceAccountToken:
          c.getOptionalString('serviceAccountToken') ??
          authMetadata?.getOptionalString('serviceAccountToken'),
        caData: c.getOptionalString('caData'),
        caFile: c.getOptionalString('caFile'),
        skipTLSVerify,
        configPath,
      });
    });
  });
  return clusters;
}

/**
 * Narrows clusters to the named ones, in the order given. Unknown names, and named clusters whose auth
 * provider Ratchet cannot use, are configuration errors that name `configPath`. Without names, every
 * usable cluster is returned and the unusable ones are reported through `skipped`.
 */
export function selectKubernetesClusters(
  all: KubernetesClusterDetails[],
  names: string[] | undefined,
  configPath: string,
  skipped?: (cluster: KubernetesClusterDetails, reason: string) => void,
): KubernetesClusterDetails[] {
  const usable = (c: KubernetesClusterDetails) =>
    c.authProvider === 'serviceAccount';
  const reason = (c: KubernetesClusterDetails) =>
    `auth provider '${c.authProvider}' is not supported (only serviceAccount tokens are)`;
  if (!names) {
    for (const c of all.filter(x => !usable(x))) skipped?.(c, reason(c));
    return all.filter(usable);
  }
  const byName = new Map(all.map(c => [c.name, c]));
  return names.map((name, i) => {
    const cluster = byName.get(name);
    if (!cluster) {
      const known = all.map(c => c.name).join(', ') || 'none';
      throw new Error(
        `${configPath}[${i}]: unknown cluster '${name}'; the clusters configured in kubernetes.clusterLocatorMethods are: ${known}`,
      );
    }
    if (!usable(cluster)) {
      throw new Error(
        `${configPath}[${i}]: cluster '${name}': ${reason(cluster)}`,
      );
    }
    return cluster;
  });
}
