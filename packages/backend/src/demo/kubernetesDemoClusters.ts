/*
 * Demo only: plays the two Kubernetes clusters of Ratchet Demo Co. Each cluster of
 * kubernetes.clusterLocatorMethods whose URL points at this machine and whose name has a manifest in
 * examples/kubernetes/ (cluster-<name>.yaml) is served by a loopback API server on the port of that URL,
 * with the cluster's serviceAccountToken. The manifests were never applied anywhere, so the loopback plays
 * the controllers: every workload gets a status with all replicas ready, and running pods.
 * Not for production: a real backend reads real clusters.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  LoopbackCluster,
  loadManifestFile,
  simulateControllers,
} from '@ratchet/kubernetes-loopback';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Starts the demo's loopback Kubernetes clusters before the catalog's providers first read them. */
export const catalogModuleKubernetesDemoClusters = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'kubernetes-demo-clusters',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const manifests = resolvePackagePath(
          'backend',
          '../../examples/kubernetes',
        );
        const started: LoopbackCluster[] = [];
        const methods =
          config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ??
          [];
        for (const method of methods) {
          for (const cluster of method.getOptionalConfigArray('clusters') ??
            []) {
            const name = cluster.getString('name');
            const url = new URL(cluster.getString('url'));
            const file = path.join(manifests, `cluster-${name}.yaml`);
            if (!LOCAL_HOSTS.has(url.hostname) || !existsSync(file)) continue;
            if (!url.port) {
              logger.warn(
                `Demo Kubernetes cluster ${name}: its url needs a port to listen on`,
              );
              continue;
            }
            // A taken port stops the backend: carrying on would read whatever else listens there (another
            // demo or a test run) as this cluster. RATCHET_KUBERNETES_<NAME>_PORT in app-config picks another.
            const loopback = await LoopbackCluster.start({
              name,
              host:
                url.hostname === 'localhost'
                  ? '127.0.0.1'
                  : url.hostname.replace(/^\[|\]$/g, ''),
              port: Number(url.port),
              tokens: cluster.getOptionalString('serviceAccountToken'),
              objects: simulateControllers(loadManifestFile(file)),
            }).catch(async error => {
              await Promise.all(started.map(c => c.stop()));
              throw error;
            });
            started.push(loopback);
            logger.info(
              `Demo Kubernetes cluster ${name} serves ${path.basename(
                file,
              )} at ${loopback.url}`,
            );
          }
        }
        lifecycle.addShutdownHook(async () => {
          await Promise.all(started.map(c => c.stop()));
        });
      },
    });
  },
});

export default catalogModuleKubernetesDemoClusters;
