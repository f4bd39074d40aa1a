/*
 * The maturity REST API under load: the real Backstage backend (createBackend from backend-defaults, real
 * HTTP server, real auth with a static external-access token, real scheduler and database service) with the
 * maturity plugin over a better-sqlite3 file holding 10,000 entities' facts, results and levels; autocannon,
 * in a child process so it does not share the backend's event loop, with 50 connections per endpoint.
 *
 *   yarn bench:api [--entities 10000] [--duration 10] [--connections 50] [--only rollup,rollup-owner]
 *
 * `--only` takes endpoint ids of the table in api/endpoints.ts (comma-separated) and measures just those.
 * `--cpu-prof` writes a V8 CPU profile of the backend during each 50-connection run to bench/.profiles/
 * (open it in Chrome DevTools).
 *
 * The catalog service is an in-memory catalog (catalogServiceMock's InMemoryCatalogClient with an index for
 * lookups by ref): the real catalog would first have to ingest 10,000 entities. So the figures are the
 * maturity plugin's own cost; a real catalog adds its lookup (one HTTP call to the catalog per request).
 *
 * Modules: api/endpoints.ts (what is measured), api/backend.ts (preloaded database, backend, profiler),
 * api/loadClient.ts (autocannon child process; it runs this file with `--client <spec file>`),
 * api/measure.ts (one endpoint's rows, the table).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machineLoad } from './lib/stats';
import { preload, startBackend } from './api/backend';
import { ENDPOINTS } from './api/endpoints';
import { clientMain } from './api/loadClient';
import { measureEndpoint, printApiReport } from './api/measure';

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

  const backend = await startBackend(directory, generated);
  try {
    const sample = generated.filter(
      (_, i) => i % Math.max(1, Math.floor(generated.length / 2000)) === 0,
    );
    const rows: string[][] = [];
    const notes: string[] = [];
    const context = { backend, sample, connections, duration, cpuProf };
    for (const endpoint of endpoints)
      await measureEndpoint(endpoint, context, rows, notes);
    printApiReport(rows, notes, {
      connections,
      duration,
      entities: generated.length,
    });
  } finally {
    await backend.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--client') {
  clientMain(process.argv[3]);
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
