import type { JsonObject } from '@backstage/types';
import type { ScmSettings } from './config';

const count = (description: string): JsonObject => ({
  type: 'integer',
  minimum: 0,
  description,
});

/** The JSON Schema of one entity's `scm` facts for these settings (configured files are named). */
export function scmFactsSchema(settings: ScmSettings): JsonObject {
  const file: JsonObject = {
    type: 'object',
    properties: { exists: { type: 'boolean' } },
    required: ['exists'],
  };
  const stale = `openOlderThan${settings.github.stalePullRequestDays}d`;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      repository: {
        type: 'object',
        properties: {
          url: {
            type: 'string',
            description: 'The directory the files are read from',
          },
        },
      },
      files: {
        type: 'object',
        description: 'Configured paths: whether each exists',
        properties: Object.fromEntries(
          settings.files.map(path => [path, file]),
        ),
        additionalProperties: file,
      },
      packageManager: {
        type: 'string',
        description:
          'Main package manager: poetry, uv, pip, pnpm, yarn, npm, go',
      },
      packageManagers: {
        type: 'array',
        items: { type: 'string' },
        description: 'Every package manager in use, the main one first',
      },
      dependencies: {
        type: 'object',
        description:
          'Declared dependencies by name: the locked version, else the pinned or lowest declared one, else the spec as written',
        properties: {
          vulnerable: {
            type: 'object',
            description: 'GitHub only: open Dependabot alerts by severity',
            properties: {
              critical: count('Open critical alerts'),
              high: count('Open high alerts'),
              medium: count('Open medium alerts'),
              low: count('Open low alerts'),
            },
          },
        },
        additionalProperties: { type: 'string' },
      },
      docker: {
        type: 'object',
        properties: {
          baseImage: {
            type: 'string',
            description: 'Base image of the final stage',
          },
          pinned: {
            type: 'boolean',
            description: 'A digest or a version tag other than latest',
          },
        },
      },
      codeowners: {
        type: 'object',
        properties: {
          owners: { type: 'array', items: { type: 'string' } },
          matchesOwner: {
            type: 'boolean',
            description: 'The catalog owner is one of the CODEOWNERS owners',
          },
        },
      },
      httpHeaderPropagation: {
        type: 'boolean',
        description:
          "The organisation's header-propagation library is a dependency",
      },
      language: {
        type: 'string',
        description: 'GitHub only: main language, lowercased',
      },
      pullRequests: {
        type: 'object',
        description: 'GitHub only',
        properties: {
          open: count('Open pull requests, drafts included'),
          [stale]: count(
            `Open pull requests created more than ${settings.github.stalePullRequestDays} days ago`,
          ),
        },
      },
      errors: {
        type: 'object',
        description: 'Why a file could not be read, by path',
        additionalProperties: { type: 'string' },
      },
    },
  };
}
