/*
 * scm fact source benchmark: N services (default 1,000), each a repository of the loopback GitHub API with
 * 6 configured files, read through the REAL UrlReader (GithubUrlReader, GitHub Enterprise integration) and
 * the GitHub REST API (repository, pull requests, Dependabot alerts), 10 requests in flight per host.
 * Run from the repository root:
 *
 *   yarn bench:scm [services]
 *
 * The loopback runs in this process; the source runs in a child process, so its peak RSS
 * (process.resourceUsage().maxRSS) is the source's alone. Phases: cold with 50 ms added to every answer,
 * warm (every file answered 304 to its ETag), warm again with 50 ms. Targets at 1,000 services:
 * cold < 2 min, warm < 10 s, peak RSS < 400 MB.
 */
import { fork, ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import type {
  BackstageCredentials,
  BackstageServicePrincipal,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { LoopbackGitHub } from '@ratchet/github-loopback';
import {
  readScmSettings,
  ScmFactSource,
} from '../plugins/maturity-backend-module-scm/src';
import { benchLogger } from './lib/logger';
import { BENCH_FILES, benchRepositories } from './scm-estate';

const TOKEN = 'bench-token';
const LATENCY_MS = 50;

interface PhaseResult {
  label: string;
  ms: number;
  entities: number;
  rssMb: number;
}

type Message =
  | { type: 'setup'; url: string; host: string; count: number }
  | { type: 'collect'; label: string }
  | { type: 'done' };

async function worker() {
  let source: ScmFactSource | undefined;
  const reply = (m: object) => process.send!({ ...m, bench: true });
  process.on('message', async raw => {
    const m = raw as Message;
    try {
      if (m.type === 'setup') {
        const config = new ConfigReader({
          integrations: {
            github: [
              {
                host: m.host,
                apiBaseUrl: `${m.url}/api/v3`,
                rawBaseUrl: `${m.url}/raw`,
                token: TOKEN,
              },
            ],
          },
          maturity: {
            scm: {
              files: BENCH_FILES,
              concurrency: 10,
              headerPropagation: {
                libraries: { python: ['ratchet-py-commons'] },
              },
            },
          },
        });
        const entities: Entity[] = Array.from({ length: m.count }, (_, i) => {
          const name = `svc-${String(i).padStart(4, '0')}`;
          return {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name,
              namespace: 'default',
              annotations: {
                'backstage.io/source-location': `url:${m.url}/bench/${name}/tree/main/`,
              },
            },
            spec: {
              type: 'service',
              lifecycle: 'production',
              owner: `group:default/team-${i % 20}`,
            },
          };
        });
        const credentials: BackstageCredentials<BackstageServicePrincipal> = {
          $$type: '@backstage/BackstageCredentials',
          principal: { type: 'service', subject: 'plugin:maturity' },
        };
        const logger = benchLogger(process.env.VERBOSE === '1');
        source = ScmFactSource.create({
          settings: readScmSettings(config),
          urlReader: UrlReaders.default({ config, logger }),
          integrations: ScmIntegrations.fromConfig(config),
          // Only what the source calls; keeps backend-test-utils out of the measured process.
          catalog: {
            async *streamEntities() {
              yield entities;
            },
            getEntitiesByRefs: async () => ({ items: [] }),
          },
          auth: { getOwnServiceCredentials: async () => credentials },
          logger,
        });
        reply({ type: 'ready', rssMb: process.memoryUsage().rss / 2 ** 20 });
      } else if (m.type === 'collect') {
        const t0 = performance.now();
        const collected = await source!.collect();
        reply({
          type: 'phase',
          result: {
            label: m.label,
            ms: performance.now() - t0,
            entities: collected.filter(c => Object.keys(c.facts).length > 0)
              .length,
            rssMb: process.memoryUsage().rss / 2 ** 20,
          },
        });
      } else if (m.type === 'done') {
        reply({
          type: 'done',
          peakRssMb: process.resourceUsage().maxRSS / 1024,
        });
      }
    } catch (error) {
      reply({ type: 'error', error: String((error as Error)?.stack ?? error) });
    }
  });
}

function ask<T>(
  child: ChildProcess,
  message: Message,
  answer: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (raw: unknown) => {
      const m = raw as { bench?: boolean; type?: string; error?: string };
      if (!m.bench) return; // the TypeScript loader may use the IPC channel too
      child.off('message', onMessage);
      if (m.type === 'error') reject(new Error(m.error));
      else if (m.type === answer) resolve(m as T);
      else reject(new Error(`unexpected answer ${m.type}`));
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

async function main() {
  const count = Number(process.argv[2]) || 1_000;
  const github = await LoopbackGitHub.start({
    tokens: [TOKEN],
    repositories: benchRepositories(count),
    // GitHub does not count 304s against the quota, the loopback does: the limit is not measured here.
    rateLimit: 1_000_000_000,
  });
  const child = fork(__filename, ['--worker'], { execArgv: process.execArgv });
  const rows: Array<PhaseResult & { requests: number; notModified: number }> =
    [];
  try {
    const { rssMb: loadedRssMb } = await ask<{ rssMb: number }>(
      child,
      { type: 'setup', url: github.url, host: github.host, count },
      'ready',
    );
    const phase = async (label: string, latency: boolean) => {
      github.clearFaults();
      if (latency) github.fail({ type: 'delay', ms: LATENCY_MS });
      github.clearRequests();
      const before = github.requestCount;
      const { result } = await ask<{ result: PhaseResult }>(
        child,
        { type: 'collect', label },
        'phase',
      );
      const requests = github.requestCount - before;
      const notModified = github.requests.filter(r => r.status === 304).length;
      rows.push({ ...result, requests, notModified });
    };
    await phase(`cold, +${LATENCY_MS} ms per answer`, true);
    await phase('warm ETags', false);
    await phase(`warm ETags, +${LATENCY_MS} ms per answer`, true);
    const { peakRssMb } = await ask<{ peakRssMb: number }>(
      child,
      { type: 'done' },
      'done',
    );

    const widths = [30, 9, 9, 9, 10, 9];
    const cell = (v: string, i: number) =>
      i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]);
    console.log(
      `scm facts: ${count.toLocaleString('en-US')} services × ${
        BENCH_FILES.length
      } files, real UrlReader + ` +
        `GitHub API on a loopback, 10 requests in flight per host; load average ${loadavg()
          .map(l => l.toFixed(2))
          .join(' ')}\n`,
    );
    console.log(
      ['phase', 'entities', 'requests', '304s', 'time', 'RSS']
        .map(cell)
        .join(' │ '),
    );
    console.log(widths.map(w => '─'.repeat(w)).join('─┼─'));
    for (const r of rows) {
      console.log(
        [
          r.label,
          String(r.entities),
          String(r.requests),
          String(r.notModified),
          `${(r.ms / 1000).toFixed(2)} s`,
          `${r.rssMb.toFixed(0)} MB`,
        ]
          .map(cell)
          .join(' │ '),
      );
    }
    const [cold, warm] = rows;
    const ok = cold.ms < 120_000 && warm.ms < 10_000 && peakRssMb < 400;
    console.log(
      `\nRSS after loading modules, before the first collection: ${loadedRssMb.toFixed(
        0,
      )} MB`,
    );
    console.log(
      `peak RSS ${peakRssMb.toFixed(0)} MB (target < 400 MB); cold ${(
        cold.ms / 1000
      ).toFixed(1)} s ` +
        `(target < 120 s); warm ${(warm.ms / 1000).toFixed(
          1,
        )} s (target < 10 s): ${ok ? 'PASS' : 'FAIL'}`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    child.kill();
    await github.stop();
  }
}

if (process.argv.includes('--worker')) {
  worker();
} else {
  main().catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
}
