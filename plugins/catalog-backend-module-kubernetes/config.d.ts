import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Ratchet's Kubernetes entity providers, one per id (the provider is named `kubernetes:<id>`).
       * Clusters come from `kubernetes.clusterLocatorMethods` (every locator type and server-side auth provider of the Kubernetes plugin).
       */
      kubernetes?: {
        [id: string]: {
          /** Names of the clusters to read, from kubernetes.clusterLocatorMethods; default: every located cluster whose auth needs no signed-in user. */
          clusters?: string[];
          /** Workload kinds to ingest; default: Deployment, StatefulSet, DaemonSet, CronJob. */
          kinds?: Array<'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob'>;
          /** Namespaces to read (include: only these; exclude default: kube-system, kube-public, kube-node-lease). */
          namespaces?: {
            /** Only these namespaces. */
            include?: string[];
            /** Never these namespaces. */
            exclude?: string[];
          };
          /** Only workloads matching this label selector, e.g. `app.kubernetes.io/managed-by=helm,tier!=infra`. */
          labelSelector?: string;
          /** Catalog namespace of the generated Components (default `default`). */
          entityNamespace?: string;
          /**
           * Mapping rules: for each field an ordered list of sources, the first non-empty one wins (tags and
           * links collect all). A source is `label:<key>`, `annotation:<key>`, `namespaceLabel:<key>`,
           * `namespaceAnnotation:<key>`, `workload:<name|namespace|kind|cluster>` or `value:<text>`.
           * A configured list replaces the default list of that field.
           */
          mapping?: {
            /** Default: annotation:ratchet.dev/name, label:backstage.io/kubernetes-id, label:app.kubernetes.io/name, workload:name. */
            name?: string[];
            /** Default: annotation:ratchet.dev/title. */
            title?: string[];
            /** Default: annotation:ratchet.dev/description. */
            description?: string[];
            /** Default: annotation:ratchet.dev/owner, label:ratchet.dev/team, namespaceAnnotation:ratchet.dev/owner, namespaceLabel:ratchet.dev/team. A bare name means group:default/<name>. */
            owner?: string[];
            /** Default: annotation:ratchet.dev/system, label:app.kubernetes.io/part-of. */
            system?: string[];
            /** Default: annotation:ratchet.dev/lifecycle, label:ratchet.dev/lifecycle, value:production. */
            lifecycle?: string[];
            /** Default: annotation:ratchet.dev/type, value:service. */
            type?: string[];
            /** Comma-separated values; default: annotation:ratchet.dev/tags. */
            tags?: string[];
            /** `url` or `Title=url`, separated by commas or new lines; default: annotation:ratchet.dev/links. */
            links?: string[];
          };
          /** Workloads no mapping source gives an owner. */
          unowned?: {
            /** `suggest` (default): emit with `owner` and `ratchet.dev/needs-owner: "true"`; `skip`: leave out. Both list them in the preview. */
            action?: 'suggest' | 'skip';
            /** Owner written in suggest mode (default `group:default/unassigned`). */
            owner?: string;
          };
          /** When a Component of the same name already exists from another source (catalog-info.yaml). */
          coexistence?: {
            /** `skip` (default): emit nothing for it and record the link in the preview; `suffix`: emit `<name><suffix>`. */
            action?: 'skip' | 'suffix';
            /** Suffix for `suffix` (default `-k8s`). */
            suffix?: string;
          };
          /** When to sync (default every 10 minutes, 5 minute timeout, 30 s initial delay). */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
          /** Items per list request (`limit`), 1–10000 (default 500). */
          pageSize?: number;
          /** Clusters read at the same time (default 3). */
          concurrency?: number;
          /** Timeout of one request to a cluster (default 30 seconds). */
          requestTimeout?: HumanDuration | string;
        };
      };
    };
  };
}
