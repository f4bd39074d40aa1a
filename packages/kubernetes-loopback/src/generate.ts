import type { KubeObject } from './types';

/** The shape of a generated estate. */
export interface GenerateOptions {
  /** Cluster names; workloads are spread over them round-robin. */
  clusters: string[];
  /** Total workload objects across all clusters (copies of one service in two clusters count twice). */
  workloads: number;
  /** Namespaces per cluster (default 25); every tenth has no team label. */
  namespaces?: number;
  /** Every n-th service also runs in the next cluster (default 5: a fifth are multi-cluster). */
  sharedEvery?: number;
}

const KINDS = [
  'Deployment',
  'Deployment',
  'Deployment',
  'Deployment',
  'Deployment',
  'Deployment',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
];

/**
 * Generates a realistic estate in memory: namespaces with team labels, and Deployments (70 %),
 * StatefulSets, DaemonSets and CronJobs with the recommended labels, containers with probes and
 * resources. Returns the objects per cluster name.
 */
export function generateEstate(
  options: GenerateOptions,
): Map<string, KubeObject[]> {
  const namespaceCount = options.namespaces ?? 25;
  const sharedEvery = options.sharedEvery ?? 5;
  const byCluster = new Map<string, KubeObject[]>(
    options.clusters.map(name => [name, namespaces(namespaceCount)]),
  );
  let emitted = 0;
  for (let i = 0; emitted < options.workloads; i++) {
    const home = i % options.clusters.length;
    const targets = [home];
    if (options.clusters.length > 1 && i % sharedEvery === 0) {
      targets.push((home + 1) % options.clusters.length);
    }
    for (const target of targets) {
      if (emitted >= options.workloads) break;
      byCluster
        .get(options.clusters[target])!
        .push(workload(i, namespaceCount));
      emitted++;
    }
  }
  return byCluster;
}

function namespaces(count: number): KubeObject[] {
  return Array.from({ length: count }, (_, n) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: `team-${n}`,
      labels: {
        'kubernetes.io/metadata.name': `team-${n}`,
        ...(n % 10 === 9 ? {} : { 'ratchet.dev/team': `team-${n}` }),
      },
    },
  }));
}

function workload(i: number, namespaceCount: number): KubeObject {
  const name = `svc-${String(i).padStart(5, '0')}`;
  const kind = KINDS[i % KINDS.length];
  const labels = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': `system-${i % 40}`,
    'app.kubernetes.io/version': `1.${i % 17}.${i % 5}`,
    'app.kubernetes.io/component': i % 3 === 0 ? 'worker' : 'api',
    'app.kubernetes.io/managed-by': 'helm',
    'backstage.io/kubernetes-id': name,
  };
  const podSpec = {
    containers: [
      {
        name,
        image: `registry.example/${name}:1.${i % 17}.${i % 5}`,
        ports: [{ name: 'http', containerPort: 8080 }],
        livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
        readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
        resources: {
          requests: { cpu: '100m', memory: '128Mi' },
          limits: { memory: '256Mi' },
        },
      },
    ],
  };
  const template = { metadata: { labels }, spec: podSpec };
  const metadata = {
    name,
    namespace: `team-${i % namespaceCount}`,
    labels,
    annotations: {
      'ratchet.dev/description': `Generated service number ${i}.`,
    },
  };
  if (kind === 'CronJob') {
    return {
      apiVersion: 'batch/v1',
      kind,
      metadata,
      spec: {
        schedule: '30 2 * * *',
        jobTemplate: {
          spec: {
            template: {
              ...template,
              spec: { ...podSpec, restartPolicy: 'OnFailure' },
            },
          },
        },
      },
    };
  }
  const selector = { matchLabels: { 'app.kubernetes.io/name': name } };
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata,
    spec:
      kind === 'DaemonSet'
        ? { selector, template }
        : { replicas: 1 + (i % 4), selector, template },
    status:
      kind === 'DaemonSet'
        ? { numberReady: 3 }
        : { readyReplicas: 1 + (i % 4) },
  };
}
