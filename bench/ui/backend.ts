/*
 * The real demo backend (packages/backend/src/index.ts: catalog, auth with guest sign-in, permissions,
 * maturity, the app backend serving the built app) on free ports with the generated catalog.
 *
 * It runs as `node --require nodeTransform src/index.ts`, as `backstage-cli package start` runs it but
 * without its file watcher: other people's edits elsewhere in the checkout must not restart the backend
 * in the middle of a measurement.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BenchCatalog } from './catalog';
import { freePort, poll, start, Started } from './processes';

/** The demo's static external-access token (app-config.yaml, backend.auth.externalAccess). */
export const CI_TOKEN = 'ratchet-demo-ci-token';

/** The demo's two loopback clusters (app-config.yaml), which the overlay moves to free ports. */
const DEMO_CLUSTERS = ['eu-west', 'us-east'];

export interface Backend {
  baseUrl: string;
  /** Undefined for a backend somebody else started (`--backend`). */
  process?: Started;
  get<T>(urlPath: string): Promise<T>;
}

/** GET with the demo's static token: the catalog and maturity APIs accept it (app-config.yaml). */
function getter(baseUrl: string) {
  return async <T>(urlPath: string): Promise<T> => {
    const response = await fetch(`${baseUrl}${urlPath}`, {
      headers: { authorization: `Bearer ${CI_TOKEN}` },
    });
    if (!response.ok) throw new Error(`GET ${urlPath}: ${response.status}`);
    return (await response.json()) as T;
  };
}

/** A backend that is already running, e.g. to measure again without waiting for the ingestion. */
export function attachBackend(baseUrl: string): Backend {
  const base = baseUrl.replace(/\/$/, '');
  return { baseUrl: base, get: getter(base) };
}

/** The run-time overlay: ports, URLs and the generated catalog. JSON is valid YAML for the loader. */
async function writeRuntimeConfig(
  file: string,
  port: number,
  catalog: BenchCatalog,
) {
  const baseUrl = `http://localhost:${port}`;
  const clusters = [];
  for (const name of DEMO_CLUSTERS) {
    clusters.push({
      name,
      url: `http://127.0.0.1:${await freePort()}`,
      authProvider: 'serviceAccount',
      serviceAccountToken: `demo-${name}-token`,
      skipTLSVerify: true,
      skipMetricsLookup: true,
    });
  }
  const config = {
    // The app backend serves the production build on the backend's own origin.
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port, host: '127.0.0.1' },
      cors: { origin: baseUrl },
    },
    catalog: {
      locations: catalog.files.map(target => ({ type: 'file', target })),
    },
    kubernetes: {
      clusterLocatorMethods: [{ type: 'config', clusters }],
    },
  };
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
}

/** Starts the backend and resolves once it answers its readiness probe. */
export async function startBackend(options: {
  root: string;
  directory: string;
  port: number;
  catalog: BenchCatalog;
  /** Called as soon as the process exists, so that a failed start can still be stopped. */
  onSpawned?: (backend: Backend) => void;
}): Promise<Backend> {
  const runtimeConfig = path.join(options.directory, 'app-config.runtime.yaml');
  await writeRuntimeConfig(runtimeConfig, options.port, options.catalog);
  const backendDir = path.join(options.root, 'packages', 'backend');
  const logFile = path.join(options.directory, 'backend.log');
  const proc = start({
    command: process.execPath,
    args: [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      path.join(options.root, 'app-config.yaml'),
      '--config',
      path.join(options.root, 'bench', 'ui', 'app-config.bench.yaml'),
      '--config',
      runtimeConfig,
    ],
    cwd: backendDir,
    env: {
      ...process.env,
      // The guest provider signs in outside production only; this is the demo's own mode.
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    logFile,
  });
  const baseUrl = `http://localhost:${options.port}`;
  const alive = () => {
    if (proc.child.exitCode !== null)
      throw new Error(
        `the backend exited with ${proc.child.exitCode}; see ${logFile}`,
      );
  };
  const backend: Backend = { baseUrl, process: proc, get: getter(baseUrl) };
  options.onSpawned?.(backend);
  await poll(
    'the backend to be ready',
    async () => {
      const response = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      return response.ok ? true : undefined;
    },
    { timeoutMs: 300_000, alive },
  );
  return backend;
}

interface ScorecardSummary {
  ref: string;
  name: string;
  title: string;
  entityCount: number;
}

/** Progress of the catalog's ingestion and the maturity plugin's evaluation, for the wait below. */
export interface Readiness {
  components: number;
  rated: number;
  scorecards: ScorecardSummary[];
}

export async function readiness(backend: Backend): Promise<Readiness> {
  const catalog = await backend.get<{ totalItems: number }>(
    '/api/catalog/entities/by-query?filter=kind=component&limit=1&fields=metadata.name',
  );
  const { items: scorecards } = await backend.get<{
    items: ScorecardSummary[];
  }>('/api/maturity/scorecards');
  const service = scorecards.find(s => s.name === 'service-maturity');
  return {
    components: catalog.totalItems,
    rated: service?.entityCount ?? 0,
    scorecards,
  };
}

/**
 * Waits until the catalog holds every generated Component and Service Maturity rates every service and
 * website among them (which takes a catalog fact collection after the ingestion); prints progress.
 */
export async function waitUntilEvaluated(
  backend: Backend,
  catalog: BenchCatalog,
  timeoutMs: number,
): Promise<Readiness> {
  const started = Date.now();
  let last = '';
  return poll(
    'the catalog and the maturity evaluation',
    async () => {
      const state = await readiness(backend);
      const line = `  ${((Date.now() - started) / 1000).toFixed(0)} s: ${
        state.components
      } / ${catalog.components} Components in the catalog, ${state.rated} / ${
        catalog.rated
      } rated by Service Maturity`;
      if (line.replace(/^ +\d+ s/, '') !== last) {
        console.log(line);
        last = line.replace(/^ +\d+ s/, '');
      }
      return state.components >= catalog.components &&
        state.rated >= catalog.rated
        ? state
        : undefined;
    },
    {
      timeoutMs,
      intervalMs: 5_000,
      alive: () => {
        const proc = backend.process;
        if (proc && proc.child.exitCode !== null)
          throw new Error(`the backend exited; see ${proc.logFile}`);
      },
    },
  );
}
