/*
 * The load generator of `yarn bench:api`: autocannon in a child process, so that it does not share the
 * backend's event loop. The child is bench/api.ts itself started with `--client <spec file>`.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { quantile } from '../lib/stats';

/**
 * The script the child runs: the entry point, not this module, because `--client` is part of api.ts's
 * command line and only the entry point dispatches on it.
 */
const API_ENTRY = path.join(__dirname, '..', 'api.ts');

/** What one load-generator run does. */
export interface ClientSpec {
  baseUrl: string;
  token: string;
  paths: string[];
  connections: number;
  duration: number;
}

/** What one load-generator run measured. */
export interface ClientReport {
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
export async function runClient(spec: ClientSpec): Promise<ClientReport> {
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

/** The `--client` mode of api.ts: reads the spec file, runs, prints the report as one JSON line. */
export function clientMain(specFile: string): void {
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as ClientSpec;
  runClient(spec)
    .then(report => process.stdout.write(`${JSON.stringify(report)}\n`))
    .catch(error => {
      console.error(error);
      process.exitCode = 1;
    });
}

/** Runs the load generator in a child process and returns its report. */
export function runClientProcess(spec: ClientSpec): Promise<ClientReport> {
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
        API_ENTRY,
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
