import type { JsonObject, JsonValue } from '@backstage/types';

/** One pushed item: the facts of one source for one entity. */
export interface FactsPushItem {
  /** A full entity ref, e.g. `component:default/payment-gateway`. */
  entityRef: string;
  /** The id of a registered fact source, or `pushed`. */
  source: string;
  /** The facts, validated against the source's JSON Schema. */
  facts: JsonObject;
  /** When the facts were observed (ISO); at most 5 minutes in the future. */
  observedAt?: string;
}

/** The body of `POST /facts`. */
export interface FactsPushRequest {
  items: FactsPushItem[];
}

/** What a push stored. */
export interface FactsPushResponse {
  /** Items accepted. */
  accepted: number;
  /** Keys whose facts changed. */
  changed: number;
  /** Keys already holding these facts. */
  unchanged: number;
}

/** A fact source as `GET /sources` lists it. */
export interface FactSourceInfo {
  id: string;
  title?: string;
  description?: string;
  /** JSON Schema of its facts. */
  schema: JsonObject;
  /** Collection schedule, or null when it is not collected. */
  schedule: JsonValue | null;
  /** The plugin collects this source itself. */
  collects: boolean;
  /** `POST /facts` accepts items for this source. */
  acceptsPush: boolean;
}

/** An entry of the audit log. */
export interface AuditEntry {
  id: number;
  at: string;
  /** Who: a user or service principal. */
  actor: string;
  action: string;
  /** What the action was about. */
  subject: JsonObject;
  details: JsonObject;
}
