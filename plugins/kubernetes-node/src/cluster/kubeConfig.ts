import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubernetesClusterDetails } from './clusters';

const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** A KubeConfig for one cluster: its URL, CA or skipTLSVerify, and the service account token. */
export function kubeConfigFor(cluster: KubernetesClusterDetails): KubeConfig {
  let token = cluster.serviceAccountToken;
  if (!token) {
    try {
      token = readFileSync(IN_CLUSTER_TOKEN, 'utf8').trim();
    } catch {
      throw new Error(
        `${cluster.configPath}: cluster '${cluster.name}' has no serviceAccountToken and the backend does not run in a cluster (${IN_CLUSTER_TOKEN} is missing)`,
      );
    }
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify,
        caData: cluster.caData,
        caFile: cluster.caFile,
      },
    ],
    users: [{ name: 'ratchet', token }],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: 'ratchet' }],
    currentContext: cluster.name,
  });
  return kc;
}
