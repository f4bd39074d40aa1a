import { randomUUID } from 'node:crypto';
import { ResourceRegistry, ResourceType, storageKey } from './resources';
import type { KubeObject } from './types';

/** Identifies one stored object. */
export interface ObjectKey {
  /** `apps/v1`, `v1`… */
  apiVersion: string;
  /** Kind. */
  kind: string;
  /** Name. */
  name: string;
  /** Namespace (namespaced kinds). */
  namespace?: string;
}

/**
 * The objects of one loopback cluster, in the order the API server lists them (namespace, then name), with
 * a resource version that grows on every write.
 */
export class ObjectStore {
  readonly registry = new ResourceRegistry();
  readonly #objects = new Map<string, Map<string, KubeObject>>();
  // Listing sorts once per write burst, not once per request: the benchmarks page through 20,000 objects.
  readonly #sorted = new Map<string, KubeObject[]>();
  #version = 1;

  /** The current resource version of the store. */
  get resourceVersion(): string {
    return String(this.#version);
  }

  /** Adds or replaces objects; namespaced objects without a namespace go to `defaultNamespace`. */
  put(objects: KubeObject[], defaultNamespace = 'default'): void {
    for (const object of objects) {
      const type = this.registry.forObject(object.apiVersion, object.kind);
      const metadata = { ...object.metadata };
      if (type.namespaced && !metadata.namespace)
        metadata.namespace = defaultNamespace;
      if (!type.namespaced) delete metadata.namespace;
      metadata.uid ??= randomUUID();
      metadata.creationTimestamp ??= new Date().toISOString();
      this.#version++;
      metadata.resourceVersion = String(this.#version);
      const key = storageKey(type);
      let bucket = this.#objects.get(key);
      if (!bucket) {
        bucket = new Map();
        this.#objects.set(key, bucket);
      }
      bucket.set(objectId(metadata), { ...object, metadata });
      this.#sorted.delete(key);
    }
  }

  /** Removes one object; returns whether it existed. */
  remove(key: ObjectKey): boolean {
    const type = this.registry.forObject(key.apiVersion, key.kind);
    const bucket = this.#objects.get(storageKey(type));
    const removed =
      bucket?.delete(
        objectId({ name: key.name, namespace: key.namespace ?? 'default' }),
      ) ?? false;
    if (removed) {
      this.#version++;
      this.#sorted.delete(storageKey(type));
    }
    return removed;
  }

  /** Removes every object. */
  clear(): void {
    this.#objects.clear();
    this.#sorted.clear();
    this.#version++;
  }

  /** Every object of a resource type, sorted by namespace and name. */
  list(type: ResourceType): KubeObject[] {
    const key = storageKey(type);
    let sorted = this.#sorted.get(key);
    if (!sorted) {
      sorted = [...(this.#objects.get(key)?.values() ?? [])].sort((a, b) =>
        objectId(a.metadata) < objectId(b.metadata) ? -1 : 1,
      );
      this.#sorted.set(key, sorted);
    }
    return sorted;
  }

  /** One object, if stored. */
  get(type: ResourceType, name: string, namespace?: string) {
    return this.#objects
      .get(storageKey(type))
      ?.get(
        objectId({ name, namespace: type.namespaced ? namespace : undefined }),
      );
  }

  /** Namespaces that objects use but no Namespace object declares, as a real cluster would have them. */
  addMissingNamespaces(): void {
    const namespaceType = this.registry.forObject('v1', 'Namespace');
    const declared = new Set(
      this.list(namespaceType).map(n => n.metadata.name),
    );
    const used = new Set<string>();
    for (const [key, bucket] of this.#objects) {
      if (key === storageKey(namespaceType)) continue;
      for (const object of bucket.values()) {
        if (object.metadata.namespace) used.add(object.metadata.namespace);
      }
    }
    const missing = [...used].filter(n => !declared.has(n));
    this.put(
      missing.map(name => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name,
          labels: { 'kubernetes.io/metadata.name': name },
        },
      })),
    );
  }
}

function objectId(metadata: { name: string; namespace?: string }): string {
  return `${metadata.namespace ?? ''}\u0000${metadata.name}`;
}
