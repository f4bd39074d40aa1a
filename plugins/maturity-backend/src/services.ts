import type {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { MaturityQueries } from './evaluation/results/DatabaseResultReader';
import type { ExemptionService } from './exemptions/ExemptionService';
import type { FactStore } from './facts/FactStore';
import type { ResultStore } from './evaluation/results/ResultStore';
import type { CatalogDefinitionProvider } from './evaluation/definitions/CatalogDefinitionProvider';
import type { EvaluationService } from './evaluation/EvaluationService';
import type { FactCollector } from './facts/FactCollector';

/** Everything the maturity plugin's routes and tasks work with, built once in plugin.ts. */
export interface MaturityServices {
  /** Logger of the plugin. */
  logger: LoggerService;
  /** Service-to-service credentials. */
  auth: AuthService;
  /** Credentials of HTTP callers. */
  httpAuth: HttpAuthService;
  /** Permission decisions. */
  permissions: PermissionsService;
  /** The catalog, for visibility checks and entity lookups. */
  catalog: CatalogService;
  /** Latest facts and their change log. */
  facts: FactStore;
  /** Results, transitions, levels and snapshots. */
  results: ResultStore;
  /** Compiled Scorecards and Campaigns. */
  definitions: CatalogDefinitionProvider;
  /** Evaluates and persists. */
  evaluation: EvaluationService;
  /** The fact sources and on-demand collection. */
  collector: FactCollector;
  /** Exemptions and the audit log. */
  exemptions: ExemptionService;
  /** Read-only aggregations for the API (roll-ups, check history). */
  queries: MaturityQueries;
}
