/** Object metadata as the loopback server stores and serves it. */
export interface KubeObjectMeta {
  /** Object name. */
  name: string;
  /** Namespace of namespaced objects. */
  namespace?: string;
  /** Labels. */
  labels?: Record<string, string>;
  /** Annotations. */
  annotations?: Record<string, string>;
  /** Unique id; assigned by the store when absent. */
  uid?: string;
  /** Version of the object; assigned by the store on every write. */
  resourceVersion?: string;
  /** Creation time (RFC 3339); assigned by the store when absent. */
  creationTimestamp?: string;
  /** Anything else a manifest carries (ownerReferences, generation…). */
  [key: string]: unknown;
}

/** A Kubernetes object: whatever a manifest holds, with the fields the server needs typed. */
export interface KubeObject {
  /** `v1`, `apps/v1`, … */
  apiVersion: string;
  /** `Deployment`, `Pod`, … */
  kind: string;
  /** Metadata. */
  metadata: KubeObjectMeta;
  /** spec, status, data… */
  [key: string]: unknown;
}

/** A failure the server injects into the requests of one cluster. */
export type LoopbackFailure =
  /** Every matching request answers with this status (401, 403, 500, 503…) and a Status body. */
  | { type: 'status'; status: number; resource?: string; times?: number }
  /** Matching requests never answer: the client has to time out. */
  | { type: 'hang'; resource?: string; times?: number }
  /** The first `afterPages` pages of a list are served, the following continue requests fail. */
  | {
      type: 'partial';
      afterPages: number;
      status?: number;
      resource?: string;
      times?: number;
    }
  /** The response starts, then the connection is cut in the middle of the JSON body. */
  | { type: 'truncated'; resource?: string; times?: number }
  /** Every request that carries a continue token answers 410 Gone, as after an etcd compaction. */
  | { type: 'expired'; resource?: string; times?: number };

/** One request as the server saw it, for tests that assert on paging and selectors. */
export interface LoopbackRequest {
  /** HTTP method. */
  method: string;
  /** Path without the query. */
  path: string;
  /** Query parameters. */
  query: Record<string, string>;
  /** The status the server answered with (0 when it never answered). */
  status: number;
}
