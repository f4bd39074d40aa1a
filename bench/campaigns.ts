/*
 * Campaigns under load. Part 1: the real Backstage backend of bench:api (real HTTP, auth, scheduler,
 * database service, the maturity plugin) over 10,000 entities with one campaign targeting all of them:
 * the campaign list, one campaign, a page of its targets, per-team progress and an entity's campaigns,
 * each under 50 concurrent connections (p95 target 100 ms). Part 2: one reminder cycle for 10,000
 * failing targets across 500 owner groups through the real notification service (target < 10 s).
 *
 *   yarn bench:campaigns [--entities 10000] [--duration 10] [--connections 50] [--owners 500] [--skip-api]
 */
import { parseEntityRef } from '@backstage/catalog-model';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackend } from './api/backend';
import type { ApiEndpoint } from './api/endpoints';
import { clientMain } from './api/loadClient';
import { measureEndpoint, printApiReport } from './api/measure';
import { benchCampaign, preloadWithCampaign } from './campaigns/estate';
import { measureReminderCycle } from './campaigns/reminders';
import { machineLoad, printTable } from './lib/stats';

const CAMPAIGN = '/api/maturity/campaigns/default/bench-campaign';

const same = (url: (ref: string) => string) => ({ url, placeholder: url });

const ENDPOINTS: ApiEndpoint[] = [
  {
    id: 'list',
    title: 'campaign list',
    p95Target: 100,
    perEntity: false,
    ...same(() => '/api/maturity/campaigns'),
  },
  {
    id: 'campaign',
    title: 'one campaign',
    p95Target: 100,
    perEntity: false,
    ...same(() => CAMPAIGN),
  },
  {
    id: 'owners',
    title: 'per-team progress',
    p95Target: 100,
    perEntity: false,
    ...same(() => `${CAMPAIGN}/owners`),
  },
  {
    id: 'targets',
    title: 'failing targets, page of 50',
    p95Target: 100,
    perEntity: false,
    ...same(() => `${CAMPAIGN}/targets?state=failing&limit=50`),
  },
  {
    id: 'entity',
    title: "an entity's campaigns",
    p95Target: 100,
    perEntity: true,
    ...same(ref => {
      const { kind, namespace, name } = parseEntityRef(ref);
      return `/api/maturity/entities/${kind}/${namespace}/${name}/campaigns`;
    }),
  },
];

async function main(argv: string[]) {
  const arg = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const entityCount = arg('--entities', 10_000);
  const duration = arg('--duration', 10);
  const connections = arg('--connections', 50);
  const owners = arg('--owners', 500);
  console.log(`node ${process.version}; ${machineLoad()}`);

  if (!argv.includes('--skip-api')) {
    const directory = fs.mkdtempSync(
      path.join(os.tmpdir(), 'ratchet-bench-campaigns-'),
    );
    const started = Date.now();
    const preloaded = await preloadWithCampaign(directory, entityCount);
    console.log(
      `preloaded ${preloaded.generated.length} entities, ${
        preloaded.evaluations
      } results in ${((Date.now() - started) / 1000).toFixed(
        1,
      )} s; the sweep with campaign progress precomputed from its results hook took ${(
        preloaded.sweepMs / 1000
      ).toFixed(1)} s; campaign progress ${JSON.stringify(preloaded.progress)}`,
    );
    const backend = await startBackend(directory, preloaded.generated, [
      benchCampaign(),
    ]);
    try {
      const sample = preloaded.generated.filter(
        (_, i) =>
          i % Math.max(1, Math.floor(preloaded.generated.length / 2000)) === 0,
      );
      const rows: string[][] = [];
      const notes: string[] = [];
      const context = {
        backend,
        sample,
        connections,
        duration,
        cpuProf: argv.includes('--cpu-prof'),
      };
      for (const endpoint of ENDPOINTS)
        await measureEndpoint(endpoint, context, rows, notes);
      printApiReport(rows, notes, {
        connections,
        duration,
        entities: preloaded.generated.length,
      });
    } finally {
      await backend.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  }

  const rows = await measureReminderCycle(10_000, owners);
  console.log(
    `\nReminder cycle — one notification per owner; ${machineLoad()}`,
  );
  printTable(
    ['engine', 'cycle', 'notifications', 'time', 'same cycle again', 'target'],
    rows,
  );
}

if (process.argv[2] === '--client') {
  clientMain(process.argv[3]);
} else {
  main(process.argv.slice(2))
    .catch(error => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => process.exit());
}
