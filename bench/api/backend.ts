/*
 * The backend `yarn bench:api` measures: the real Backstage backend (createBackend, real HTTP server, real
 * auth with a static external-access token, real scheduler and database service) with the maturity plugin
 * over a better-sqlite3 file preloaded with facts, results and levels, and an indexed in-memory catalog.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { Session } from 'node:inspector/promises';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import knexFactory from 'knex';
import { applyDatabaseMigrations } from '../../plugins/maturity-backend/src/database/migrations';
import { DatabaseFactStore } from '../../plugins/maturity-backend/src/facts/DatabaseFactStore';
import { DatabaseResultStore } from '../../plugins/maturity-backend/src/evaluation/results/DatabaseResultStore';
import { DefinitionHashStore } from '../../plugins/maturity-backend/src/evaluation/definitions/CatalogDefinitionProvider';
import { EvaluationService } from '../../plugins/maturity-backend/src/evaluation/EvaluationService';
import { generateEntities, GeneratedEntity } from '../lib/generate';
import { benchLogger } from '../lib/logger';
import { factWritesBySource } from '../lib/mutate';
import { benchDefinitions, benchScorecard } from '../lib/scorecard';

/** A started backend and how to call it. */
export interface BenchBackend {
  baseUrl: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts profiling this process (the backend); `stop` writes the profile and says where. */
export async function startProfile(): Promise<{
  stop(id: string): Promise<string>;
}> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(id) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      // bench/.profiles/, beside the other benchmarks' profiles, not under bench/api/.
      const directory = path.join(__dirname, '..', '.profiles');
      fs.mkdirSync(directory, { recursive: true });
      const file = path.join(directory, `api-${id}-${Date.now()}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      return `${id}: CPU profile of the backend under load in ${file}`;
    },
  };
}

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * catalogServiceMock's in-memory catalog with lookups by ref from an index: the mock rebuilds a map of
 * every entity on each getEntityByRef/getEntitiesByRefs, which at 10,000 entities would be the bottleneck
 * of the benchmark instead of the plugin.
 */
class IndexedCatalog extends InMemoryCatalogClient {
  readonly #byRef: Map<string, Entity>;

  constructor(entities: Entity[]) {
    super({ entities });
    this.#byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  }

  override async getEntityByRef(
    entityRef: string | { kind: string; namespace: string; name: string },
  ) {
    return this.#byRef.get(
      stringifyEntityRef(
        typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef,
      ),
    );
  }

  override async getEntitiesByRefs(request: {
    entityRefs: string[];
    fields?: string[];
  }) {
    const items = request.entityRefs.map(ref => this.#byRef.get(ref));
    if (!request.fields) return { items };
    return {
      items: items.map(e =>
        e ? pickFields(e, request.fields ?? []) : undefined,
      ),
    };
  }
}

/** The fields of an entity a request asked for (dot paths), as the catalog returns them. */
function pickFields(entity: Entity, fields: string[]): Entity {
  const out: JsonObject = {};
  for (const field of fields) {
    const parts = field.split('.');
    let source: unknown = entity;
    for (const part of parts)
      source =
        source && typeof source === 'object'
          ? (source as JsonObject)[part]
          : undefined;
    if (source === undefined) continue;
    let target = out;
    for (const part of parts.slice(0, -1)) {
      const child = target[part];
      target = (
        child && typeof child === 'object' && !Array.isArray(child)
          ? child
          : (target[part] = {})
      ) as JsonObject;
    }
    target[parts[parts.length - 1]] = source as JsonObject;
  }
  return out as unknown as Entity;
}

/** Writes facts, results and levels of the catalog into the plugin's SQLite file, as the plugin would. */
export async function preload(directory: string, entityCount: number) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(directory, 'maturity.sqlite') },
    useNullAsDefault: true,
  });
  try {
    await applyDatabaseMigrations(knex);
    const generated = generateEntities(entityCount);
    const facts = DatabaseFactStore.fromKnex(knex);
    for (const batch of factWritesBySource(generated).values())
      await facts.writeFacts(batch);
    const definitions = benchDefinitions();
    const evaluation = EvaluationService.create({
      facts,
      results: DatabaseResultStore.fromKnex(knex),
      definitions: { getDefinitions: async () => definitions },
      logger: benchLogger(true),
    });
    const summary = await evaluation.sweep();
    // The plugin's definitions task then finds the scorecard already evaluated and stays idle.
    await new DefinitionHashStore(knex).markEvaluated(
      definitions,
      definitions.map(d => d.ref),
    );
    return { generated, evaluations: summary.evaluations };
  } finally {
    await knex.destroy();
  }
}

/** Starts the backend with the maturity plugin over the preloaded database in `directory`. */
export async function startBackend(
  directory: string,
  generated: GeneratedEntity[],
  extraEntities: Entity[] = [],
): Promise<BenchBackend> {
  const port = await freePort();
  const token = randomBytes(24).toString('base64url');
  const baseUrl = `http://127.0.0.1:${port}`;
  // Every scheduled task waits an hour: the benchmark measures requests, not a sweep running beside them.
  const later = {
    frequency: { hours: 24 },
    timeout: { hours: 1 },
    initialDelay: { hours: 1 },
  };
  const config = new ConfigReader({
    backend: {
      baseUrl,
      listen: { port, host: '127.0.0.1' },
      database: { client: 'better-sqlite3', connection: { directory } },
      auth: {
        externalAccess: [
          { type: 'static', options: { token, subject: 'bench' } },
        ],
      },
    },
    maturity: {
      schedules: {
        sweep: later,
        sweepSteps: later,
        definitions: later,
        catalogFacts: later,
        // Its first poll finds no stored etags and re-evaluates the whole estate: in the middle of the
        // first endpoint's measurement, which made "entity results" look three times slower.
        catalogChanges: later,
        campaigns: later,
      },
    },
  });
  const catalog = new IndexedCatalog([
    ...generated.map(g => g.entity),
    benchScorecard(),
    ...extraEntities,
  ]);

  process.env.LOG_LEVEL ??= 'warn';
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config,
    }),
  );
  backend.add(
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog,
    }),
  );
  backend.add(import('../../plugins/maturity-backend/src'));
  await backend.start();
  return { baseUrl, token, stop: () => backend.stop() };
}
