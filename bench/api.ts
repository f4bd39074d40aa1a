/*
 * The maturity REST API under load: the real Backstage backend (createBackend from backend-defaults, real
 * HTTP server, real auth with a static external-access token, real scheduler and database service) with the
 * maturity plugin over a better-sqlite3 file holding 10,000 entities' facts, results and levels; autocannon,
 * in a child process so it does not share the backend's event loop, with 50 connections per endpoint.
 *
 *   yarn bench:api [--entities 10000] [--duration 10] [--connections 50] [--only rollup,rollup-owner]
 *
 * `--only` takes endpoint ids of the table below (comma-separated) and measures just those. `--cpu-prof`
 * writes a V8 CPU profile of the backend during each 50-connection run to bench/.profiles/ (open it in
 * Chrome DevTools).
 *
 * The catalog service is an in-memory catalog (catalogServiceMock's InMemoryCatalogClient with an index for
 * lookups by ref): the real catalog would first have to ingest 10,000 entities. So the figures are the
 * maturity plugin's own cost; a real catalog adds its lookup (one HTTP call to the catalog per request).
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
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { applyDatabaseMigrations } from '../plugins/maturity-backend/src/database/migrations';
import { DatabaseFactStore } from '../plugins/maturity-backend/src/facts/DatabaseFactStore';
import { DatabaseResultStore } from '../plugins/maturity-backend/src/results/DatabaseResultStore';
import { DefinitionHashStore } from '../plugins/maturity-backend/src/scorecards/CatalogDefinitionProvider';
import { EvaluationService } from '../plugins/maturity-backend/src/scorecards/EvaluationService';
import { generateEntities } from './lib/generate';
import { benchLogger } from './lib/logger';
import { factWritesBySource } from './lib/mutate';
import { benchDefinitions, benchScorecard } from './lib/scorecard';
import {
  machineLoad,
  median,
  printTable,
  quantile,
  RssSampler,
} from './lib/stats';

/** The team whose checks are measured (URL-encoded: the validator refuses reserved characters). */
const TEAM = encodeURIComponent('group:default/payments');

/** What is measured: the final API route and, until it is served, the placeholder route it replaces. */
const ENDPOINTS: ReadonlyArray<{
  id: string;
  title: string;
  /** p95 target in milliseconds. */
  p95Target: number;
  /** Whether each request asks for another entity (paths rotate over a sample of entities). */
  perEntity: boolean;
  url: (entityRef: string) => string;
  placeholder: (entityRef: string) => string;
}> = [
  {
    id: 'entity',
    title: 'entity results',
    p95Target: 30,
    perEntity: true,
    url: ref => `/api/maturity/entities/${refPath(ref)}`,
    placeholder: ref => `/api/maturity/entities/${refPath(ref)}/results`,
  },
  {
    id: 'rollup',
    title: 'org roll-up',
    p95Target: 300,
    perEntity: false,
    url: () =>
      '/api/maturity/scorecards/default/bench-maturity/rollup?groupBy=org',
    placeholder: () => '/api/maturity/scorecards',
  },
  {
    id: 'rollup-owner',
    title: 'roll-up by owner',
    p95Target: 300,
    perEntity: false,
    url: () =>
      '/api/maturity/scorecards/default/bench-maturity/rollup?groupBy=owner',
    placeholder: () => '/api/maturity/scorecards',
  },
  {
    id: 'rollup-team',
    title: "a team's roll-up",
    p95Target: 300,
    perEntity: false,
    url: () =>
      `/api/maturity/scorecards/default/bench-maturity/rollup?groupBy=org&owner=${TEAM}`,
    // Before the team view filtered roll-ups it took its group from the roll-up by owner.
    placeholder: () =>
      '/api/maturity/scorecards/default/bench-maturity/rollup?groupBy=owner',
  },
  {
    id: 'team-checks',
    title: "a team's checks",
    p95Target: 300,
    perEntity: false,
    url: () =>
      `/api/maturity/scorecards/default/bench-maturity/checks?owner=${TEAM}&order=failing&limit=10`,
    // Before the route existed the team view asked each check's detail; this is one of those requests.
    placeholder: () =>
      `/api/maturity/scorecards/default/bench-maturity/checks/has-owner?owner=${TEAM}&status=fail&limit=1`,
  },
];

function refPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [kind, namespace, name].map(encodeURIComponent).join('/');
}

interface ClientSpec {
  baseUrl: string;
  token: string;
  paths: string[];
  connections: number;
  duration: number;
}

interface ClientReport {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
}

/** The load generator (child process): autocannon over rotating paths, latencies of every response. */
async function runClient(spec: ClientSpec): Promise<ClientReport> {
  let next = 0;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.baseUrl,
        connections: spec.connections,
        duration: spec.duration,
        headers: { authorization: `Bearer ${spec.token}` },
        requests: [
          {
            method: 'GET',
            setupRequest: request => ({
              ...request,
              path: spec.paths[next++ % spec.paths.length],
            }),
          },
        ],
      },
      (error: Error | null, value: autocannon.Result) =>
        error ? reject(error) : resolve(value),
    );
    instance.on(
      'response',
      (
        _client: unknown,
        statusCode: number,
        _bytes: number,
        responseTime: number,
      ) => {
        latencies.push(responseTime);
        statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      },
    );
  });
  return {
    requests: latencies.length,
    perSecond: latencies.length / result.duration,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    max: Math.max(...latencies),
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
  };
}

function runClientProcess(spec: ClientSpec): Promise<ClientReport> {
  const specFile = path.join(
    os.tmpdir(),
    `ratchet-bench-api-${randomBytes(4).toString('hex')}.json`,
  );
  fs.writeFileSync(specFile, JSON.stringify(spec));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        '@backstage/cli/config/nodeTransform.cjs',
        __filename,
        '--client',
        specFile,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.on('error', reject);
    child.on('close', code => {
      fs.rmSync(specFile, { force: true });
      const line = output.trim().split('\n').pop() ?? '';
      if (code !== 0)
        reject(new Error(`load generator exited with ${code}: ${output}`));
      else resolve(JSON.parse(line) as ClientReport);
    });
  });
}

/** Starts profiling this process (the backend); `stop` writes the profile and says where. */
async function startProfile(): Promise<{ stop(id: string): Promise<string> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(id) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const directory = path.join(__dirname, '.profiles');
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
async function preload(directory: string, entityCount: number) {
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

async function main(argv: string[]) {
  const arg = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const entityCount = arg('--entities', 10_000);
  const duration = arg('--duration', 10);
  const connections = arg('--connections', 50);
  const onlyIndex = argv.indexOf('--only');
  const only =
    onlyIndex >= 0 ? new Set(argv[onlyIndex + 1]?.split(',') ?? []) : null;
  const endpoints = ENDPOINTS.filter(e => !only || only.has(e.id));
  const cpuProf = argv.includes('--cpu-prof');
  if (endpoints.length === 0) {
    throw new Error(
      `--only matches no endpoint; ids: ${ENDPOINTS.map(e => e.id).join(', ')}`,
    );
  }
  console.log(`node ${process.version}; ${machineLoad()}`);

  const directory = fs.mkdtempSync(
    path.join(os.tmpdir(), 'ratchet-bench-api-'),
  );
  const started = Date.now();
  const { generated, evaluations } = await preload(directory, entityCount);
  console.log(
    `preloaded ${generated.length} entities, ${evaluations} results in ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s (${directory})`,
  );

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
      schedules: { sweep: later, definitions: later, catalogFacts: later },
    },
  });
  const catalog = new IndexedCatalog([
    ...generated.map(g => g.entity),
    benchScorecard(),
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
  backend.add(import('../plugins/maturity-backend/src'));
  await backend.start();

  try {
    const headers = { authorization: `Bearer ${token}` };
    const sample = generated.filter(
      (_, i) => i % Math.max(1, Math.floor(generated.length / 2000)) === 0,
    );
    const rows: string[][] = [];
    const notes: string[] = [];
    for (const endpoint of endpoints) {
      // The final route when the API serves it, else the placeholder: the table above says which is which.
      const probe = await fetch(
        `${baseUrl}${endpoint.url(sample[0].entityRef)}`,
        { headers },
      );
      const final = probe.status === 200;
      const toPath = final ? endpoint.url : endpoint.placeholder;
      if (!final) {
        const fallback = await fetch(
          `${baseUrl}${endpoint.placeholder(sample[0].entityRef)}`,
          { headers },
        );
        if (fallback.status !== 200) {
          throw new Error(
            `${endpoint.title}: neither ${endpoint.url(sample[0].entityRef)} (${
              probe.status
            }) nor the placeholder (${
              fallback.status
            }: ${await fallback.text()}) answers 200`,
          );
        }
        notes.push(
          `${endpoint.title}: ${endpoint.url(sample[0].entityRef)} answered ${
            probe.status
          }; measured the placeholder ${endpoint.placeholder(
            sample[0].entityRef,
          )}`,
        );
      }
      const paths = endpoint.perEntity
        ? sample.map(g => toPath(g.entityRef))
        : [toPath('')];
      const label = `${endpoint.title}${final ? '' : ' (placeholder)'}`;
      const shownPath = paths[0].replace(
        /entities\/.*?(\/results)?$/,
        `entities/:kind/:ns/:name$1`,
      );
      const spec = { baseUrl, token, paths, connections, duration };
      await runClientProcess({ ...spec, duration: 2 }); // warm-up: JIT, caches, connection pools
      // One connection: the service time of a request, without queueing behind 49 others.
      const single = await runClientProcess({
        ...spec,
        connections: 1,
        duration: Math.min(5, duration),
      });
      const profiler = cpuProf ? await startProfile() : undefined;
      const sampler = new RssSampler(50);
      const report = await runClientProcess(spec);
      const rss = sampler.stop();
      if (profiler) notes.push(await profiler.stop(endpoint.id));
      const ok =
        report.p95 < endpoint.p95Target &&
        report.non2xx === 0 &&
        report.errors === 0;
      // Uncached: each request after the roll-up cache (5 s per caller) and the catalog-visibility cache
      // have expired, so the whole computation runs; the median of three.
      const uncached: number[] = [];
      for (let i = 0; i < 3; i++) {
        await new Promise(resolve => setTimeout(resolve, 6_000));
        const start = process.hrtime.bigint();
        const response = await fetch(`${baseUrl}${paths[i % paths.length]}`, {
          headers,
        });
        await response.arrayBuffer();
        uncached.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (response.status !== 200)
          notes.push(
            `${endpoint.title}: uncached request answered ${response.status}`,
          );
      }
      const latency = (r: ClientReport) =>
        `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} / ${r.p99.toFixed(1)} ms`;
      rows.push([
        label,
        shownPath,
        '1 request, caches expired',
        '-',
        `median ${median(uncached).toFixed(1)} ms of 3`,
        '',
        '',
        '',
      ]);
      rows.push([
        label,
        '',
        '1 connection',
        single.perSecond.toFixed(0),
        latency(single),
        `${single.non2xx}/${single.errors}`,
        '',
        '',
      ]);
      rows.push([
        label,
        '',
        `${connections} connections`,
        report.perSecond.toFixed(0),
        latency(report),
        `${report.non2xx}/${report.errors}`,
        `${(rss / 2 ** 20).toFixed(0)} MB`,
        `p95 < ${endpoint.p95Target} ms: ${ok ? 'met' : 'MISSED'}`,
      ]);
      if (report.non2xx)
        notes.push(
          `${endpoint.title}: status codes ${JSON.stringify(
            report.statusCodes,
          )}`,
        );
    }
    console.log(
      `\nREST API — ${connections} connections × ${duration} s per endpoint, ${
        generated.length
      } entities, better-sqlite3; ${machineLoad()}`,
    );
    printTable(
      [
        'endpoint',
        'path',
        'load',
        'req/s',
        'p50 / p95 / p99',
        'non2xx/err',
        'backend RSS',
        'target',
      ],
      rows,
    );
    for (const note of notes) console.log(`note: ${note}`);
  } finally {
    await backend.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--client') {
  const spec = JSON.parse(
    fs.readFileSync(process.argv[3], 'utf8'),
  ) as ClientSpec;
  runClient(spec)
    .then(report => process.stdout.write(`${JSON.stringify(report)}\n`))
    .catch(error => {
      console.error(error);
      process.exitCode = 1;
    });
} else {
  main(process.argv.slice(2))
    .catch(error => {
      console.error(error);
      process.exitCode = 1;
    })
    // A stopped backend can leave timers and sockets behind (the scheduler, keep-alive agents); the
    // benchmark is over, so it must not wait for them.
    .finally(() => process.exit());
}
