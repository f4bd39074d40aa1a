/*
 * Two backend instances of the maturity plugin on one PostgreSQL database, with the real scheduler and
 * short schedules: each scheduled sweep runs once per cycle across both, and a level drop is notified once.
 * The catalog is mocked (fast, identical in both); notifications go to a recording fake shared by both.
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import type { ScorecardEntityV1alpha1 } from '@ratchet/backstage-plugin-maturity-common';
import type { Knex } from 'knex';
import { DatabaseFactStore } from '../facts/DatabaseFactStore';
import { maturityPlugin } from '../plugin';
import {
  createTestDatabase,
  POSTGRES_ENV,
  postgresUrl,
  TestDatabase,
  waitFor,
} from './postgres';

jest.setTimeout(60_000);

const SWEEP_LOG = 'Maturity sweep finished';
const SWEEP_SECONDS = 2;
const SCORECARD_REF = 'scorecard:default/service-maturity';
const SERVICE_REF = 'component:default/payments-api';

/** One log line of either instance. */
interface LogRecord {
  instance: string;
  message: string;
  meta: JsonObject;
  at: number;
}

/** A logger that records every line with the instance it came from (and prints nothing). */
function recordingLogger(
  instance: string,
  records: LogRecord[],
  inherited: JsonObject = {},
): LoggerService {
  const record = (message: string, meta?: Error | JsonObject) => {
    const fields = meta instanceof Error ? { error: meta.message } : meta ?? {};
    records.push({
      instance,
      message,
      meta: { ...inherited, ...fields },
      at: Date.now(),
    });
  };
  return {
    error: record,
    warn: record,
    info: record,
    debug: () => {},
    child: fields =>
      recordingLogger(instance, records, { ...inherited, ...fields }),
  };
}

const scorecard: ScorecardEntityV1alpha1 = {
  apiVersion: 'ratchet.dev/v1alpha1',
  kind: 'Scorecard',
  metadata: {
    name: 'service-maturity',
    namespace: 'default',
    title: 'Service Maturity',
  },
  spec: {
    owner: 'group:default/platform',
    levels: [
      { id: 'bronze', title: 'Bronze' },
      { id: 'silver', title: 'Silver' },
    ],
    categories: [{ id: 'quality', title: 'Quality' }],
    checks: [
      {
        id: 'has-owner',
        title: 'Has an owning team',
        level: 'bronze',
        category: 'quality',
        rule: { fact: 'catalog.owner.exists', operator: 'equal', value: true },
      },
      {
        id: 'ci-green',
        title: 'CI is green',
        level: 'bronze',
        category: 'quality',
        rule: {
          fact: 'pushed.ci.lastBuild',
          operator: 'equal',
          value: 'success',
        },
        messages: { fail: 'last build was {{pushed.ci.lastBuild}}' },
      },
    ],
  },
};

const catalogEntities: Entity[] = [
  scorecard,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
    },
  },
];

/** Starts one backend instance: real database service and scheduler, shared recorders. */
function startInstance(options: {
  instance: string;
  prefix: string;
  logs: LogRecord[];
  notifications: NotificationSendOptions[];
}) {
  const every = {
    frequency: { seconds: SWEEP_SECONDS },
    timeout: { seconds: 30 },
    initialDelay: { seconds: 1 },
  };
  return startTestBackend({
    features: [
      maturityPlugin,
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'pg',
              connection: postgresUrl,
              prefix: options.prefix,
            },
          },
          maturity: {
            schedules: {
              sweep: every,
              definitions: every,
              catalogFacts: every,
            },
          },
        },
      }),
      databaseServiceFactory,
      schedulerServiceFactory,
      catalogServiceMock.factory({ entities: catalogEntities }),
      createServiceFactory({
        service: coreServices.logger,
        deps: {},
        factory: () => recordingLogger(options.instance, options.logs),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(notification: NotificationSendOptions) {
            options.notifications.push(notification);
          },
        }),
      }),
    ],
  });
}

interface SweepRun {
  instance: string;
  start: number;
  end: number;
}

function sweepRuns(logs: LogRecord[]): SweepRun[] {
  return logs
    .filter(l => l.message === SWEEP_LOG)
    .map(l => ({
      instance: l.instance,
      end: l.at,
      start: l.at - Number(l.meta.durationMs ?? 0),
    }))
    .sort((a, b) => a.start - b.start);
}

// These need a real PostgreSQL; without one they are reported as skipped, with the reason in their title.
const describePostgres = postgresUrl ? describe : describe.skip;
const url = postgresUrl ?? '';

describePostgres(
  `two backend instances on one database (PostgreSQL; skipped unless ${POSTGRES_ENV} is set)`,
  () => {
    let database: TestDatabase;
    let knex: Knex;
    let stops: Array<() => Promise<void>>;
    const logs: LogRecord[] = [];
    const notifications: NotificationSendOptions[] = [];

    beforeEach(async () => {
      logs.length = 0;
      notifications.length = 0;
      stops = [];
      // The plugin's database is `<prefix>maturity`; created here so that neither instance races to create it.
      const prefix = `ratchet_rel_${Math.random().toString(36).slice(2, 10)}_`;
      database = await createTestDatabase(url, { name: `${prefix}maturity` });
      knex = database.client();
      // One after the other, as replicas roll out; each migrates and schedules the same global tasks.
      // (Started together on a fresh database, Backstage's own scheduler races to create its
      // migrations table; ours is guarded, see concurrentMigrations.test.ts.)
      for (const instance of ['a', 'b']) {
        const backend = await startInstance({
          instance,
          prefix,
          logs,
          notifications,
        });
        stops.push(() => backend.stop());
      }
    });

    afterEach(async () => {
      for (const stop of stops) await stop();
      await database?.drop();
    });

    it('runs each scheduled sweep once per cycle across both instances', async () => {
      await waitFor('six sweeps', () => sweepRuns(logs).length >= 6, 45_000);
      const runs = sweepRuns(logs);

      // Never two sweeps at the same time, on the same or on different instances…
      for (let i = 1; i < runs.length; i++) {
        expect(runs[i].start).toBeGreaterThanOrEqual(runs[i - 1].end);
      }
      // …and one per cycle: slots are `frequency` apart, so the runs between the first and the last start
      // fit in span / frequency + 1 slots (+1 for a late run followed at once by its successor's slot).
      // Both instances running every cycle would make about twice as many.
      const span = runs[runs.length - 1].start - runs[0].start;
      expect(runs.length).toBeLessThanOrEqual(
        Math.floor(span / (SWEEP_SECONDS * 1000)) + 2,
      );
      // Both instances are up and scheduling the same task: the task really is shared.
      expect(logs.some(l => l.instance === 'a')).toBe(true);
      expect(logs.some(l => l.instance === 'b')).toBe(true);
    });

    it('sends a level-drop notification once', async () => {
      const facts = DatabaseFactStore.fromKnex(knex);
      await waitFor('the plugin tables', () =>
        knex.schema.hasTable('maturity_facts'),
      );
      await facts.writeFacts([
        {
          entityRef: SERVICE_REF,
          source: 'pushed',
          facts: { ci: { lastBuild: 'success' } },
        },
      ]);
      const levelOf = async () => {
        const row: { level: string | null } | undefined = await knex(
          'maturity_levels',
        )
          .where({ entity_ref: SERVICE_REF, scorecard_ref: SCORECARD_REF })
          .first('level');
        return row === undefined ? undefined : row.level;
      };
      // The catalog facts arrive by the scheduled collection, the pushed ones above; a sweep reaches silver.
      await waitFor(
        'the service to reach silver',
        async () => (await levelOf()) === 'silver',
      );

      // A failed build: the bronze check `ci-green` fails, so the level drops to none.
      await facts.writeFacts([
        {
          entityRef: SERVICE_REF,
          source: 'pushed',
          facts: { ci: { lastBuild: 'failed' } },
        },
      ]);
      await waitFor(
        'the level to drop',
        async () => (await levelOf()) === null,
      );
      // Two more sweeps on whichever instances: a duplicate would have shown up by then.
      const sweepsAfterDrop = sweepRuns(logs).length;
      await waitFor(
        'two more sweeps',
        () => sweepRuns(logs).length >= sweepsAfterDrop + 2,
        30_000,
      );

      expect(notifications).toHaveLength(1);
      const [sent] = notifications;
      expect(sent.recipients).toEqual({
        type: 'entity',
        entityRef: 'group:default/payments',
      });
      expect(sent.payload.title).toContain('payments-api');
      expect(sent.payload.title).toContain('Service Maturity');
      expect(sent.payload.description).toContain('CI is green');
    });
  },
);
