import { createRouteRef } from '@backstage/core-plugin-api';

/** The Kubernetes triage page (mount it at `/kubernetes-triage`). */
export const kubernetesTriageRouteRef = createRouteRef({
  id: 'maturity:kubernetes-triage',
});
