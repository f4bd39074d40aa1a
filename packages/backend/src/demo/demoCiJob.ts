/*
 * Demo only: plays Ratchet Demo Co's CI pipelines and observability jobs. When the backend starts, and then
 * every few minutes, it pushes `pushed` facts (ci.testCoverage, ci.lastDeployAt, observability.errorRate5xx,
 * observability.traceContextRatio, ci.sbom; ci.apiLint.errors for APIs) for the sample estate through the
 * REAL POST /api/maturity/facts route with the demo CI token, exactly as a pipeline would, with some drift.
 * The figures are in examples/repositories/pipelines.yaml, read again on every run. Never part of a plugin.
 */
import { readFileSync } from 'node:fs';
import {
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { parse } from 'yaml';
import {
  DemoPipelines,
  DemoCiState,
  pushItems,
  readPipelines,
} from './demoCiFacts';

/** The static external-access token of the demo CI (app-config.yaml, subject `ratchet-demo-ci`). */
export function demoCiToken(config: Config): string | undefined {
  for (const entry of config.getOptionalConfigArray(
    'backend.auth.externalAccess',
  ) ?? []) {
    if (entry.getString('type') !== 'static') continue;
    if (entry.getOptionalString('options.subject') === 'ratchet-demo-ci') {
      return entry.getString('options.token');
    }
  }
  return undefined;
}

async function catalogRefs(
  catalogUrl: string,
  token: string,
): Promise<Set<string>> {
  const refs = new Set<string>();
  let cursor: string | undefined;
  do {
    const query = cursor
      ? `cursor=${encodeURIComponent(cursor)}`
      : 'filter=kind=component&filter=kind=api&fields=kind,metadata.name,metadata.namespace&limit=500';
    const res = await fetch(`${catalogUrl}/entities/by-query?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`catalog answered ${res.status}`);
    const body = (await res.json()) as {
      items: Array<{
        kind: string;
        metadata: { name: string; namespace?: string };
      }>;
      pageInfo?: { nextCursor?: string };
    };
    for (const e of body.items) {
      refs.add(
        `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${
          e.metadata.name
        }`,
      );
    }
    cursor = body.pageInfo?.nextCursor;
  } while (cursor);
  return refs;
}

/** One run: push what CI knows about every sample entity the catalog already has. */
export async function runDemoCi(options: {
  pipelines: DemoPipelines;
  state: DemoCiState;
  catalogUrl: string;
  maturityUrl: string;
  token: string;
  now: Date;
  random: () => number;
}): Promise<{ pushed: number; waitingFor: number }> {
  const present = await catalogRefs(options.catalogUrl, options.token);
  const items = pushItems(
    options.pipelines,
    options.state,
    present,
    options.now,
    options.random,
  );
  if (items.length > 0) {
    const res = await fetch(`${options.maturityUrl}/facts`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ items }),
    });
    if (!res.ok) {
      throw new Error(
        `POST /api/maturity/facts answered ${res.status}: ${await res.text()}`,
      );
    }
    for (const item of items) options.state.pushed.add(item.entityRef);
  }
  const expected =
    Object.keys(options.pipelines.components).length +
    Object.keys(options.pipelines.apis).length;
  return {
    pushed: items.length,
    waitingFor: expected - options.state.pushed.size,
  };
}

/** Schedules the demo CI: on start, then every 3 minutes (global scope: one instance pushes). */
export const maturityModuleDemoCi = createBackendModule({
  pluginId: 'maturity',
  moduleId: 'demo-ci',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
      },
      async init({ config, logger, scheduler, discovery }) {
        const token = demoCiToken(config);
        if (!token) {
          logger.warn(
            'Demo CI is off: no static external-access token with subject ratchet-demo-ci',
          );
          return;
        }
        const file = resolvePackagePath(
          'backend',
          '../../examples/repositories/pipelines.yaml',
        );
        // Read on every run, so that an edit of the file (a team adding the SBOM step) reaches the next push.
        const pipelines = () =>
          readPipelines(parse(readFileSync(file, 'utf8')), file);
        pipelines(); // a broken file stops the backend at start, naming the field
        const state: DemoCiState = {
          startedAt: new Date(),
          pushed: new Set(),
          deploys: new Map(),
        };
        await scheduler.scheduleTask({
          id: 'ratchet-demo-ci',
          scope: 'global',
          frequency: { minutes: 3 },
          timeout: { minutes: 2 },
          // The catalog ingests the sample estate in its first ~30 s; pushes name only entities it has.
          initialDelay: { seconds: 15 },
          fn: async () => {
            const run = async () =>
              runDemoCi({
                pipelines: pipelines(),
                state,
                catalogUrl: await discovery.getBaseUrl('catalog'),
                maturityUrl: await discovery.getBaseUrl('maturity'),
                token,
                now: new Date(),
                random: Math.random,
              });
            let result = await run();
            // On start the catalog may still be ingesting: retry briefly rather than wait 3 minutes.
            for (let i = 0; i < 8 && result.waitingFor > 0; i++) {
              await new Promise(resolve => setTimeout(resolve, 10_000));
              result = await run();
            }
            logger.info(
              `Demo CI pushed facts for ${result.pushed} entities${
                result.waitingFor > 0
                  ? ` (${result.waitingFor} not in the catalog yet)`
                  : ''
              }`,
            );
          },
        });
      },
    });
  },
});

export default maturityModuleDemoCi;
