import { createRouteRef } from '@backstage/core-plugin-api';

/** The readiness page: org overview and reviewer queue (mount it at `/readiness`). */
export const readinessRouteRef = createRouteRef({ id: 'maturity:readiness' });

/** Where the app mounts the entity Readiness tab. */
export const entityReadinessContentRouteRef = createRouteRef({
  id: 'maturity:entity-readiness',
});
