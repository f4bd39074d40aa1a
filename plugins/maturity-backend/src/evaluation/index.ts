/*
 * The public face of evaluation: what views (scorecards, exemptions, campaigns, readiness) and
 * notifications may import. Views read results only through ResultView and ResultReader; evaluation is
 * the only writer of the result tables. Only plugin.ts (the composition root) and tests reach past this.
 */
export type {
  DefinitionProvider,
  EvaluationService,
  EvaluationSummary,
  ExemptionLookup,
  LevelDrop,
  ResultsChange,
} from './EvaluationService';
export { resultKey } from './EvaluationService';
export type {
  CompiledDefinition,
  DefinitionCheck,
} from './definitions/compileDefinitions';
export type {
  CheckResultsPage,
  CheckResultsQuery,
  LevelRecord,
  LevelSnapshot,
  ResultStore,
  ResultView,
  StatusCounts,
  StoredCheckResult,
  TransitionRecord,
  TransitionsQuery,
} from './results/ResultStore';
export type { ResultReader } from './results/ResultReader';
export type {
  CheckStatusCount,
  CheckTransitionRow,
  DayLevelRow,
  EntityLevelRow,
  GroupCategoryRow,
  GroupLevelRow,
  StoredLevel,
} from './results/queryRows';
export type { ComputedLevel } from './results/levels';
export { computeLevel } from './results/levels';
export { compileEntityFilter, formatValue } from './checks';
export type { CompiledEntityFilter } from './checks';
