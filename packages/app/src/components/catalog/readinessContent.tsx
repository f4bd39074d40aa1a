/* Ratchet readiness: the entity Readiness tab for the kinds a Checklist applies to (services and websites). */
import { EntityLayout } from '@backstage/plugin-catalog';
import { EntityReadinessContent } from '@ratchet/backstage-plugin-maturity';

export const readinessRoute = (
  <EntityLayout.Route path="/readiness" title="Readiness">
    <EntityReadinessContent />
  </EntityLayout.Route>
);
