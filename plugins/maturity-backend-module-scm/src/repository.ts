import { ANNOTATION_SOURCE_LOCATION, Entity } from '@backstage/catalog-model';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { GithubRepository } from './GithubApi';

/** The annotation GitHub plugins read: `<owner>/<repo>` on github.com (or the configured host). */
export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/** Where an entity's files live. */
export interface RepositoryLocation {
  /** The directory files are read from, ending with `/` (a source location, or a GitHub tree URL). */
  baseUrl: string;
  /** The URL's host (with port): rate limits and failures are per host. */
  host: string;
  /** Set when the host is a GitHub integration: the REST API serves the GitHub-only facts. */
  github?: GithubRepository;
  /** The link names no branch (a project slug, a bare repository URL): read the default branch. */
  defaultBranch: boolean;
}

/**
 * The repository an entity links to: `backstage.io/source-location` (type `url`) first, else
 * `github.com/project-slug` on `slugHost`. Undefined when there is none or it cannot be read.
 */
export function locateRepository(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
  slugHost: string,
): RepositoryLocation | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const source = annotations[ANNOTATION_SOURCE_LOCATION];
  let baseUrl: string | undefined;
  let defaultBranch = false;
  if (source?.startsWith('url:')) {
    baseUrl = source.slice('url:'.length).trim();
  } else {
    const slug = annotations[PROJECT_SLUG_ANNOTATION]?.trim();
    if (slug && /^[^/\s]+\/[^/\s]+$/.test(slug)) {
      baseUrl = `https://${slugHost}/${slug.replace(/\.git$/, '')}/tree/HEAD/`;
      defaultBranch = true;
    }
  }
  if (!baseUrl) return undefined;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  const integration = integrations.github.byUrl(url);
  const segments = url.pathname.split('/').filter(Boolean);
  const [owner, name] = segments;
  if (integration && segments.length === 2) {
    url.pathname += 'tree/HEAD/';
    defaultBranch = true;
  }
  const github =
    integration && owner && name
      ? {
          host: integration.config.host,
          apiBaseUrl:
            integration.config.apiBaseUrl ??
            `https://${integration.config.host}/api/v3`,
          owner,
          name: name.replace(/\.git$/, ''),
        }
      : undefined;
  return { baseUrl: url.toString(), host: url.host, github, defaultBranch };
}

/** The URL of `path` in the repository: relative to the base directory, or to the root with a leading `/`. */
export function fileUrl(
  location: RepositoryLocation,
  path: string,
  integrations: ScmIntegrationRegistry,
): string {
  return integrations.resolveUrl({ url: path, base: location.baseUrl });
}

/** A GitHub tree URL on another ref (the default branch, once the API told it). */
export function withRef(
  location: RepositoryLocation,
  ref: string,
): RepositoryLocation {
  if (!location.defaultBranch || !location.github) return location;
  const { host, owner, name } = location.github;
  const scheme = new URL(location.baseUrl).protocol;
  return {
    ...location,
    baseUrl: `${scheme}//${host}/${owner}/${name}/tree/${encodeURIComponent(
      ref,
    )}/`,
  };
}
