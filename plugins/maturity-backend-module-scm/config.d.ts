import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  maturity?: {
    /**
     * The scm fact source. Repositories are read with the credentials of `integrations` (UrlReader) and,
     * for GitHub hosts, the GitHub REST API; nothing here is secret or needed by the frontend.
     */
    scm?: {
      /**
       * Files read in every repository, relative to the entity's source location (a leading `/` means the
       * repository root). Default: README.md, CODEOWNERS, .github/CODEOWNERS, Dockerfile, package.json,
       * package-lock.json, yarn.lock, pnpm-lock.yaml, pyproject.toml, poetry.lock, uv.lock,
       * requirements.txt, go.mod, catalog-info.yaml.
       */
      files?: string[];
      /** Entity kinds that get facts (default Component and API). */
      kinds?: string[];
      /** When to collect (default daily, 1 hour timeout, 1 minute initial delay). */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Requests in flight per host (default 10). */
      concurrency?: number;
      /** Timeout of one request (default 30 seconds). */
      requestTimeout?: HumanDuration | string;
      /** The longest a collection waits for a host's rate limit to reset before skipping it (default 1 minute). */
      maxRateLimitWait?: HumanDuration | string;
      /** Files larger than this many bytes are reported as errors, not parsed (default 5 MiB). */
      maxFileBytes?: number;
      /** Host of repositories named by `github.com/project-slug` (default github.com). */
      projectSlugHost?: string;
      /** The organisation's header-propagation libraries: `scm.httpHeaderPropagation` is true when one is a dependency. */
      headerPropagation?: {
        libraries?: {
          /** Python distributions (pyproject.toml, requirements.txt), e.g. `ratchet-py-commons`. */
          python?: string[];
          /** npm packages (package.json), e.g. `http-context-ts`. */
          javascript?: string[];
          /** Go modules (go.mod), e.g. `go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp`. */
          go?: string[];
        };
      };
      /** GitHub-only facts (other hosts leave them absent). */
      github?: {
        /** Open pull requests older than this many days are counted (default 14: `scm.pullRequests.openOlderThan14d`). */
        stalePullRequestDays?: number;
        /** Count open Dependabot alerts by severity (default true; needs "Dependabot alerts: read"). */
        dependabotAlerts?: boolean;
        /** Count open pull requests (default true). */
        pullRequests?: boolean;
        /** Read the main language (default true). */
        language?: boolean;
      };
    };
  };
}
