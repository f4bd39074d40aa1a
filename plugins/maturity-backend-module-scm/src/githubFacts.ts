import type { JsonObject } from '@backstage/types';
import type { ScmSettings } from './config';
import type { ApiResult, GithubApi, GithubRepository } from './GithubApi';

const DAY_MS = 86_400_000;
const SEVERITIES = ['critical', 'high', 'medium', 'low'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the REST API tells about one repository. */
export interface GithubObservation {
  /** The default branch, to read files of a repository linked without one. */
  defaultBranch?: string;
  /** Facts to merge into the entity's `scm` facts. */
  facts: JsonObject;
  /** Parts the API refused (a disabled feature, a missing permission), with its message. */
  unavailable: string[];
}

/**
 * Reads the GitHub-only facts: the main language (from the repository), open pull requests and how many
 * are older than the configured days, and open Dependabot alerts by severity. A part the token may not
 * read (401/403/404) is left absent and named in `unavailable`; a failing host throws.
 */
export async function readGithubFacts(
  api: GithubApi,
  repo: GithubRepository,
  settings: ScmSettings['github'],
  now: number,
  signal?: AbortSignal,
  reuseRepository = false,
): Promise<GithubObservation> {
  const facts: JsonObject = {};
  const unavailable: string[] = [];
  const refused = (part: string, result: ApiResult<unknown>) => {
    if (!result.ok)
      unavailable.push(`${part}: ${result.status} ${result.message}`);
  };

  const mapRepository = (body: unknown) => ({
    language:
      isObject(body) && typeof body.language === 'string'
        ? body.language
        : undefined,
    defaultBranch:
      isObject(body) && typeof body.default_branch === 'string'
        ? body.default_branch
        : undefined,
  });
  const cached = reuseRepository ? api.peek(repo, '') : undefined;
  const info: ApiResult<Array<ReturnType<typeof mapRepository>>> = cached
    ? { ok: true, value: [cached as ReturnType<typeof mapRepository>] }
    : await api.getAll(repo, '', mapRepository, signal);
  refused('repository', info);
  const repository = info.ok ? info.value[0] : undefined;
  if (settings.language && repository?.language) {
    facts.language = repository.language.toLowerCase();
  }

  if (settings.pullRequests) {
    // Creation times only: the ages grow between collections while the pages stay cached.
    const pulls = await api.getAll(
      repo,
      '/pulls?state=open&per_page=100',
      body =>
        (Array.isArray(body) ? body : []).flatMap(pull =>
          isObject(pull) && typeof pull.created_at === 'string'
            ? [Date.parse(pull.created_at)]
            : [],
        ),
      signal,
    );
    refused('pull requests', pulls);
    if (pulls.ok) {
      const created = pulls.value.flat();
      const cutoff = now - settings.stalePullRequestDays * DAY_MS;
      facts.pullRequests = {
        open: created.length,
        [`openOlderThan${settings.stalePullRequestDays}d`]: created.filter(
          t => t < cutoff,
        ).length,
      };
    }
  }

  if (settings.dependabotAlerts) {
    const alerts = await api.getAll(
      repo,
      '/dependabot/alerts?state=open&per_page=100',
      body =>
        (Array.isArray(body) ? body : []).map(alert => {
          const advisory = isObject(alert)
            ? alert.security_advisory
            : undefined;
          const vulnerability = isObject(alert)
            ? alert.security_vulnerability
            : undefined;
          const severity =
            (isObject(advisory) && advisory.severity) ||
            (isObject(vulnerability) && vulnerability.severity);
          return typeof severity === 'string'
            ? severity.toLowerCase()
            : 'unknown';
        }),
      signal,
    );
    refused('Dependabot alerts', alerts);
    if (alerts.ok) {
      const severities = alerts.value.flat();
      facts.dependencies = {
        vulnerable: Object.fromEntries(
          SEVERITIES.map(s => [s, severities.filter(v => v === s).length]),
        ),
      };
    }
  }
  return { defaultBranch: repository?.defaultBranch, facts, unavailable };
}
