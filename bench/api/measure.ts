/*
 * One endpoint of `yarn bench:api` under load, as table rows: caches expired, one connection, then the
 * configured connections; and the table itself.
 */
import type { GeneratedEntity } from '../lib/generate';
import { machineLoad, median, printTable, RssSampler } from '../lib/stats';
import type { BenchBackend } from './backend';
import { startProfile } from './backend';
import type { ApiEndpoint } from './endpoints';
import type { ClientReport } from './loadClient';
import { runClientProcess } from './loadClient';

/** What every endpoint's measurement shares. */
export interface MeasureContext {
  backend: Pick<BenchBackend, 'baseUrl' | 'token'>;
  /** Entities whose refs per-entity paths rotate over. */
  sample: GeneratedEntity[];
  connections: number;
  duration: number;
  cpuProf: boolean;
}

/** Measures one endpoint; appends its three table rows to `rows` and anything worth saying to `notes`. */
export async function measureEndpoint(
  endpoint: ApiEndpoint,
  context: MeasureContext,
  rows: string[][],
  notes: string[],
): Promise<void> {
  const { baseUrl, token } = context.backend;
  const { sample, connections, duration, cpuProf } = context;
  const headers = { authorization: `Bearer ${token}` };
  // The final route when the API serves it, else the placeholder: the endpoint table says which is which.
  const probe = await fetch(`${baseUrl}${endpoint.url(sample[0].entityRef)}`, {
    headers,
  });
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
      }; measured the placeholder ${endpoint.placeholder(sample[0].entityRef)}`,
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
    report.requests > 0 &&
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
  // A run in which no response came back has no quantiles (they travel as null through JSON).
  const latency = (r: ClientReport) =>
    r.requests > 0
      ? `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} / ${r.p99.toFixed(1)} ms`
      : 'no response';
  for (const [load, r] of [
    ['1 connection', single],
    [`${connections} connections`, report],
  ] as const) {
    if (r.requests === 0)
      notes.push(
        `${endpoint.title}: no response at all with ${load} (${r.errors} errors, timeouts included)`,
      );
  }
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
      `${endpoint.title}: status codes ${JSON.stringify(report.statusCodes)}`,
    );
}

/** Prints the table of every measured endpoint, then the notes. */
export function printApiReport(
  rows: string[][],
  notes: string[],
  figures: { connections: number; duration: number; entities: number },
): void {
  console.log(
    `\nREST API — ${figures.connections} connections × ${
      figures.duration
    } s per endpoint, ${
      figures.entities
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
}
