import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import type { JsonObject } from '@backstage/types';
import type { ScmSettings } from './config';
import {
  deriveFacts,
  FileObservation,
  RepositoryObservation,
} from './deriveFacts';
import type { FileReader, ReadResult } from './FileReader';
import type { GithubApi } from './GithubApi';
import { readGithubFacts } from './githubFacts';
import { HostUnavailableError } from './HostGate';
import { fileUrl, RepositoryLocation, withRef } from './repository';

/** `-r` includes followed from a requirements file, at most this deep and this many per repository. */
const MAX_INCLUDE_DEPTH = 3;
const MAX_INCLUDES = 10;

/**
 * Failures of one collection, grouped by host so that a host that is down is logged once, with the
 * number of entities that kept their previous facts, instead of once per entity.
 */
export class CollectionLog {
  readonly #failures = new Map<
    string,
    { entities: Set<string>; reason: string }
  >();
  readonly #refusals = new Map<
    string,
    { entities: Set<string>; reason: string }
  >();

  /** The host failed for this entity. */
  failed(host: string, entityRef: string, reason: string): void {
    record(this.#failures, host, entityRef, reason);
  }

  /** The host refused a GitHub-only part (permission, disabled feature) for this entity. */
  refused(host: string, entityRef: string, reason: string): void {
    record(this.#refusals, host, entityRef, reason);
  }

  /** Logs one line per failing host. */
  report(logger: LoggerService): void {
    for (const [host, { entities, reason }] of this.#failures) {
      logger.warn(
        `scm facts: ${host} failed for ${entities.size} entities, which keep their last facts: ${reason}`,
        { host, entities: entities.size },
      );
    }
    for (const [host, { entities, reason }] of this.#refusals) {
      logger.info(
        `scm facts: ${host} refused GitHub-only facts for ${entities.size} entities (left absent): ${reason}`,
        { host, entities: entities.size },
      );
    }
  }
}

function record(
  map: Map<string, { entities: Set<string>; reason: string }>,
  host: string,
  entityRef: string,
  reason: string,
) {
  const entry = map.get(host) ?? { entities: new Set<string>(), reason };
  entry.entities.add(entityRef);
  map.set(host, entry);
}

/** What one entity's collection needs. */
export interface RepositoryContext {
  entity: Entity;
  entityRef: string;
  location: RepositoryLocation;
  settings: ScmSettings;
  integrations: ScmIntegrationRegistry;
  files: FileReader;
  github: GithubApi;
  now: number;
  log: CollectionLog;
  /** The head commit each GitHub location's files were last read at, by base URL. */
  lastHeads: ReadonlyMap<string, string>;
  /** Where this run records the heads it read at. */
  nextHeads: Map<string, string>;
  signal?: AbortSignal;
}

/**
 * The `scm` facts of one entity's repository; undefined when its host failed and some file has never been
 * read, so the entity keeps the facts it has.
 */
export async function collectRepository(
  context: RepositoryContext,
): Promise<JsonObject | undefined> {
  const { entityRef, settings, log, signal } = context;
  let location = context.location;
  try {
    // With a branch in the link the head comes first: while it has not moved, the repository's language
    // cannot have changed either, so its cached answer stands in for one more request.
    let head = location.defaultBranch
      ? undefined
      : await readHead(context.github, location, signal);
    let githubFacts: JsonObject = {};
    if (location.github) {
      const observed = await readGithubFacts(
        context.github,
        location.github,
        settings.github,
        context.now,
        signal,
        head !== undefined && context.lastHeads.get(location.baseUrl) === head,
      );
      if (observed.defaultBranch && location.defaultBranch) {
        location = withRef(location, observed.defaultBranch);
        head = await readHead(context.github, location, signal);
      }
      githubFacts = observed.facts;
      if (observed.unavailable.length) {
        log.refused(location.host, entityRef, observed.unavailable.join('; '));
      }
    }
    // The branch has not moved since every file was read: the last observations stand, no request needed.
    const unchanged =
      head !== undefined && context.lastHeads.get(location.baseUrl) === head;
    const rateLimitReset = location.github
      ? () => context.github.rateLimitReset(location.github!, signal)
      : undefined;
    const read = async (path: string): Promise<Read> => {
      const url = fileUrl(location, path, context.integrations);
      const known = unchanged ? context.files.peek(url) : undefined;
      const result = known
        ? { observation: known, stale: false }
        : await context.files.read(location.host, url, signal, rateLimitReset);
      return { path, url, result };
    };
    const files = await Promise.all(settings.files.map(read));
    const included = await followIncludes(files, read);
    let stale = false;
    for (const { result } of [...files, ...included]) {
      if (result.stale && result.failure) {
        stale = true;
        log.failed(location.host, entityRef, result.failure.message);
      }
    }
    if (head && !stale) context.nextHeads.set(location.baseUrl, head);
    else context.nextHeads.delete(location.baseUrl);

    const observation: RepositoryObservation = {
      files: files.map(f => ({
        path: f.path,
        observation: f.result.observation,
      })),
      included: included.map(f => ({
        path: f.path,
        observation: f.result.observation,
      })),
      owner:
        typeof context.entity.spec?.owner === 'string'
          ? context.entity.spec.owner
          : undefined,
      namespace: context.entity.metadata.namespace,
      language:
        typeof githubFacts.language === 'string'
          ? githubFacts.language
          : undefined,
      headerLibraries: settings.headerLibraries,
    };
    const facts = deriveFacts(observation);
    facts.repository = { url: location.baseUrl };
    if (typeof githubFacts.language === 'string')
      facts.language = githubFacts.language;
    if (githubFacts.pullRequests) facts.pullRequests = githubFacts.pullRequests;
    if (githubFacts.dependencies) {
      facts.dependencies = {
        ...(facts.dependencies as JsonObject),
        ...(githubFacts.dependencies as JsonObject),
      };
    }
    return facts;
  } catch (error) {
    if (error instanceof HostUnavailableError) {
      log.failed(error.host, entityRef, error.message);
      return undefined;
    }
    throw error;
  }
}

type Read = { path: string; url: string; result: ReadResult };

/** The sha the location's branch points at (a 304 to the last ETag costs no rate limit); undefined if unknown. */
async function readHead(
  api: GithubApi,
  location: RepositoryLocation,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const segments = new URL(location.baseUrl).pathname
    .split('/')
    .filter(Boolean);
  // /{owner}/{repo}/tree/{ref}/…: a ref with slashes is not told apart from a path, so files are read.
  if (!location.github || segments.length < 4) return undefined;
  const head = await api.getAll(
    location.github,
    `/commits/${segments[3]}`,
    body => {
      if (typeof body === 'string') return body.trim();
      return typeof body === 'object' && body !== null && 'sha' in body
        ? String(body.sha)
        : undefined;
    },
    signal,
    'application/vnd.github.sha',
  );
  return head.ok ? head.value[0] : undefined;
}

/** Reads the files requirements files include with `-r`, relative to the including file. */
async function followIncludes(
  files: Read[],
  read: (path: string) => Promise<Read>,
): Promise<Read[]> {
  const seen = new Set(files.map(f => f.path));
  const out: Read[] = [];
  let frontier = files;
  for (let depth = 0; depth < MAX_INCLUDE_DEPTH && frontier.length; depth++) {
    const wanted: string[] = [];
    for (const { path, result } of frontier) {
      for (const include of includesOf(result.observation)) {
        const target = joinPath(path, include);
        if (
          target &&
          !seen.has(target) &&
          seen.size < files.length + MAX_INCLUDES
        ) {
          seen.add(target);
          wanted.push(target);
        }
      }
    }
    frontier = await Promise.all(wanted.map(read));
    out.push(...frontier);
  }
  return out;
}

function includesOf(observation: FileObservation): string[] {
  if (!observation.exists || !('parsed' in observation)) return [];
  const parsed = observation.parsed;
  return parsed.kind === 'requirements' ? parsed.value.includes : [];
}

/** `include` relative to the directory of `from`; undefined when it leaves the repository. */
function joinPath(from: string, include: string): string | undefined {
  if (/^[a-z]+:\/\//i.test(include) || include.startsWith('/'))
    return undefined;
  const parts = from.split('/').slice(0, -1);
  for (const segment of include.split('/')) {
    if (segment === '..') {
      if (!parts.pop()) return undefined;
    } else if (segment && segment !== '.') {
      parts.push(segment);
    }
  }
  return parts.join('/');
}
