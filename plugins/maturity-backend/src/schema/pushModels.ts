// The facts push and fact source schemas of openapi.yaml as TypeScript types, kept by hand.
import type { JsonObject, JsonValue } from '@backstage/types';

/** One pushed item. */
export interface FactsPushItem {
  /** Entity ref. */
  entityRef: string;
  /** Source id. */
  source: string;
  /** Facts. */
  facts: JsonObject;
  /** Observed at (ISO). */
  observedAt?: string;
}

/** A push. */
export interface FactsPushRequest {
  /** The items. */
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

/** A fact source as listed. */
export interface FactSourceInfo {
  /** Id. */
  id: string;
  /** Title. */
  title?: string;
  /** Description. */
  description?: string;
  /** JSON Schema of its facts. */
  schema: JsonObject;
  /** Collection schedule, if collected. */
  schedule: JsonValue | null;
  /** Collected by the plugin. */
  collects: boolean;
  /** Accepted by POST /facts. */
  acceptsPush: boolean;
}
