import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the Kubernetes preview (`GET /api/catalog/kubernetes/preview`): every workload of every cluster,
 * unowned ones and owner suggestions included. Registered with the catalog plugin's permissions.
 */
export const kubernetesPreviewPermission = createPermission({
  name: 'ratchet.kubernetes.preview',
  attributes: { action: 'read' },
});
