/*
 * A reminder cycle of `yarn bench:campaigns`: 10,000 failing targets across 500 owner groups, sent through
 * Backstage's real DefaultNotificationService (fetch, plugin token from the auth service) to a loopback
 * notifications endpoint on node:http, claimed in the real send log, on a SQLite file and (when it answers)
 * PostgreSQL. Timed: the whole cycle, and a second run of the same cycle (every owner already claimed).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { DefaultNotificationService } from '@backstage/plugin-notifications-node';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CampaignNotifier } from '../../plugins/maturity-backend/src/campaigns/CampaignNotifier';
import type { CompiledCampaign } from '../../plugins/maturity-backend/src/campaigns/CampaignService';
import { DatabaseCampaignStore } from '../../plugins/maturity-backend/src/campaigns/DatabaseCampaignStore';
import type { TargetRecord } from '../../plugins/maturity-backend/src/campaigns/targets';
import { compileDefinitions } from '../../plugins/maturity-backend/src/evaluation/definitions/compileDefinitions';
import { DatabaseSendLog } from '../../plugins/maturity-backend/src/notifications/sendLog';
import {
  BenchDatabaseKind,
  openBenchDatabase,
  postgresReachable,
} from '../lib/databases';
import { benchLogger } from '../lib/logger';
import { benchCampaign, BENCH_CAMPAIGN_REF } from './estate';

/** A notifications backend stand-in: accepts POSTed notifications, counts them and their recipients. */
async function loopbackNotifications() {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const parsed = JSON.parse(body) as {
        recipients: { entityRef: string };
      };
      received.push(parsed.recipients.entityRef);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/notifications`,
    received,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** Rows of the reminder table: one per engine. */
export async function measureReminderCycle(
  targets: number,
  owners: number,
): Promise<string[][]> {
  const kinds: BenchDatabaseKind[] = ['sqlite-file'];
  const pg = await postgresReachable();
  if (pg.ok) kinds.push('postgres');
  const [campaign] = compileDefinitions([
    benchCampaign(),
  ]) as CompiledCampaign[];
  const rows: string[][] = [];
  if (!pg.ok) rows.push(['postgres', 'skipped', pg.reason, '', '', '']);
  for (const kind of kinds) {
    const database = await openBenchDatabase(kind);
    const { knex } = database;
    const store = DatabaseCampaignStore.fromKnex(knex);
    const at = new Date('2026-03-02T00:00:00Z');
    await store.transition(BENCH_CAMPAIGN_REF, {
      to: 'inProgress',
      cause: 'bench',
      at,
    });
    const records: TargetRecord[] = [];
    for (let i = 0; i < targets; i++) {
      records.push({
        campaignRef: BENCH_CAMPAIGN_REF,
        entityRef: `component:default/service-${i}`,
        owner: `group:default/team-${i % owners}`,
        state: 'failing',
        since: at.toISOString(),
        joinedAt: at.toISOString(),
        firstPassedAt: null,
        regressed: false,
        failing: [
          {
            checkId: 'has-techdocs',
            status: 'fail',
            message: 'backstage.io/techdocs-ref is missing',
          },
        ],
      });
    }
    await store.applyTargets(BENCH_CAMPAIGN_REF, {
      upserts: records,
      removals: [],
      at,
    });
    const loopback = await loopbackNotifications();
    const notifier = CampaignNotifier.create({
      store,
      sendLog: DatabaseSendLog.fromKnex(knex),
      notifications: DefaultNotificationService.create({
        auth: mockServices.auth(),
        discovery: {
          getBaseUrl: async () => loopback.url,
          getExternalBaseUrl: async () => loopback.url,
        },
      }),
      logger: benchLogger(true),
      now: () => new Date('2026-03-10T12:00:00Z'),
    });
    const started = process.hrtime.bigint();
    const { sent } = await notifier.sendDueReminders([campaign]);
    const cycleMs = Number(process.hrtime.bigint() - started) / 1e6;
    const again = process.hrtime.bigint();
    const second = await notifier.sendDueReminders([campaign]);
    const againMs = Number(process.hrtime.bigint() - again) / 1e6;
    const distinct = new Set(loopback.received).size;
    rows.push([
      kind,
      `${targets} targets / ${owners} owners`,
      `${sent} sent (${distinct} distinct owners)`,
      `${(cycleMs / 1000).toFixed(2)} s`,
      `${second.sent} sent, ${(againMs / 1000).toFixed(2)} s`,
      cycleMs < 10_000 && sent === owners && second.sent === 0
        ? '< 10 s: met'
        : '< 10 s: MISSED',
    ]);
    await loopback.close();
    await database.close();
  }
  return rows;
}
