// Models generated from openapi.yaml (`yarn openapi:generate`), re-exported under the names the plugins use;
// only what the spec has no schema for (query parameters, generic pages) is written here.
export type {
  AuditEntry,
  FactSourceInfo,
  FactsPushItem,
  FactsPushRequest,
  FactsPushResponse,
} from '../schema/openapi';
