import { KubeConfig } from '@kubernetes/client-node';
import type {
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';

function userOf(credential: KubernetesCredential) {
  if (credential.type === 'bearer token') {
    return { name: 'ratchet', token: credential.token };
  }
  if (credential.type === 'x509 client certificate') {
    return {
      name: 'ratchet',
      certData: Buffer.from(credential.cert).toString('base64'),
      keyData: Buffer.from(credential.key).toString('base64'),
    };
  }
  return { name: 'ratchet' };
}

/** A KubeConfig for one cluster: URL, CA or skipTLSVerify, and the credential its auth strategy gave. */
export function kubeConfigFor(
  cluster: ClusterDetails,
  credential: KubernetesCredential,
): KubeConfig {
  const user = userOf(credential);
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url.replace(/\/+$/, ''),
        // Plain http (kubectl proxy) has no certificate to verify; the client refuses it unless told so.
        skipTLSVerify:
          (cluster.skipTLSVerify ?? false) || cluster.url.startsWith('http:'),
        caData: cluster.caData,
        caFile: cluster.caFile,
      },
    ],
    users: [user],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: 'ratchet' }],
    currentContext: cluster.name,
  });
  return kc;
}
