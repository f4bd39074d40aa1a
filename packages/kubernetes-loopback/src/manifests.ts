import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from './types';

/** Parses multi-document YAML into objects; empty documents are skipped, `List` objects flattened. */
export function loadManifests(text: string, source = 'manifest'): KubeObject[] {
  const objects: KubeObject[] = [];
  parseAllDocuments(text).forEach((doc, index) => {
    if (doc.errors.length) {
      throw new Error(
        `${source}: document ${index + 1}: ${doc.errors[0].message}`,
      );
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    const items = isList(value) ? value.items : [value];
    for (const item of items)
      objects.push(asObject(item, `${source}: document ${index + 1}`));
  });
  return objects;
}

/** Reads and parses a multi-document YAML file. */
export function loadManifestFile(path: string): KubeObject[] {
  return loadManifests(readFileSync(path, 'utf8'), path);
}

function isList(value: unknown): value is { items: unknown[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'List' &&
    Array.isArray((value as { items?: unknown }).items)
  );
}

function asObject(value: unknown, where: string): KubeObject {
  const candidate = value as Partial<KubeObject> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.apiVersion !== 'string' ||
    typeof candidate.kind !== 'string' ||
    typeof candidate.metadata?.name !== 'string'
  ) {
    throw new Error(
      `${where}: not a Kubernetes object (apiVersion, kind and metadata.name are required)`,
    );
  }
  return candidate as KubeObject;
}

/** How the simulated controllers fill in a cluster. */
export interface SimulateOptions {
  /** Nodes a DaemonSet runs on (default 2). */
  nodes?: number;
  /** When the simulated pods started (default: one day and an hour ago). */
  startedAt?: Date;
}

type PodTemplate = {
  metadata?: { labels?: Record<string, string> };
  spec?: { containers?: Array<{ name: string; image?: string }> };
};

/**
 * Plays the controllers for manifests that were never applied: workloads without a status get one with
 * every replica ready, and get their ReplicaSets and running pods, so the Kubernetes tab and the replica
 * and pod facts have something real to read. Objects that already have a status are left as they are.
 */
export function simulateControllers(
  objects: KubeObject[],
  options: SimulateOptions = {},
): KubeObject[] {
  const nodes = options.nodes ?? 2;
  const startedAt = (
    options.startedAt ?? new Date(Date.now() - 25 * 3_600_000)
  ).toISOString();
  const out: KubeObject[] = [];
  for (const object of objects) {
    const spec = object.spec as
      | { replicas?: number; template?: PodTemplate }
      | undefined;
    const simulated =
      ['Deployment', 'StatefulSet', 'DaemonSet'].includes(object.kind) &&
      object.status === undefined &&
      spec?.template !== undefined;
    if (!simulated) {
      out.push(object);
      continue;
    }
    const uid = stableUid(
      `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`,
    );
    const replicas = object.kind === 'DaemonSet' ? nodes : spec?.replicas ?? 1;
    const status =
      object.kind === 'DaemonSet'
        ? {
            currentNumberScheduled: nodes,
            desiredNumberScheduled: nodes,
            numberAvailable: nodes,
            numberReady: nodes,
            updatedNumberScheduled: nodes,
            numberMisscheduled: 0,
          }
        : {
            observedGeneration: 1,
            replicas,
            readyReplicas: replicas,
            availableReplicas: replicas,
            updatedReplicas: replicas,
            currentReplicas: replicas,
          };
    out.push({ ...object, metadata: { ...object.metadata, uid }, status });
    let owner = { kind: object.kind, name: object.metadata.name, uid };
    const hash = uid.slice(0, 10).replace(/-/g, '');
    const template = spec?.template ?? {};
    const labels = { ...template.metadata?.labels };
    if (object.kind === 'Deployment') {
      const rsName = `${object.metadata.name}-${hash}`;
      const rsUid = stableUid(`rs/${object.metadata.namespace}/${rsName}`);
      labels['pod-template-hash'] = hash;
      out.push({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: object.metadata.namespace,
          uid: rsUid,
          labels,
          ownerReferences: [
            { apiVersion: 'apps/v1', controller: true, ...owner },
          ],
        },
        spec: {
          replicas,
          selector: (spec as { selector?: unknown }).selector,
          template,
        },
        status: {
          replicas,
          readyReplicas: replicas,
          availableReplicas: replicas,
        },
      });
      owner = { kind: 'ReplicaSet', name: rsName, uid: rsUid };
    }
    for (let i = 0; i < replicas; i++) {
      const podName =
        object.kind === 'StatefulSet'
          ? `${object.metadata.name}-${i}`
          : `${object.metadata.name}-${hash.slice(0, 5)}${i}`;
      out.push(
        runningPod(
          podName,
          object.metadata.namespace,
          labels,
          template,
          owner,
          startedAt,
          i % nodes,
        ),
      );
    }
  }
  return out;
}

function runningPod(
  name: string,
  namespace: string | undefined,
  labels: Record<string, string>,
  template: PodTemplate,
  owner: { kind: string; name: string; uid: string },
  startedAt: string,
  node: number,
): KubeObject {
  const containers = template.spec?.containers ?? [];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: stableUid(`pod/${namespace}/${name}`),
      labels,
      creationTimestamp: startedAt,
      ownerReferences: [{ apiVersion: 'apps/v1', controller: true, ...owner }],
    },
    spec: { ...template.spec, nodeName: `loopback-node-${node}` },
    status: {
      phase: 'Running',
      startTime: startedAt,
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: containers.map(c => ({
        name: c.name,
        image: c.image,
        imageID: c.image,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt } },
      })),
    },
  };
}

/** A uid derived from a name, so that repeated runs produce the same objects. */
export function stableUid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
