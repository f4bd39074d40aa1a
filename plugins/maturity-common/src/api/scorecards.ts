// Models generated from openapi.yaml (`yarn openapi:generate`), re-exported under the names the plugins use;
// only what the spec has no schema for (query parameters, generic pages) is written here.
export type {
  CheckDefinition,
  CheckDetail,
  CheckEntity,
  DefinitionProblem,
  ScorecardCheckCounts,
  ScorecardCheckPage,
  ScorecardDetail,
  ScorecardEntity,
  ScorecardEntityPage,
  ScorecardSummary,
} from '../schema/openapi';

/** The order of `GET /scorecards/{namespace}/{name}/checks`. */
export type ScorecardCheckOrder = 'definition' | 'failing';
