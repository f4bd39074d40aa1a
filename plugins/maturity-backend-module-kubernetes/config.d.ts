import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  maturity?: {
    /** The Kubernetes fact source; clusters come from kubernetes.clusterLocatorMethods (as for the Kubernetes plugin). */
    kubernetes?: {
      /** Names of the clusters to read; default: every located cluster whose auth needs no signed-in user. */
      clusters?: string[];
      /** When to collect (default every 15 minutes, 10 minute timeout, 1 minute initial delay). */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Items per list request (default 500). */
      pageSize?: number;
      /** Clusters read at the same time (default 3). */
      concurrency?: number;
      /** Timeout of one request to a cluster (default 30 seconds). */
      requestTimeout?: HumanDuration | string;
    };
  };
}
