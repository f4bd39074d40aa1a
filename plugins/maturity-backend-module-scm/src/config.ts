import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import type { Ecosystem, HeaderLibraries } from './deriveFacts';

/** The files read when `maturity.scm.files` is not set. */
export const DEFAULT_FILES = [
  'README.md',
  'CODEOWNERS',
  '.github/CODEOWNERS',
  'Dockerfile',
  'package.json',
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'pyproject.toml',
  'poetry.lock',
  'uv.lock',
  'requirements.txt',
  'go.mod',
  'catalog-info.yaml',
];

/** Settings of the scm fact source, read from `maturity.scm`. */
export interface ScmSettings {
  /** Paths read in every repository, relative to the source location (`/` for the repository root). */
  files: string[];
  /** Entity kinds that get facts. */
  kinds: string[];
  /** Collection schedule; the source's default when undefined. */
  schedule?: SchedulerServiceTaskScheduleDefinition;
  /** Requests in flight per host. */
  concurrency: number;
  /** Timeout of one request. */
  requestTimeoutMs: number;
  /** The longest a collection waits for a host's rate limit to reset. */
  maxRateLimitWaitMs: number;
  /** Files larger than this are reported as an error instead of parsed. */
  maxFileBytes: number;
  /** Host of `github.com/project-slug` repositories. */
  projectSlugHost: string;
  /** The organisation's header-propagation libraries per ecosystem. */
  headerLibraries: HeaderLibraries;
  /** GitHub-only facts. */
  github: {
    /** Pull requests open longer than this many days count as stale. */
    stalePullRequestDays: number;
    /** Read Dependabot alerts (needs the "Dependabot alerts: read" permission). */
    dependabotAlerts: boolean;
    /** Read open pull requests. */
    pullRequests: boolean;
    /** Read the repository's main language. */
    language: boolean;
  };
}

function duration(config: Config | undefined, key: string, fallbackMs: number) {
  return config?.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallbackMs;
}

function positive(
  config: Config | undefined,
  key: string,
  fallback: number,
  prefix = 'maturity.scm',
) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `${prefix}.${key} must be a whole number of at least 1, got ${value}`,
    );
  }
  return value;
}

/** Reads `maturity.scm`; throws with the config path on a bad value. */
export function readScmSettings(root: Config): ScmSettings {
  const config = root.getOptionalConfig('maturity.scm');
  const files = config?.getOptionalStringArray('files') ?? DEFAULT_FILES;
  files.forEach((path, index) => {
    const segments = path.replace(/^\//, '').split('/');
    if (
      !path.trim() ||
      path.endsWith('/') ||
      segments.some(s => s === '..' || s === '.' || !s)
    ) {
      throw new Error(
        `maturity.scm.files[${index}]: "${path}" must be a file path inside the repository`,
      );
    }
    if (files.indexOf(path) !== index) {
      throw new Error(
        `maturity.scm.files[${index}]: "${path}" is listed twice`,
      );
    }
  });
  const libraries = config?.getOptionalConfig('headerPropagation.libraries');
  const headerLibraries: HeaderLibraries = {};
  for (const ecosystem of ['python', 'javascript', 'go'] as Ecosystem[]) {
    const list = libraries?.getOptionalStringArray(ecosystem);
    if (list?.length) headerLibraries[ecosystem] = list;
  }
  const github = config?.getOptionalConfig('github');
  return {
    files,
    kinds: config?.getOptionalStringArray('kinds') ?? ['Component', 'API'],
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : undefined,
    concurrency: positive(config, 'concurrency', 10),
    requestTimeoutMs: duration(config, 'requestTimeout', 30_000),
    maxRateLimitWaitMs: duration(config, 'maxRateLimitWait', 60_000),
    maxFileBytes: positive(config, 'maxFileBytes', 5 * 1024 * 1024),
    projectSlugHost:
      config?.getOptionalString('projectSlugHost') ?? 'github.com',
    headerLibraries,
    github: {
      stalePullRequestDays: positive(
        github,
        'stalePullRequestDays',
        14,
        'maturity.scm.github',
      ),
      dependabotAlerts: github?.getOptionalBoolean('dependabotAlerts') ?? true,
      pullRequests: github?.getOptionalBoolean('pullRequests') ?? true,
      language: github?.getOptionalBoolean('language') ?? true,
    },
  };
}
