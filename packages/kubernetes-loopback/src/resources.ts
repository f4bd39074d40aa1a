/** Where a kind of object lives in the REST API. */
export interface ResourceType {
  /** API group; empty for the core group. */
  group: string;
  /** API version within the group. */
  version: string;
  /** Plural resource name used in paths. */
  plural: string;
  /** Kind of the objects. */
  kind: string;
  /** Namespaced objects are listed per namespace as well as across all of them. */
  namespaced: boolean;
}

// The built-in kinds that Ratchet and Backstage's Kubernetes plugin ask for; listing them answers an
// empty list rather than 404 even when the cluster holds none, as a real cluster would.
const BUILT_IN: ResourceType[] = [
  ['', 'v1', 'namespaces', 'Namespace', false],
  ['', 'v1', 'nodes', 'Node', false],
  ['', 'v1', 'pods', 'Pod', true],
  ['', 'v1', 'services', 'Service', true],
  ['', 'v1', 'configmaps', 'ConfigMap', true],
  ['', 'v1', 'secrets', 'Secret', true],
  ['', 'v1', 'serviceaccounts', 'ServiceAccount', true],
  ['', 'v1', 'events', 'Event', true],
  ['', 'v1', 'limitranges', 'LimitRange', true],
  ['', 'v1', 'resourcequotas', 'ResourceQuota', true],
  ['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true],
  ['apps', 'v1', 'deployments', 'Deployment', true],
  ['apps', 'v1', 'replicasets', 'ReplicaSet', true],
  ['apps', 'v1', 'statefulsets', 'StatefulSet', true],
  ['apps', 'v1', 'daemonsets', 'DaemonSet', true],
  ['batch', 'v1', 'jobs', 'Job', true],
  ['batch', 'v1', 'cronjobs', 'CronJob', true],
  ['policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true],
  [
    'autoscaling',
    'v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
  ],
  [
    'autoscaling',
    'v1',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
  ],
  ['networking.k8s.io', 'v1', 'ingresses', 'Ingress', true],
].map(([group, version, plural, kind, namespaced]) => ({
  group: group as string,
  version: version as string,
  plural: plural as string,
  kind: kind as string,
  namespaced: namespaced as boolean,
}));

/** The resource types a server knows: the built-ins plus any kind loaded from manifests. */
export class ResourceRegistry {
  readonly #byPath = new Map<string, ResourceType>();
  readonly #byKind = new Map<string, ResourceType>();

  /** Creates a registry with the built-in kinds. */
  constructor() {
    for (const type of BUILT_IN) this.add(type);
  }

  /** Registers a type (idempotent). */
  add(type: ResourceType): ResourceType {
    const pathKey = `${type.group}/${type.version}/${type.plural}`;
    const existing = this.#byPath.get(pathKey);
    if (existing) return existing;
    this.#byPath.set(pathKey, type);
    const kindKey = `${groupVersion(type)}|${type.kind}`;
    if (!this.#byKind.has(kindKey)) this.#byKind.set(kindKey, type);
    return type;
  }

  /** The type served under a group/version/plural path, if known. */
  byPath(group: string, version: string, plural: string) {
    return this.#byPath.get(`${group}/${version}/${plural}`);
  }

  /** The type of an object, registering unknown kinds with a naive plural (custom resources). */
  forObject(apiVersion: string, kind: string): ResourceType {
    const known = this.#byKind.get(`${apiVersion}|${kind}`);
    if (known) return known;
    const [group, version] = apiVersion.includes('/')
      ? apiVersion.split('/', 2)
      : ['', apiVersion];
    return this.add({
      group,
      version,
      kind,
      plural: `${kind.toLocaleLowerCase('en-US')}s`,
      namespaced: true,
    });
  }
}

/** `apps/v1` or `v1` for a type. */
export function groupVersion(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** The storage key shared by every version of a group's resource (autoscaling v1 and v2 hold the same HPAs). */
export function storageKey(type: ResourceType): string {
  return `${type.group}/${type.plural}`;
}
