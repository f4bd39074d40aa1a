import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import { LoopbackGitHub } from '@ratchet/github-loopback';
import { readScmSettings } from '../config';
import { ScmFactSource } from '../ScmFactSource';

/** The fixed time of the tests. */
export const NOW = new Date('2026-11-20T12:00:00Z');
export const TOKEN = 'test-token';

/** A Component linked to a repository by its source location (or to nothing). */
export function component(
  name: string,
  sourceLocation?: string,
  owner = 'group:default/payments',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: sourceLocation
        ? { 'backstage.io/source-location': `url:${sourceLocation}` }
        : {},
    },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

/** Everything a test of the source needs: the loopback, the real UrlReader and the source. */
export interface Harness {
  source: ScmFactSource;
  logger: ReturnType<typeof mockServices.logger.mock>;
  waits: number[];
}

/**
 * The source over the REAL UrlReader of @backstage/backend-defaults and the real @backstage/integration,
 * configured with a GitHub Enterprise integration whose apiBaseUrl points at the loopback.
 */
export function createSource(
  github: LoopbackGitHub,
  entities: Entity[],
  scm: JsonObject = {},
  extraConfig: JsonObject = {},
): Harness {
  const config = new ConfigReader({
    integrations: { github: [github.integrationConfig(TOKEN)] },
    maturity: { scm: { requestTimeout: { milliseconds: 2000 }, ...scm } },
    ...extraConfig,
  });
  const logger = mockServices.logger.mock();
  const waits: number[] = [];
  const source = ScmFactSource.create({
    settings: readScmSettings(config),
    urlReader: UrlReaders.default({ config, logger }),
    integrations: ScmIntegrations.fromConfig(config),
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger,
    now: () => NOW,
    // Records the wait instead of sleeping; the loopback's fault is gone by the retry.
    sleep: async ms => {
      waits.push(ms);
    },
  });
  return { source, logger, waits };
}

/** The facts of one entity from a collection, by name. */
export function factsOf(
  collected: Array<{ entityRef: string; facts: JsonObject }>,
  name: string,
): JsonObject | undefined {
  return collected.find(c => c.entityRef === `component:default/${name}`)
    ?.facts;
}
