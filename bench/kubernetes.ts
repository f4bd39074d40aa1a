/*
 * Kubernetes entity provider benchmark: generated workloads over 3 loopback API servers; a full sync
 * lists every kind (paged, 500 per page), maps, dedupes and applies a full mutation to a fake connection.
 * Run from the repository root:
 *
 *   yarn bench:kubernetes [workloads...]        (default: 500 5000 20000)
 *
 * The loopback servers run in this process; each size is synced in a fresh child process, so its peak
 * RSS (process.resourceUsage().maxRSS) is the provider's alone. Targets at 5,000: < 15 s, < 300 MB.
 */
import { fork } from 'node:child_process';
import type {
  AuthService,
  BackstageCredentials,
  BackstagePrincipalTypes,
  BackstageServicePrincipal,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { ConfigReader } from '@backstage/config';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { generateEstate, LoopbackCluster } from '@ratchet/kubernetes-loopback';
import { KubernetesEntityProvider } from '../plugins/catalog-backend-module-kubernetes/src';
import { benchLogger } from './lib/logger';

const CLUSTERS = ['bench-a', 'bench-b', 'bench-c'];
const TOKEN = 'bench-token';

interface WorkerResult {
  entities: number;
  baselineRssMb: number;
  coldMs: number;
  warmMs: number;
  peakRssMb: number;
  heapMb: number;
  added: number;
  unchanged: number;
}

/** Keeps only the size of what would be applied: the catalog's side is not measured here. */
class CountingConnection implements EntityProviderConnection {
  entities = 0;
  async applyMutation(mutation: EntityProviderMutation): Promise<void> {
    this.entities =
      mutation.type === 'full' ? mutation.entities.length : this.entities;
  }
  async refresh(): Promise<void> {}
}

// The provider only asks for its own service credentials. A hand-written AuthService keeps
// @backstage/backend-test-utils (about 50 MB of modules) out of the measured process.
const credentials: BackstageCredentials<BackstageServicePrincipal> = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'service', subject: 'plugin:catalog' },
};
const unused = async (): Promise<never> => {
  throw new Error('not used by the benchmark');
};
function isPrincipal<TType extends keyof BackstagePrincipalTypes>(
  c: BackstageCredentials,
  type: TType,
): c is BackstageCredentials<BackstagePrincipalTypes[TType]> {
  return (c.principal as { type?: string }).type === type;
}
const auth: AuthService = {
  authenticate: unused,
  getNoneCredentials: unused,
  getOwnServiceCredentials: async () => credentials,
  isPrincipal,
  getPluginRequestToken: unused,
  getLimitedUserToken: unused,
  listPublicServiceKeys: unused,
};

// One Component in ten of the generated services already comes from a catalog-info.yaml.
function yamlComponents(workloads: number): Entity[] {
  return Array.from({ length: Math.ceil(workloads / 10) }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${String(i * 10).padStart(5, '0')}`,
      namespace: 'default',
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-0',
    },
  }));
}

async function worker(
  urls: Record<string, string>,
  workloads: number,
): Promise<WorkerResult> {
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: CLUSTERS.map(name => ({
            name,
            url: urls[name],
            authProvider: 'serviceAccount',
            serviceAccountToken: TOKEN,
            skipTLSVerify: true,
          })),
        },
      ],
    },
    catalog: {
      providers: { kubernetes: { bench: { requestTimeout: { minutes: 1 } } } },
    },
  });
  const [provider] = KubernetesEntityProvider.fromConfig(config, {
    logger: benchLogger(process.env.VERBOSE === '1'),
    schedule: { run: async () => {} },
    catalog: new InMemoryCatalogClient({ entities: yamlComponents(workloads) }),
    auth,
  });
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
  const connection = new CountingConnection();
  await provider.connect(connection);
  let t0 = performance.now();
  const cold = await provider.refresh();
  const coldMs = performance.now() - t0;
  t0 = performance.now();
  const warm = await provider.refresh();
  const warmMs = performance.now() - t0;
  const failed = cold.clusters.filter(c => c.status !== 'ok');
  if (failed.length)
    throw new Error(`clusters failed: ${failed.map(c => c.error).join('; ')}`);
  return {
    entities: connection.entities,
    baselineRssMb,
    coldMs,
    warmMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapMb: process.memoryUsage().heapUsed / 2 ** 20,
    added: cold.counts.added,
    unchanged: warm.counts.unchanged,
  };
}

async function measure(workloads: number) {
  const estate = generateEstate({ clusters: CLUSTERS, workloads });
  const servers = await Promise.all(
    CLUSTERS.map(name =>
      LoopbackCluster.start({ name, tokens: TOKEN, objects: estate.get(name) }),
    ),
  );
  try {
    const child = fork(__filename, ['--worker'], {
      execArgv: process.execArgv,
    });
    const result = await new Promise<WorkerResult>((resolve, reject) => {
      // Only our own messages: the TypeScript loader may use the IPC channel too.
      child.on('message', message => {
        const m = message as {
          type?: string;
          result?: WorkerResult;
          error?: string;
        };
        if (m.type !== 'bench-result') return;
        if (m.error) reject(new Error(m.error));
        else resolve(m.result!);
      });
      child.once('exit', code =>
        reject(new Error(`worker exited with ${code}`)),
      );
      child.send({
        type: 'bench-urls',
        workloads,
        urls: Object.fromEntries(servers.map(s => [s.name, s.url])),
      });
    });
    child.kill();
    const requests = servers.reduce((n, s) => n + s.requestCount, 0);
    return { workloads, ...result, requests };
  } finally {
    await Promise.all(servers.map(s => s.stop()));
  }
}

async function main() {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter(n => n > 0);
  const rows = [];
  for (const size of sizes.length ? sizes : [500, 5_000, 20_000]) {
    rows.push(await measure(size));
  }
  const cell = (v: string, w: number) => v.padStart(w);
  const header = [
    'workloads',
    'entities',
    'requests',
    'full sync',
    'warm sync',
    'per 1k',
    'RSS loaded',
    'peak RSS',
    'heap',
  ];
  const widths = [10, 9, 9, 10, 10, 9, 10, 9, 8];
  console.log(
    `Kubernetes entity provider: full sync over ${CLUSTERS.length} loopback clusters (page size 500); ` +
      `"RSS loaded" is the worker after loading its modules, before the first sync\n`,
  );
  console.log(header.map((h, i) => cell(h, widths[i])).join(' │ '));
  console.log(widths.map(w => '─'.repeat(w)).join('─┼─'));
  for (const r of rows) {
    console.log(
      [
        r.workloads.toLocaleString('en-US'),
        r.entities.toLocaleString('en-US'),
        String(r.requests),
        `${(r.coldMs / 1000).toFixed(2)} s`,
        `${(r.warmMs / 1000).toFixed(2)} s`,
        `${((r.coldMs / r.workloads) * 1000).toFixed(0)} ms`,
        `${r.baselineRssMb.toFixed(0)} MB`,
        `${r.peakRssMb.toFixed(0)} MB`,
        `${r.heapMb.toFixed(0)} MB`,
      ]
        .map((v, i) => cell(v, widths[i]))
        .join(' │ '),
    );
  }
  const target = rows.find(r => r.workloads === 5_000);
  if (target) {
    const ok = target.coldMs < 15_000 && target.peakRssMb < 300;
    console.log(
      `\n5,000 workloads: ${(target.coldMs / 1000).toFixed(
        2,
      )} s (target < 15 s), peak RSS ${target.peakRssMb.toFixed(
        0,
      )} MB (target < 300 MB): ${ok ? 'PASS' : 'FAIL'}`,
    );
    if (!ok) process.exitCode = 1;
  }
}

if (process.argv.includes('--worker')) {
  process.on('message', message => {
    const m = message as {
      type?: string;
      urls?: Record<string, string>;
      workloads?: number;
    };
    if (m.type !== 'bench-urls' || !m.urls) return;
    worker(m.urls, m.workloads ?? 0)
      .then(result => process.send!({ type: 'bench-result', result }))
      .catch(error =>
        process.send!({
          type: 'bench-result',
          error: String(error?.stack ?? error),
        }),
      );
  });
} else {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
